ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'brand_wallet';--> statement-breakpoint
ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'provider_clearing';--> statement-breakpoint
ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'provider_fees';--> statement-breakpoint
ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'creator_available';--> statement-breakpoint
ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'creator_paid_out';--> statement-breakpoint
ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'creator_receivable';--> statement-breakpoint
CREATE TABLE "checkout_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"provider_session_id" text NOT NULL,
	"purpose" text NOT NULL,
	"owner_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"url" text NOT NULL,
	"success_url" text NOT NULL,
	"cancel_url" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "checkout_sessions_provider_session_id_unique" UNIQUE("provider_session_id")
);
--> statement-breakpoint
CREATE TABLE "provider_events" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"type" text NOT NULL,
	"created" bigint NOT NULL,
	"outcome" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "event_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "campaign_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "creator_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "reference" text;--> statement-breakpoint
CREATE INDEX "checkout_sessions_owner" ON "checkout_sessions" USING btree ("purpose","owner_id","created_at");