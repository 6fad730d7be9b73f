CREATE TABLE `otp_network_throttles` (
	`email` text NOT NULL,
	`network` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer,
	PRIMARY KEY(`email`, `network`)
);
--> statement-breakpoint
CREATE TABLE `event_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `event_outbox_state_idx` ON `event_outbox` (`state`);--> statement-breakpoint
ALTER TABLE `otp_throttles` ADD `failure_window_start` integer DEFAULT 0 NOT NULL;