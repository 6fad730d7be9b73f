ALTER TABLE `links` ADD `promo_code` text;--> statement-breakpoint
CREATE UNIQUE INDEX `links_brand_promo` ON `links` (`brand_id`,`promo_code`);