CREATE TABLE "improvement_items" (
	"id" text PRIMARY KEY NOT NULL,
	"source_workflow_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"department" text NOT NULL,
	"adopted_by" text NOT NULL,
	"adopted_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	CONSTRAINT "improvement_items_source_workflow_id_unique" UNIQUE("source_workflow_id")
);
--> statement-breakpoint
CREATE TABLE "owner_feedback" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"submitted_by" text NOT NULL,
	"category" text NOT NULL,
	"text" text NOT NULL,
	"building_id" text NOT NULL,
	"unit_id" text,
	"photo_ids" text[] NOT NULL,
	"department" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolution" text,
	"rating" smallint,
	"closed_at" timestamp with time zone,
	CONSTRAINT "owner_feedback_rating" CHECK ("owner_feedback"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "owner_feedback_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"author_id" text,
	"author_name" text NOT NULL,
	"side" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_log" DROP CONSTRAINT "access_log_kind";--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_kind";--> statement-breakpoint
ALTER TABLE "owner_feedback" ADD CONSTRAINT "owner_feedback_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner_feedback" ADD CONSTRAINT "owner_feedback_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner_feedback" ADD CONSTRAINT "owner_feedback_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner_feedback_messages" ADD CONSTRAINT "owner_feedback_messages_workflow_id_owner_feedback_workflow_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."owner_feedback"("workflow_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "owner_feedback_submitted_by_idx" ON "owner_feedback" USING btree ("submitted_by","submitted_at");--> statement-breakpoint
CREATE INDEX "owner_feedback_messages_workflow_idx" ON "owner_feedback_messages" USING btree ("workflow_id","at");--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_kind" CHECK ("access_log"."kind" in ('person-record', 'visitor-pass', 'face-deletion-log', 'plate-list', 'anpr-history', 'fault-report', 'fault-photo', 'inspection-photo', 'camera-snapshot', 'vote-evidence', 'bid', 'process-instance', 'process-history', 'task-context', 'unit-register', 'staff-user', 'resident', 'data-change', 'owner-feedback', 'feedback-photo'));--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_kind" CHECK ("attachments"."kind" in ('inspection-photo', 'fault-photo', 'feedback-photo', 'consent-scan', 'face', 'fingerprint', 'pin', 'firmware', 'device-configuration'));