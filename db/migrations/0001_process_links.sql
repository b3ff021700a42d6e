CREATE TABLE "process_links" (
	"from_workflow_id" text NOT NULL,
	"to_workflow_id" text NOT NULL,
	"relation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_links_from_workflow_id_to_workflow_id_relation_pk" PRIMARY KEY("from_workflow_id","to_workflow_id","relation")
);
--> statement-breakpoint
CREATE INDEX "process_links_to_idx" ON "process_links" USING btree ("to_workflow_id");