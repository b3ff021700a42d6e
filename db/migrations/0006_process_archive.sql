-- The auditor's record of closed processes (history, its SHA-256, the step projection), kept past Temporal's retention.
CREATE TABLE "process_archives" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"process" text NOT NULL,
	"close_status" text NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"history" "bytea" NOT NULL,
	"history_sha256" text NOT NULL,
	"history_events" integer NOT NULL,
	"projection" jsonb NOT NULL,
	"archived_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_archives_sha256" CHECK ("process_archives"."history_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "process_archives_close_status" CHECK ("process_archives"."close_status" in ('completed', 'failed', 'cancelled', 'terminated', 'timed-out'))
);
--> statement-breakpoint
CREATE INDEX "process_instances_ended_idx" ON "process_instances" USING btree ("ended_at");