ALTER TABLE "process_instances" ADD COLUMN "unit_id" text GENERATED ALWAYS AS (coalesce(data #>> '{report,location,unitId}', data ->> 'hostUnitId')) STORED;--> statement-breakpoint
CREATE INDEX "process_instances_started_idx" ON "process_instances" USING btree ("started_at","workflow_id");--> statement-breakpoint
CREATE INDEX "process_instances_process_idx" ON "process_instances" USING btree ("process","started_at","workflow_id");--> statement-breakpoint
CREATE INDEX "process_instances_unit_idx" ON "process_instances" USING btree ("unit_id","started_at","workflow_id");--> statement-breakpoint
CREATE INDEX "tasks_completed_by_idx" ON "tasks" USING btree ("completed_by","workflow_id") WHERE "tasks"."completed_by" is not null;