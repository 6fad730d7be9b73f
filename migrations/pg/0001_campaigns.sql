CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'active', 'paused', 'ended');--> statement-breakpoint
CREATE TYPE "public"."cpp_mode" AS ENUM('percent', 'flat');--> statement-breakpoint
CREATE TYPE "public"."pricing_model" AS ENUM('cpc', 'cpv', 'cpp', 'cpcall');--> statement-breakpoint
CREATE TABLE "brand_domains" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"domain" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"name" text NOT NULL,
	"pricing_model" "pricing_model" NOT NULL,
	"cpp_mode" "cpp_mode",
	"rate_minor" bigint,
	"rate_bps" integer,
	"min_call_seconds" integer,
	"currency" text NOT NULL,
	"total_budget_minor" bigint NOT NULL,
	"daily_budget_minor" bigint,
	"attribution_window_days" integer DEFAULT 30 NOT NULL,
	"target_countries" text[] DEFAULT '{}' NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"fallback_url" text NOT NULL,
	"utm_source" text DEFAULT 'tandem' NOT NULL,
	"utm_medium" text DEFAULT 'affiliate' NOT NULL,
	"utm_campaign" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brand_domains" ADD CONSTRAINT "brand_domains_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "brand_domains_brand_domain" ON "brand_domains" USING btree ("brand_id","domain");--> statement-breakpoint
CREATE INDEX "campaigns_brand_idx" ON "campaigns" USING btree ("brand_id");