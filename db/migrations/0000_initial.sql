CREATE TABLE "attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"content" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"zone_id" text NOT NULL,
	"system" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"workflow_id" text NOT NULL,
	"recipient_roles" text[] NOT NULL,
	"recipient_users" text[] NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "owners" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'person' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "process_instances" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"process" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"current_steps" text[] DEFAULT '{}' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_records" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"location" jsonb NOT NULL,
	"symptoms" text NOT NULL,
	"cause" text NOT NULL,
	"repair_process" text NOT NULL,
	"parts_replaced" text[] NOT NULL,
	"time_spent_minutes" integer NOT NULL,
	"repaired_by" text NOT NULL,
	"vendor_id" text,
	"verified_by" text NOT NULL,
	"rework_count" integer NOT NULL,
	"reported_by" text,
	"closed_at" timestamp with time zone NOT NULL,
	"rating" smallint,
	"rating_comment" text,
	"rated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "step_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"seq" integer NOT NULL,
	"step_id" text NOT NULL,
	"event" text NOT NULL,
	"visit" integer NOT NULL,
	"actor" text,
	"at" timestamp with time zone NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "task_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"action" text NOT NULL,
	"actor" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"process" text NOT NULL,
	"step_id" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"candidate_roles" text[] NOT NULL,
	"candidate_users" text[] NOT NULL,
	"assignee" text,
	"priority" smallint NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"form_schema" json NOT NULL,
	"context" json NOT NULL,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "unit_owners" (
	"unit_id" text NOT NULL,
	"owner_id" text NOT NULL,
	CONSTRAINT "unit_owners_unit_id_owner_id_pk" PRIMARY KEY("unit_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"building_id" text NOT NULL,
	"number" text NOT NULL,
	"exclusive_area" numeric(10, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"roles" text[] NOT NULL,
	"owner_id" text,
	"vendor_id" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "vendor_contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"vendor_id" text NOT NULL,
	"system" text NOT NULL,
	"repair_sla_seconds" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"building_id" text
);
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_records" ADD CONSTRAINT "repair_records_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_owners" ADD CONSTRAINT "unit_owners_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_owners" ADD CONSTRAINT "unit_owners_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_contracts" ADD CONSTRAINT "vendor_contracts_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_workflow_idx" ON "notifications" USING btree ("workflow_id");--> statement-breakpoint
CREATE INDEX "process_instances_list_idx" ON "process_instances" USING btree ("status","started_at","workflow_id");--> statement-breakpoint
CREATE INDEX "process_instances_started_by_idx" ON "process_instances" USING btree ("started_by","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "step_events_seq_idx" ON "step_events" USING btree ("workflow_id","seq");--> statement-breakpoint
CREATE INDEX "task_actions_workflow_idx" ON "task_actions" USING btree ("workflow_id","at");--> statement-breakpoint
CREATE INDEX "tasks_worklist_idx" ON "tasks" USING btree ("status","due_at","id");--> statement-breakpoint
CREATE INDEX "tasks_open_candidates_idx" ON "tasks" USING gin ("candidate_roles","candidate_users") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_open_assignee_idx" ON "tasks" USING btree ("assignee") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_workflow_idx" ON "tasks" USING btree ("workflow_id");--> statement-breakpoint
CREATE INDEX "unit_owners_owner_idx" ON "unit_owners" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_contracts_active_system_idx" ON "vendor_contracts" USING btree ("system") WHERE "vendor_contracts"."active";