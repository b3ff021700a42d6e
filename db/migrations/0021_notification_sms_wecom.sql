ALTER TABLE "notification_preferences" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "wecom_user_id" text;