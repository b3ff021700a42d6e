-- Envelope encryption of secrets and sensitive data. The plaintext columns are renamed to their sealed
-- names and keep their values here; the key is not in the database, so the rows are sealed at start
-- (db/sealed/plaintext.ts, run by migrateDatabase): a row without a data key is still plaintext.
CREATE TABLE "data_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"kek_id" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"protects" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rewrapped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "data_keys_kek_idx" ON "data_keys" USING btree ("kek_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "data_key_id" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" RENAME COLUMN "card_no" TO "sealed_card_no";--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "card_last4" text;--> statement-breakpoint
UPDATE "credentials" SET "card_last4" = right("sealed_card_no", 4) WHERE "sealed_card_no" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "data_key_id" text;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_connections" RENAME COLUMN "password" TO "sealed_password";--> statement-breakpoint
-- The stored "push secret hash" was the devices' signing key itself: it is kept, and sealed, as the push key.
ALTER TABLE "device_connections" RENAME COLUMN "push_secret_hash" TO "sealed_push_key";--> statement-breakpoint
ALTER TABLE "device_connections" ADD COLUMN "data_key_id" text;--> statement-breakpoint
ALTER TABLE "device_connections" ADD CONSTRAINT "device_connections_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The price is part of the sealed content (it always was in the JSON); the clear column goes.
UPDATE "bids" SET "content" = jsonb_set("content", '{priceYuan}', to_jsonb("price_yuan")) WHERE NOT ("content" ? 'priceYuan');--> statement-breakpoint
ALTER TABLE "bids" DROP COLUMN "price_yuan";--> statement-breakpoint
ALTER TABLE "bids" RENAME COLUMN "content" TO "sealed_content";--> statement-breakpoint
ALTER TABLE "bids" ALTER COLUMN "sealed_content" SET DATA TYPE text USING "sealed_content"::text;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "data_key_id" text;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;
