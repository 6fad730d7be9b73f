CREATE TABLE "campaign_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"status" "campaign_status" NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_spend_days" (
	"campaign_id" text NOT NULL,
	"day" date NOT NULL,
	"spent_minor" bigint DEFAULT 0 NOT NULL,
	"charges" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_spend_days_campaign_id_day_pk" PRIMARY KEY("campaign_id","day")
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "click_dedup_seconds" integer DEFAULT 3600 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "duplicate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "link_minutes" ADD COLUMN "duplicate_clicks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_status_history" ADD CONSTRAINT "campaign_status_history_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_status_history_campaign_at" ON "campaign_status_history" USING btree ("campaign_id","at");--> statement-breakpoint
CREATE INDEX "events_link_visitor_at" ON "events" USING btree ("link_id","visitor_hash","at") WHERE "events"."type" = 'click';--> statement-breakpoint
ALTER TABLE "campaign_spend" DROP COLUMN "day";--> statement-breakpoint
ALTER TABLE "campaign_spend" DROP COLUMN "spent_today_minor";--> statement-breakpoint
-- Every status change is recorded, whoever writes it (the API, the budget and velocity guards).
CREATE FUNCTION record_campaign_status() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
    INSERT INTO campaign_status_history (campaign_id, status, at)
    VALUES (NEW.id, NEW.status, CASE WHEN TG_OP = 'INSERT' THEN NEW.created_at ELSE NEW.updated_at END);
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER campaigns_status_history AFTER INSERT OR UPDATE OF status ON campaigns FOR EACH ROW EXECUTE FUNCTION record_campaign_status();--> statement-breakpoint
-- Existing campaigns: a launched one counts as live since it was made; one paused or ended
-- since its last change. Drafts have never been live.
INSERT INTO campaign_status_history (campaign_id, status, at)
SELECT id, CASE WHEN status = 'draft' THEN 'draft'::campaign_status ELSE 'active'::campaign_status END, created_at FROM campaigns;--> statement-breakpoint
INSERT INTO campaign_status_history (campaign_id, status, at)
SELECT id, status, updated_at FROM campaigns WHERE status IN ('paused', 'ended');--> statement-breakpoint
-- Daily spend so far, per day in each campaign's zone, from the ledger: a reversal gives back
-- the day of the charge it reverses.
INSERT INTO campaign_spend_days (campaign_id, day, spent_minor, charges)
SELECT x.campaign_id, (x.at AT TIME ZONE c.time_zone)::date, sum(x.cost_minor), sum(x.n)
FROM (
  SELECT campaign_id, at, cost_minor, 1 AS n FROM ledger_entries WHERE kind = 'charge'
  UNION ALL
  SELECT r.campaign_id, o.at, r.cost_minor, -1 FROM ledger_entries r JOIN ledger_entries o ON o.key = 'charge:' || substr(r.key, 10) WHERE r.kind = 'reversal'
) x JOIN campaigns c ON c.id = x.campaign_id
GROUP BY 1, 2;
