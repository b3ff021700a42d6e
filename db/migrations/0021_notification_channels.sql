ALTER TABLE "notification_deliveries" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "owners" ADD COLUMN "mobile" text;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "body" text;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "link" text;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "wecom_user_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_address_once_idx" ON "notification_deliveries" USING btree ("notification_id","channel","address") WHERE "notification_deliveries"."user_id" is null;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_recipient_check" CHECK (("notification_deliveries"."user_id" is null) <> ("notification_deliveries"."address" is null));