ALTER TABLE "campaigns" ADD COLUMN "audience_min" integer;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "audience_max" integer;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "platforms" text[] DEFAULT '{}' NOT NULL;