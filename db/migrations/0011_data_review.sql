CREATE TABLE "data_change_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"change_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"kind" text NOT NULL,
	"action" text NOT NULL,
	"record_id" text NOT NULL,
	"revision" integer NOT NULL,
	"outcome" text NOT NULL,
	"diff" jsonb NOT NULL,
	"reasons" text,
	"maker_id" text NOT NULL,
	"maker_name" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"checker_id" text,
	"checker_name" text,
	"checked_at" timestamp with time zone,
	"approver_id" text,
	"approver_name" text,
	"approved_at" timestamp with time zone,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"kind" text NOT NULL,
	"action" text NOT NULL,
	"record_id" text NOT NULL,
	"maker_id" text NOT NULL,
	"maker_name" text NOT NULL,
	"status" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"proposal" jsonb NOT NULL,
	"sealed_id_document" text,
	"data_key_id" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "data_changes_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
ALTER TABLE "owners" ADD COLUMN "id_document_kind" text;--> statement-breakpoint
ALTER TABLE "owners" ADD COLUMN "sealed_id_document" text;--> statement-breakpoint
ALTER TABLE "owners" ADD COLUMN "id_document_last4" text;--> statement-breakpoint
ALTER TABLE "owners" ADD COLUMN "data_key_id" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "use" text DEFAULT 'residential' NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "delivery_status" text DEFAULT 'sold-delivered' NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "data_changes" ADD CONSTRAINT "data_changes_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_change_history_decision_idx" ON "data_change_history" USING btree ("change_id","revision","outcome");--> statement-breakpoint
CREATE INDEX "data_change_history_record_idx" ON "data_change_history" USING btree ("record_id","at");--> statement-breakpoint
CREATE INDEX "data_changes_record_idx" ON "data_changes" USING btree ("record_id","submitted_at");--> statement-breakpoint
ALTER TABLE "owners" ADD CONSTRAINT "owners_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;