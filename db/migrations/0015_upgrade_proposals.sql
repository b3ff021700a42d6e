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
ALTER TABLE "upgrade_proposals" ADD CONSTRAINT "upgrade_proposals_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upgrade_proposals" ADD CONSTRAINT "upgrade_proposals_release_id_firmware_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."firmware_releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "upgrade_proposals_priority_idx" ON "upgrade_proposals" USING btree ("priority","device_id");