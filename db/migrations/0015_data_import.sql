CREATE TABLE "data_change_rows" (
	"change_id" text NOT NULL,
	"row" integer NOT NULL,
	"record_id" text NOT NULL,
	"values" jsonb NOT NULL,
	"diff" jsonb NOT NULL,
	CONSTRAINT "data_change_rows_change_id_row_pk" PRIMARY KEY("change_id","row")
);
--> statement-breakpoint
CREATE TABLE "owner_invitations" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"change_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"user_id" text
);
--> statement-breakpoint
DROP INDEX "data_change_history_decision_idx";--> statement-breakpoint
ALTER TABLE "data_change_rows" ADD CONSTRAINT "data_change_rows_change_id_data_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."data_changes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner_invitations" ADD CONSTRAINT "owner_invitations_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner_invitations" ADD CONSTRAINT "owner_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "owner_invitations_owner_idx" ON "owner_invitations" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "data_change_history_decision_idx" ON "data_change_history" USING btree ("change_id","record_id","revision","outcome");