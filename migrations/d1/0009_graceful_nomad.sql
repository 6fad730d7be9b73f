CREATE TABLE `event_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `event_outbox_state_idx` ON `event_outbox` (`state`);