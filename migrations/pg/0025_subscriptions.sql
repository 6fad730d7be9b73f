CREATE TABLE "subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"provider_subscription_id" text,
	"customer_id" text,
	"user_id" text NOT NULL,
	"community_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"tier_id" text NOT NULL,
	"interval" text NOT NULL,
	"price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'incomplete' NOT NULL,
	"current_period_start" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"credit_minor" bigint DEFAULT 0 NOT NULL,
	"grace_until" timestamp with time zone,
	"last_event_created" bigint DEFAULT 0 NOT NULL,
	"order_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_provider_subscription_id_unique" UNIQUE("provider_subscription_id")
);
--> statement-breakpoint
CREATE TABLE "tier_prices" (
	"tier_id" text NOT NULL,
	"interval" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"stripe_price_id" text NOT NULL,
	CONSTRAINT "tier_prices_tier_id_interval_amount_minor_currency_pk" PRIMARY KEY("tier_id","interval","amount_minor","currency")
);
--> statement-breakpoint
CREATE INDEX "subscriptions_user" ON "subscriptions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "subscriptions_due" ON "subscriptions" USING btree ("status","current_period_end");--> statement-breakpoint
CREATE INDEX "subscriptions_community" ON "subscriptions" USING btree ("community_id","user_id");