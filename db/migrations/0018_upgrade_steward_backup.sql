ALTER TABLE "upgrade_plans" ADD COLUMN "steward_backup_run_id" text;--> statement-breakpoint
ALTER TABLE "upgrade_plans" ADD COLUMN "steward_backup_status" text;--> statement-breakpoint
ALTER TABLE "upgrade_plans" ADD COLUMN "drill_id" text;