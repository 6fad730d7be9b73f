CREATE TABLE `catalog_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`format` text NOT NULL,
	`status` text NOT NULL,
	`dry_run` integer NOT NULL,
	`skip_invalid` integer NOT NULL,
	`currency` text NOT NULL,
	`file_key` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`rows` integer NOT NULL,
	`processed` integer NOT NULL,
	`created` integer NOT NULL,
	`updated` integer NOT NULL,
	`skipped` integer NOT NULL,
	`errors` text NOT NULL,
	`error_count` integer NOT NULL,
	`failure` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `catalog_imports_brand_idx` ON `catalog_imports` (`brand_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `categories_brand_parent_idx` ON `categories` (`brand_id`,`parent_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `categories_brand_slug` ON `categories` (`brand_id`,`slug`);--> statement-breakpoint
CREATE TABLE `category_attributes` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`category_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`options` text NOT NULL,
	`required` integer NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `category_attributes_key` ON `category_attributes` (`category_id`,`key`);--> statement-breakpoint
CREATE INDEX `category_attributes_brand_idx` ON `category_attributes` (`brand_id`);--> statement-breakpoint
CREATE TABLE `media` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`product_id` text,
	`key` text,
	`url` text,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer,
	`height` integer,
	`alt` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `media_product_idx` ON `media` (`product_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `media_product_url` ON `media` (`product_id`,`url`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`category_id` text,
	`handle` text NOT NULL,
	`title` text NOT NULL,
	`description_html` text NOT NULL,
	`vendor` text NOT NULL,
	`tags` text NOT NULL,
	`status` text NOT NULL,
	`options` text NOT NULL,
	`attributes` text NOT NULL,
	`currency` text NOT NULL,
	`seo_title` text,
	`seo_description` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_brand_handle` ON `products` (`brand_id`,`handle`);--> statement-breakpoint
CREATE INDEX `products_brand_category_idx` ON `products` (`brand_id`,`category_id`);--> statement-breakpoint
CREATE INDEX `products_brand_status_idx` ON `products` (`brand_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `variants` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`product_id` text NOT NULL,
	`sku` text,
	`option1` text,
	`option2` text,
	`option3` text,
	`option_key` text NOT NULL,
	`price_minor` integer NOT NULL,
	`compare_at_minor` integer,
	`inventory` integer NOT NULL,
	`weight_grams` integer NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `variants_brand_sku` ON `variants` (`brand_id`,`sku`) WHERE "variants"."sku" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `variants_product_options` ON `variants` (`product_id`,`option_key`);