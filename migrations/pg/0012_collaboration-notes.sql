CREATE TABLE "collaboration_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"collaboration_id" text NOT NULL,
	"author" text NOT NULL,
	"author_user_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "collaboration_notes" ADD CONSTRAINT "collaboration_notes_collaboration_id_collaborations_id_fk" FOREIGN KEY ("collaboration_id") REFERENCES "public"."collaborations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collaboration_notes_collab" ON "collaboration_notes" USING btree ("collaboration_id","created_at");