ALTER TABLE "credential_devices" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "credential_devices" ADD COLUMN "pending_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "face_deletion_devices" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;