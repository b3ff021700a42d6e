CREATE TABLE "device_firmware" (
	"device_id" text PRIMARY KEY NOT NULL,
	"model" text NOT NULL,
	"firmware_version" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "firmware_releases" (
	"id" text PRIMARY KEY NOT NULL,
	"vendor_id" text NOT NULL,
	"version" text NOT NULL,
	"models" text[] NOT NULL,
	"released_on" date NOT NULL,
	"notes" text NOT NULL,
	"file_id" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"registered_by" text NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "upgrade_devices" (
	"plan_id" text NOT NULL,
	"device_id" text NOT NULL,
	"wave" integer NOT NULL,
	"position" integer NOT NULL,
	"model" text NOT NULL,
	"target_version" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"version_before" text,
	"version_after" text,
	"backup_file_id" text,
	"backup_sha256" text,
	"backed_up_at" timestamp with time zone,
	"upload_sent_at" timestamp with time zone,
	"writing_seen_at" timestamp with time zone,
	"reboot_seen_at" timestamp with time zone,
	"rollback_upload_sent_at" timestamp with time zone,
	"rollback_started_at" timestamp with time zone,
	"checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rollback_checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"upgrade_ms" integer,
	"rollback_ms" integer,
	CONSTRAINT "upgrade_devices_plan_id_device_id_pk" PRIMARY KEY("plan_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "upgrade_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"targets" jsonb NOT NULL,
	"canary_device_id" text NOT NULL,
	"window_starts_at" timestamp with time zone NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL,
	"wave_size" integer NOT NULL,
	"max_failures" integer NOT NULL,
	"wave_pause_ms" integer NOT NULL,
	"risk" text NOT NULL,
	"risk_assessment" text NOT NULL,
	"rollback_plan" text NOT NULL,
	"needs_management" boolean NOT NULL,
	"drafted_by" text NOT NULL,
	"drafted_at" timestamp with time zone NOT NULL,
	"approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"outcome" jsonb,
	CONSTRAINT "upgrade_plans_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "upgrade_proposals" (
	"device_id" text PRIMARY KEY NOT NULL,
	"model" text NOT NULL,
	"current_version" text NOT NULL,
	"release_id" text NOT NULL,
	"version" text NOT NULL,
	"open_faults" integer NOT NULL,
	"current_age_days" integer,
	"priority" text NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	"workflow_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_kind";--> statement-breakpoint
ALTER TABLE "device_firmware" ADD CONSTRAINT "device_firmware_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firmware_releases" ADD CONSTRAINT "firmware_releases_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firmware_releases" ADD CONSTRAINT "firmware_releases_file_id_attachments_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firmware_releases" ADD CONSTRAINT "firmware_releases_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_devices" ADD CONSTRAINT "upgrade_devices_plan_id_upgrade_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."upgrade_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_devices" ADD CONSTRAINT "upgrade_devices_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_devices" ADD CONSTRAINT "upgrade_devices_backup_file_id_attachments_id_fk" FOREIGN KEY ("backup_file_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_plans" ADD CONSTRAINT "upgrade_plans_canary_device_id_devices_id_fk" FOREIGN KEY ("canary_device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_plans" ADD CONSTRAINT "upgrade_plans_drafted_by_users_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_proposals" ADD CONSTRAINT "upgrade_proposals_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_proposals" ADD CONSTRAINT "upgrade_proposals_release_id_firmware_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."firmware_releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "firmware_releases_vendor_version_idx" ON "firmware_releases" USING btree ("vendor_id","version");--> statement-breakpoint
CREATE INDEX "firmware_releases_models_idx" ON "firmware_releases" USING gin ("models");--> statement-breakpoint
CREATE INDEX "upgrade_devices_device_idx" ON "upgrade_devices" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "upgrade_plans_status_idx" ON "upgrade_plans" USING btree ("status","window_ends_at");--> statement-breakpoint
CREATE INDEX "upgrade_proposals_priority_idx" ON "upgrade_proposals" USING btree ("priority","device_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_kind" CHECK ("attachments"."kind" in ('inspection-photo', 'fault-photo', 'consent-scan', 'face', 'fingerprint', 'pin', 'firmware', 'device-configuration'));