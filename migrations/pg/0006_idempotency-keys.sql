CREATE TABLE "idempotency_keys" (
	"brand_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"event_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_brand_id_key_pk" PRIMARY KEY("brand_id","key")
);
