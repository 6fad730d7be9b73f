CREATE TYPE "public"."brand_goal" AS ENUM('awareness', 'traffic', 'leads', 'sales', 'calls');--> statement-breakpoint
CREATE TYPE "public"."brand_role" AS ENUM('owner', 'admin', 'member');--> statement-breakpoint
CREATE TYPE "public"."brand_onboarding_step" AS ENUM('goal', 'complete');--> statement-breakpoint
CREATE TABLE "brand_members" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" "brand_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brands" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"website" text NOT NULL,
	"industry" text NOT NULL,
	"company_size" text NOT NULL,
	"country" text NOT NULL,
	"goal" "brand_goal",
	"onboarding_step" "brand_onboarding_step" DEFAULT 'goal' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brand_members" ADD CONSTRAINT "brand_members_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "brand_members_brand_user" ON "brand_members" USING btree ("brand_id","user_id");--> statement-breakpoint
CREATE INDEX "brand_members_user_idx" ON "brand_members" USING btree ("user_id");