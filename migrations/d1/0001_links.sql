CREATE TABLE `campaign_edges` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`status` text NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`fallback_url` text NOT NULL,
	`utm_source` text NOT NULL,
	`utm_medium` text NOT NULL,
	`utm_campaign` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `links` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`brand_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`creator_id` text NOT NULL,
	`product_id` text,
	`target_key` text NOT NULL,
	`destination` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_code_unique` ON `links` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `links_triple` ON `links` (`campaign_id`,`creator_id`,`target_key`);--> statement-breakpoint
CREATE INDEX `links_campaign_idx` ON `links` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `links_creator_idx` ON `links` (`creator_id`);