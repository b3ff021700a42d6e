CREATE TABLE "data_change_rows" (
	"change_id" text NOT NULL,
	"row" integer NOT NULL,
	"record_id" text NOT NULL,
	"values" jsonb NOT NULL,
	"diff" jsonb NOT NULL,
	CONSTRAINT "data_change_rows_change_id_row_pk" PRIMARY KEY("change_id","row")
);
--> statement-breakpoint
DROP INDEX "data_change_history_decision_idx";--> statement-breakpoint
ALTER TABLE "data_change_rows" ADD CONSTRAINT "data_change_rows_change_id_data_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."data_changes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_change_history_decision_idx" ON "data_change_history" USING btree ("change_id","record_id","revision","outcome");