CREATE TABLE "dispute_credits" (
	"dispute_id" text NOT NULL,
	"event_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"cost_minor" bigint NOT NULL,
	"reasons" text[] NOT NULL,
	CONSTRAINT "dispute_credits_dispute_id_event_id_pk" PRIMARY KEY("dispute_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "traffic_disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"opened_by" text NOT NULL,
	"outcome" jsonb NOT NULL,
	"credited_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dispute_credits" ADD CONSTRAINT "dispute_credits_dispute_id_traffic_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."traffic_disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_credits" ADD CONSTRAINT "dispute_credits_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "traffic_disputes_campaign" ON "traffic_disputes" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "traffic_disputes_creator" ON "traffic_disputes" USING btree ("creator_id","created_at");