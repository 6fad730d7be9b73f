CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"brand_id" text NOT NULL,
	"campaign_id" text,
	"link_id" text,
	"creator_id" text,
	"click_id" text,
	"visitor_hash" text,
	"fraud" boolean DEFAULT false NOT NULL,
	"score" real,
	"reasons" text[] DEFAULT '{}' NOT NULL,
	"unique" boolean DEFAULT false NOT NULL,
	"props" jsonb NOT NULL,
	"utm" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_minutes" (
	"link_id" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"brand_id" text NOT NULL,
	"campaign_id" text,
	"creator_id" text,
	"clicks" integer DEFAULT 0 NOT NULL,
	"valid_clicks" integer DEFAULT 0 NOT NULL,
	"invalid_clicks" integer DEFAULT 0 NOT NULL,
	"unique_clicks" integer DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "link_minutes_link_id_minute_pk" PRIMARY KEY("link_id","minute")
);
--> statement-breakpoint
CREATE TABLE "rejected_events" (
	"message_id" text PRIMARY KEY NOT NULL,
	"body" jsonb,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "events_link_at" ON "events" USING btree ("link_id","at");--> statement-breakpoint
CREATE INDEX "events_campaign_at" ON "events" USING btree ("campaign_id","at");--> statement-breakpoint
CREATE INDEX "events_click" ON "events" USING btree ("click_id");--> statement-breakpoint
CREATE INDEX "link_minutes_campaign" ON "link_minutes" USING btree ("campaign_id","minute");