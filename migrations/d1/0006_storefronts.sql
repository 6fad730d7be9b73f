CREATE TABLE `storefront_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`storefront_id` text NOT NULL,
	`version` integer NOT NULL,
	`doc` text NOT NULL,
	`note` text NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `storefront_versions_version` ON `storefront_versions` (`storefront_id`,`version`);--> statement-breakpoint
CREATE INDEX `storefront_versions_sf_idx` ON `storefront_versions` (`storefront_id`,`published_at`);--> statement-breakpoint
CREATE TABLE `storefronts` (
	`id` text PRIMARY KEY NOT NULL,
	`creator_id` text NOT NULL,
	`template` text NOT NULL,
	`draft` text NOT NULL,
	`draft_revision` integer NOT NULL,
	`published_version` integer,
	`published` text,
	`published_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `storefronts_creator_id_unique` ON `storefronts` (`creator_id`);