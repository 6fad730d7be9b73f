ALTER TABLE "events" ADD COLUMN "billed_minor" bigint;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "billing" text;