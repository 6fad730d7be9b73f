CREATE TABLE "storefront_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"creator_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"message" text NOT NULL,
	"preferred_time" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "storefront_messages_creator" ON "storefront_messages" USING btree ("creator_id","created_at");