CREATE TABLE "maturing_earnings" (
	"entry_id" text PRIMARY KEY NOT NULL,
	"creator_id" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"creator_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"account_id" text NOT NULL,
	"country" text NOT NULL,
	"service_agreement" text NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"requirements_due" text[] DEFAULT '{}' NOT NULL,
	"last_bank_payout" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_accounts_account_id_unique" UNIQUE("account_id")
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"creator_id" text NOT NULL,
	"account_id" text NOT NULL,
	"provider" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"transfer_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"failed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "brands" ADD COLUMN "holding_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
CREATE INDEX "maturing_earnings_due" ON "maturing_earnings" USING btree ("status","available_at");--> statement-breakpoint
CREATE INDEX "maturing_earnings_creator" ON "maturing_earnings" USING btree ("creator_id","status","available_at");--> statement-breakpoint
CREATE INDEX "payouts_creator" ON "payouts" USING btree ("creator_id","created_at");--> statement-breakpoint
CREATE INDEX "payouts_status" ON "payouts" USING btree ("status","created_at");--> statement-breakpoint
-- Campaign earnings from before settlement existed mature on the default holding period (30 days after
-- each charge); charges already reversed earned nothing.
INSERT INTO "maturing_earnings" ("entry_id", "creator_id", "currency", "amount_minor", "source", "source_id", "available_at")
SELECT e."id", a."owner_id", a."currency", l."amount_minor", 'campaign', e."campaign_id", e."at" + interval '30 days'
FROM "ledger_entries" e
JOIN "ledger_lines" l ON l."entry_id" = e."id"
JOIN "ledger_accounts" a ON a."id" = l."account_id"
WHERE e."kind" = 'charge' AND a."kind" = 'creator_pending' AND l."amount_minor" > 0
  AND NOT EXISTS (SELECT 1 FROM "ledger_entries" r WHERE r."key" = 'reversal:' || e."event_id");
