CREATE TABLE `creator_products` (
	`id` text PRIMARY KEY NOT NULL,
	`creator_id` text NOT NULL,
	`kind` text NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`inventory` integer,
	`image_url` text,
	`file_key` text,
	`file_name` text,
	`file_bytes` integer,
	`file_type` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `creator_products_slug` ON `creator_products` (`creator_id`,`slug`);--> statement-breakpoint
CREATE INDEX `creator_products_creator_idx` ON `creator_products` (`creator_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `stock_holds` (
	`order_id` text NOT NULL,
	`product_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`status` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`order_id`, `product_id`)
);
--> statement-breakpoint
CREATE INDEX `stock_holds_product_idx` ON `stock_holds` (`product_id`,`status`);--> statement-breakpoint
CREATE INDEX `stock_holds_due_idx` ON `stock_holds` (`status`,`expires_at`);