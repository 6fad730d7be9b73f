CREATE TABLE "drop_reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"drop_id" text NOT NULL,
	"community_id" text NOT NULL,
	"user_id" text NOT NULL,
	"creator_id" text,
	"product_id" text,
	"status" text NOT NULL,
	"event_id" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "drop_reservations_drop" ON "drop_reservations" USING btree ("drop_id");--> statement-breakpoint
CREATE INDEX "drop_reservations_user" ON "drop_reservations" USING btree ("user_id");