CREATE TABLE `otp_network_throttles` (
	`email` text NOT NULL,
	`network` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer,
	PRIMARY KEY(`email`, `network`)
);
--> statement-breakpoint
ALTER TABLE `otp_throttles` ADD `failure_window_start` integer DEFAULT 0 NOT NULL;