CREATE TABLE "campaign_rates" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"rate_minor" bigint,
	"rate_bps" integer
);
--> statement-breakpoint
ALTER TABLE "campaign_rates" ADD CONSTRAINT "campaign_rates_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_rates_campaign_from" ON "campaign_rates" USING btree ("campaign_id","effective_from");--> statement-breakpoint
-- Existing campaigns: their current rate has been in force since they were created.
INSERT INTO "campaign_rates" ("id", "campaign_id", "effective_from", "rate_minor", "rate_bps")
SELECT 'rate_' || substr(md5(random()::text || c."id"), 1, 26), c."id", c."created_at", c."rate_minor", c."rate_bps" FROM "campaigns" c;
