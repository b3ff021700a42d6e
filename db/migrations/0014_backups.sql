CREATE TABLE "backup_drills" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"requested_by" text,
	"backup_run_id" text,
	"source" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"tables" jsonb,
	"mismatches" integer,
	"error" text,
	CONSTRAINT "backup_drills_status" CHECK ("backup_drills"."status" in ('running', 'passed', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "backup_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"label" text,
	"chain" text,
	"restore_point" text,
	"database_bytes" bigint,
	"backup_bytes" bigint,
	"files_bytes" bigint,
	"temporal_sha256" text,
	"attachments" integer,
	"attachments_sha256" text,
	"tables" jsonb,
	"durations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"offsite" jsonb,
	"error" text,
	"expired_at" timestamp with time zone,
	CONSTRAINT "backup_runs_kind" CHECK ("backup_runs"."kind" in ('full', 'incremental')),
	CONSTRAINT "backup_runs_status" CHECK ("backup_runs"."status" in ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "backup_drills_started_idx" ON "backup_drills" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "backup_runs_started_idx" ON "backup_runs" USING btree ("started_at");