CREATE TABLE "residents" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"phone" text NOT NULL,
	"id_document_kind" text NOT NULL,
	"sealed_id_document" text NOT NULL,
	"id_document_last4" text NOT NULL,
	"data_key_id" text,
	"move_in_date" date NOT NULL,
	"move_out_date" date
);
--> statement-breakpoint
ALTER TABLE "access_log" DROP CONSTRAINT "access_log_kind";--> statement-breakpoint
ALTER TABLE "access_people" ADD COLUMN "resident_id" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "residents_unit_idx" ON "residents" USING btree ("unit_id");--> statement-breakpoint
ALTER TABLE "access_people" ADD CONSTRAINT "access_people_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_kind" CHECK ("access_log"."kind" in ('person-record', 'visitor-pass', 'face-deletion-log', 'plate-list', 'anpr-history', 'fault-report', 'fault-photo', 'inspection-photo', 'camera-snapshot', 'vote-evidence', 'bid', 'process-instance', 'process-history', 'task-context', 'unit-register', 'staff-user', 'resident', 'data-change'));