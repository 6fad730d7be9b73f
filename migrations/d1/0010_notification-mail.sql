ALTER TABLE `notifications` ADD `mail_state` text DEFAULT 'sent' NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `mail_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `mail_error` text;--> statement-breakpoint
CREATE INDEX `notifications_mail_idx` ON `notifications` (`mail_state`,`created_at`);