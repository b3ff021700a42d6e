DROP INDEX "device_events_sequence_idx";--> statement-breakpoint
ALTER TABLE "device_events" ADD COLUMN "epoch" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "device_events" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "device_health" ADD COLUMN "epoch" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "device_health" ADD COLUMN "restarted_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "device_events_device_sequence_idx" ON "device_events" USING btree ("device_id","sequence");--> statement-breakpoint
CREATE INDEX "device_events_pending_idx" ON "device_events" USING btree ("claimed_at") WHERE incident_workflow_id = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "device_events_sequence_idx" ON "device_events" USING btree ("device_id","epoch","sequence");