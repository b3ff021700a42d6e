CREATE TABLE "training_plans" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"skills" jsonb NOT NULL,
	"plan" jsonb NOT NULL,
	"approved_by" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_records" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"workflow_id" text,
	"course_id" text NOT NULL,
	"course_title" text NOT NULL,
	"topic" text NOT NULL,
	"method" text NOT NULL,
	"kind" text NOT NULL,
	"attended" boolean,
	"score" real,
	"passed" boolean,
	"certificate_id" text,
	"completed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"recorded_by" text,
	"detail" jsonb
);
--> statement-breakpoint
ALTER TABLE "access_log" DROP CONSTRAINT "access_log_kind";--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_kind";--> statement-breakpoint
CREATE INDEX "training_records_user_idx" ON "training_records" USING btree ("user_id","completed_at");--> statement-breakpoint
CREATE INDEX "training_records_expiry_idx" ON "training_records" USING btree ("topic","kind","expires_at");--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_kind" CHECK ("access_log"."kind" in ('person-record', 'visitor-pass', 'face-deletion-log', 'plate-list', 'anpr-history', 'fault-report', 'fault-photo', 'inspection-photo', 'camera-snapshot', 'vote-evidence', 'bid', 'process-instance', 'process-history', 'task-context', 'unit-register', 'staff-user', 'resident', 'data-change', 'owner-feedback', 'feedback-photo', 'training-file', 'training-certificate'));--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_kind" CHECK ("attachments"."kind" in ('inspection-photo', 'fault-photo', 'feedback-photo', 'consent-scan', 'face', 'fingerprint', 'pin', 'firmware', 'device-configuration', 'training-certificate'));