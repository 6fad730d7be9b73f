ALTER TABLE `community_members` ADD `granted_by` text;--> statement-breakpoint
ALTER TABLE `community_tiers` ADD `annual_price_minor` integer;