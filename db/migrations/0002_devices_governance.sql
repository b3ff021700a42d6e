CREATE TABLE "access_people" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"owner_id" text,
	"user_id" text,
	"unit_id" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "access_points" (
	"device_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"building_id" text
);
--> statement-breakpoint
CREATE TABLE "access_revocations" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"reason" text NOT NULL,
	"requested_by" text NOT NULL,
	"credentials_revoked" integer NOT NULL,
	"devices_failed" text[] NOT NULL,
	"completed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anpr_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"sequence" integer,
	"plate" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credential_devices" (
	"credential_id" text NOT NULL,
	"device_id" text NOT NULL,
	"state" text NOT NULL,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_devices_credential_id_device_id_pk" PRIMARY KEY("credential_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"kind" text NOT NULL,
	"card_no" text,
	"finger_index" integer,
	"secret_id" text,
	"status" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"workflow_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "face_consents" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"scope" text NOT NULL,
	"method" text NOT NULL,
	"evidence_id" text,
	"recorded_by" text NOT NULL,
	"consented_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" text
);
--> statement-breakpoint
CREATE TABLE "face_deletion_devices" (
	"deletion_id" text NOT NULL,
	"device_id" text NOT NULL,
	"result" text NOT NULL,
	"error" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "face_deletion_devices_deletion_id_device_id_pk" PRIMARY KEY("deletion_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "face_deletions" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"workflow_id" text NOT NULL,
	"status" text NOT NULL,
	"images_erased" integer,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vehicle_plates" (
	"plate" text PRIMARY KEY NOT NULL,
	"list" text NOT NULL,
	"owner_id" text,
	"note" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"workflow_id" text,
	"sync_state" text DEFAULT 'pending' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visitor_passes" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"credential_id" text NOT NULL,
	"host_unit_id" text NOT NULL,
	"issued_by" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"workflow_id" text NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "acceptance_reports" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"delivery_workflow_id" text,
	"contract_id" text NOT NULL,
	"vendor_id" text NOT NULL,
	"title" text NOT NULL,
	"checklist" jsonb NOT NULL,
	"rounds" integer NOT NULL,
	"pdf" text NOT NULL,
	"warranty_starts_at" timestamp with time zone,
	"warranty_ends_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acceptance_signatures" (
	"workflow_id" text NOT NULL,
	"round" integer NOT NULL,
	"user_id" text NOT NULL,
	"signed_as" text NOT NULL,
	"comment" text,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "acceptance_signatures_workflow_id_round_user_id_pk" PRIMARY KEY("workflow_id","round","user_id")
);
--> statement-breakpoint
CREATE TABLE "acceptance_team_members" (
	"workflow_id" text NOT NULL,
	"user_id" text NOT NULL,
	"department" text NOT NULL,
	CONSTRAINT "acceptance_team_members_workflow_id_user_id_pk" PRIMARY KEY("workflow_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"procurement_workflow_id" text,
	"project_id" text NOT NULL,
	"vendor_id" text NOT NULL,
	"title" text NOT NULL,
	"delivery_date" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"system" text,
	"project_lead" text,
	"phases" jsonb,
	"quality_requirements" text,
	"delivered_at" timestamp with time zone,
	"acceptance_workflow_id" text,
	"warranty_starts_at" timestamp with time zone,
	"warranty_ends_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_issues" (
	"id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"source" text NOT NULL,
	"raised_by" text NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "delivery_milestones" (
	"workflow_id" text NOT NULL,
	"milestone_id" text NOT NULL,
	"name" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"reached_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	CONSTRAINT "delivery_milestones_workflow_id_milestone_id_pk" PRIMARY KEY("workflow_id","milestone_id")
);
--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"task_id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"reported_by" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"percent_complete" smallint NOT NULL,
	"milestones_reached" text[] NOT NULL,
	"delivery_complete" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_evaluations" (
	"workflow_id" text NOT NULL,
	"round" integer NOT NULL,
	"vendor_id" text NOT NULL,
	"trigger" text NOT NULL,
	"technology_score" smallint,
	"user_score" smallint,
	"sla_score" numeric(5, 1),
	"rating_score" numeric(5, 1),
	"repairs_on_time" integer NOT NULL,
	"repairs_late" integer NOT NULL,
	"ratings" integer NOT NULL,
	"score" numeric(5, 1) NOT NULL,
	"poor" boolean NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supplier_evaluations_workflow_id_round_pk" PRIMARY KEY("workflow_id","round")
);
--> statement-breakpoint
CREATE TABLE "supplier_penalties" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"vendor_id" text NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"contract_clause" text NOT NULL,
	"reason" text NOT NULL,
	"imposed_by" text NOT NULL,
	"imposed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supplier_penalties_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "vendor_terminations" (
	"vendor_id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"approved_by" text NOT NULL,
	"reason" text NOT NULL,
	"terminated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarm_correlations" (
	"zone_id" text NOT NULL,
	"alarm_type" text NOT NULL,
	"incident_no" integer NOT NULL,
	CONSTRAINT "alarm_correlations_zone_id_alarm_type_pk" PRIMARY KEY("zone_id","alarm_type")
);
--> statement-breakpoint
CREATE TABLE "alarm_incidents" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"zone_id" text NOT NULL,
	"alarm_type" text NOT NULL,
	"status" text NOT NULL,
	"repeat_count" integer NOT NULL,
	"detector_state" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"assigned_guard" text,
	"dispatch_task_id" text,
	"cameras" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"timeline" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" jsonb,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_connections" (
	"device_id" text PRIMARY KEY NOT NULL,
	"protocol" text DEFAULT 'isapi' NOT NULL,
	"base_url" text NOT NULL,
	"username" text NOT NULL,
	"password" text NOT NULL,
	"push_secret_hash" text NOT NULL,
	"camera_channel" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"sequence" integer,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"state" text NOT NULL,
	"major" integer NOT NULL,
	"minor" integer NOT NULL,
	"channel" integer,
	"door" integer,
	"subject" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"incident_workflow_id" text,
	"raw" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_health" (
	"device_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'unknown' NOT NULL,
	"last_seen_at" timestamp with time zone,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"contiguous_sequence" integer DEFAULT 0 NOT NULL,
	"highest_sequence" integer DEFAULT 0 NOT NULL,
	"fault_workflow_id" text,
	"outage_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guard_roster" (
	"zone_id" text NOT NULL,
	"user_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "guard_roster_zone_id_user_id_pk" PRIMARY KEY("zone_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "annual_plans" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"plan" jsonb NOT NULL,
	"budget" jsonb NOT NULL,
	"evaluation_workflow_id" text,
	"approved_by" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"effective_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"vote_id" text NOT NULL,
	"voter_id" text NOT NULL,
	"choice" text NOT NULL,
	"cast_by" text NOT NULL,
	"proxy_name" text,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballots_vote_id_voter_id_pk" PRIMARY KEY("vote_id","voter_id")
);
--> statement-breakpoint
CREATE TABLE "committee_filings" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"plan_workflow_id" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"package" jsonb NOT NULL,
	"package_digest" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"receipt_number" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "committee_filings_receipt_number_unique" UNIQUE("receipt_number")
);
--> statement-breakpoint
CREATE TABLE "owner_votes" (
	"vote_id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"art278_item" smallint NOT NULL,
	"status" text NOT NULL,
	"requested_by" text,
	"plan_workflow_id" text,
	"project_id" text,
	"notice_at" timestamp with time zone NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"objection_ends_at" timestamp with time zone,
	"roll_area_hundredths" bigint,
	"roll_heads" integer,
	"roll_digest" text,
	"participating_area_hundredths" bigint DEFAULT 0 NOT NULL,
	"participating_heads" integer DEFAULT 0 NOT NULL,
	"ballots_digest" text,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "owner_votes_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "plan_projects" (
	"project_id" text PRIMARY KEY NOT NULL,
	"plan_workflow_id" text NOT NULL,
	"title" text NOT NULL,
	"priority" smallint NOT NULL,
	"estimate_fen" bigint NOT NULL,
	"system" text,
	"major" boolean NOT NULL,
	"art278_item" smallint,
	"vote_workflow_id" text,
	"status" text NOT NULL,
	"procurement_workflow_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_objections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"vote_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"reason" text NOT NULL,
	"filed_by" text NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_proxies" (
	"vote_id" text NOT NULL,
	"voter_id" text NOT NULL,
	"proxy_owner_id" text,
	"proxy_name" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vote_proxies_vote_id_voter_id_pk" PRIMARY KEY("vote_id","voter_id")
);
--> statement-breakpoint
CREATE TABLE "vote_roll" (
	"vote_id" text NOT NULL,
	"voter_id" text NOT NULL,
	"label" text NOT NULL,
	"owner_ids" text[] NOT NULL,
	"unit_ids" text[] NOT NULL,
	"area_hundredths" integer NOT NULL,
	"developer" boolean NOT NULL,
	CONSTRAINT "vote_roll_vote_id_voter_id_pk" PRIMARY KEY("vote_id","voter_id")
);
--> statement-breakpoint
CREATE TABLE "vote_roll_owners" (
	"vote_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"voter_id" text NOT NULL,
	CONSTRAINT "vote_roll_owners_vote_id_owner_id_pk" PRIMARY KEY("vote_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"checklist" jsonb NOT NULL,
	"cycle_seconds" integer NOT NULL,
	"due_within_seconds" integer NOT NULL,
	"responsible_role" text NOT NULL,
	"building_id" text,
	"zone_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_records" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"plan_title" text NOT NULL,
	"responsible_role" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"overdue_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"inspector_id" text,
	"inspector_name" text,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fault_repair_workflow_ids" text[] DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bid_scores" (
	"procurement_workflow_id" text NOT NULL,
	"user_id" text NOT NULL,
	"bid_id" text NOT NULL,
	"price" smallint NOT NULL,
	"technical" smallint NOT NULL,
	"after_sales" smallint NOT NULL,
	"weighted_x100" integer NOT NULL,
	"scored_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bid_scores_procurement_workflow_id_user_id_bid_id_pk" PRIMARY KEY("procurement_workflow_id","user_id","bid_id")
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"id" text PRIMARY KEY NOT NULL,
	"procurement_workflow_id" text NOT NULL,
	"vendor_id" text NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"price_yuan" bigint NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panel_members" (
	"procurement_workflow_id" text NOT NULL,
	"user_id" text NOT NULL,
	"conflict" boolean,
	"statement" text,
	"declared_at" timestamp with time zone,
	CONSTRAINT "panel_members_procurement_workflow_id_user_id_pk" PRIMARY KEY("procurement_workflow_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "procurement_contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"procurement_workflow_id" text NOT NULL,
	"vendor_id" text NOT NULL,
	"bid_id" text NOT NULL,
	"system" text,
	"price_yuan" bigint NOT NULL,
	"rights_and_obligations" text NOT NULL,
	"specs" text NOT NULL,
	"delivery_date" date NOT NULL,
	"after_sales_terms" text NOT NULL,
	"repair_sla_seconds" integer NOT NULL,
	"approved_by" text,
	"signed_at" timestamp with time zone NOT NULL,
	"data" jsonb DEFAULT '{}' NOT NULL,
	CONSTRAINT "procurement_contracts_procurement_workflow_id_unique" UNIQUE("procurement_workflow_id")
);
--> statement-breakpoint
CREATE TABLE "procurement_invitations" (
	"procurement_workflow_id" text NOT NULL,
	"vendor_id" text NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurement_invitations_procurement_workflow_id_vendor_id_pk" PRIMARY KEY("procurement_workflow_id","vendor_id")
);
--> statement-breakpoint
CREATE TABLE "procurements" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"plan_workflow_id" text,
	"title" text NOT NULL,
	"estimate_yuan" bigint NOT NULL,
	"system" text,
	"requirements" text,
	"method" text,
	"method_reason" text,
	"status" text DEFAULT 'planning' NOT NULL,
	"bid_deadline" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"awarded_bid_id" text,
	"awarded_vendor_id" text,
	"contract_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qualification_reviews" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"vendor_id" text NOT NULL,
	"kind" text NOT NULL,
	"qualification" smallint NOT NULL,
	"reputation" smallint NOT NULL,
	"technical_strength" smallint NOT NULL,
	"after_sales" smallint NOT NULL,
	"total" integer NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"reviewed_by" text NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"vendor_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"number" text,
	"issued_on" date,
	"expires_on" date,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vendor_contracts" ADD COLUMN "procurement_contract_id" text;--> statement-breakpoint
ALTER TABLE "vendors" ADD COLUMN "qualification_status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "vendors" ADD COLUMN "qualified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vendors" ADD COLUMN "requalify_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vendors" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "access_people" ADD CONSTRAINT "access_people_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_people" ADD CONSTRAINT "access_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_people" ADD CONSTRAINT "access_people_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_points" ADD CONSTRAINT "access_points_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_points" ADD CONSTRAINT "access_points_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_revocations" ADD CONSTRAINT "access_revocations_person_id_access_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."access_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anpr_decisions" ADD CONSTRAINT "anpr_decisions_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_devices" ADD CONSTRAINT "credential_devices_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_devices" ADD CONSTRAINT "credential_devices_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_person_id_access_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."access_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_secret_id_attachments_id_fk" FOREIGN KEY ("secret_id") REFERENCES "public"."attachments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_consents" ADD CONSTRAINT "face_consents_person_id_access_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."access_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_consents" ADD CONSTRAINT "face_consents_evidence_id_attachments_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_consents" ADD CONSTRAINT "face_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_consents" ADD CONSTRAINT "face_consents_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_deletion_devices" ADD CONSTRAINT "face_deletion_devices_deletion_id_face_deletions_id_fk" FOREIGN KEY ("deletion_id") REFERENCES "public"."face_deletions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_deletion_devices" ADD CONSTRAINT "face_deletion_devices_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_deletions" ADD CONSTRAINT "face_deletions_person_id_access_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."access_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_deletions" ADD CONSTRAINT "face_deletions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_plates" ADD CONSTRAINT "vehicle_plates_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_passes" ADD CONSTRAINT "visitor_passes_person_id_access_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."access_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_passes" ADD CONSTRAINT "visitor_passes_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_passes" ADD CONSTRAINT "visitor_passes_host_unit_id_units_id_fk" FOREIGN KEY ("host_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_passes" ADD CONSTRAINT "visitor_passes_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_evaluations" ADD CONSTRAINT "supplier_evaluations_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_penalties" ADD CONSTRAINT "supplier_penalties_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_terminations" ADD CONSTRAINT "vendor_terminations_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_correlations" ADD CONSTRAINT "alarm_correlations_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_incidents" ADD CONSTRAINT "alarm_incidents_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_connections" ADD CONSTRAINT "device_connections_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_events" ADD CONSTRAINT "device_events_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_health" ADD CONSTRAINT "device_health_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guard_roster" ADD CONSTRAINT "guard_roster_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guard_roster" ADD CONSTRAINT "guard_roster_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_records" ADD CONSTRAINT "inspection_records_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_scores" ADD CONSTRAINT "bid_scores_procurement_workflow_id_procurements_workflow_id_fk" FOREIGN KEY ("procurement_workflow_id") REFERENCES "public"."procurements"("workflow_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_scores" ADD CONSTRAINT "bid_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_scores" ADD CONSTRAINT "bid_scores_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_procurement_workflow_id_procurements_workflow_id_fk" FOREIGN KEY ("procurement_workflow_id") REFERENCES "public"."procurements"("workflow_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_procurement_workflow_id_procurements_workflow_id_fk" FOREIGN KEY ("procurement_workflow_id") REFERENCES "public"."procurements"("workflow_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_contracts" ADD CONSTRAINT "procurement_contracts_procurement_workflow_id_procurements_workflow_id_fk" FOREIGN KEY ("procurement_workflow_id") REFERENCES "public"."procurements"("workflow_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_contracts" ADD CONSTRAINT "procurement_contracts_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_contracts" ADD CONSTRAINT "procurement_contracts_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_invitations" ADD CONSTRAINT "procurement_invitations_procurement_workflow_id_procurements_workflow_id_fk" FOREIGN KEY ("procurement_workflow_id") REFERENCES "public"."procurements"("workflow_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_invitations" ADD CONSTRAINT "procurement_invitations_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_awarded_vendor_id_vendors_id_fk" FOREIGN KEY ("awarded_vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification_reviews" ADD CONSTRAINT "qualification_reviews_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_documents" ADD CONSTRAINT "supplier_documents_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_people_owner_idx" ON "access_people" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "access_people_user_idx" ON "access_people" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "anpr_decisions_event_idx" ON "anpr_decisions" USING btree ("device_id","sequence");--> statement-breakpoint
CREATE INDEX "anpr_decisions_at_idx" ON "anpr_decisions" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "credentials_person_idx" ON "credentials" USING btree ("person_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "face_consents_live_idx" ON "face_consents" USING btree ("person_id","scope") WHERE "face_consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "visitor_passes_unit_idx" ON "visitor_passes" USING btree ("host_unit_id","valid_until");--> statement-breakpoint
CREATE INDEX "deliveries_vendor_idx" ON "deliveries" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "deliveries_contract_idx" ON "deliveries" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "delivery_issues_workflow_idx" ON "delivery_issues" USING btree ("workflow_id","raised_at");--> statement-breakpoint
CREATE INDEX "supplier_evaluations_vendor_idx" ON "supplier_evaluations" USING btree ("vendor_id","evaluated_at");--> statement-breakpoint
CREATE INDEX "alarm_incidents_open_idx" ON "alarm_incidents" USING btree ("status","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "device_events_sequence_idx" ON "device_events" USING btree ("device_id","sequence");--> statement-breakpoint
CREATE INDEX "device_events_received_idx" ON "device_events" USING btree ("device_id","received_at");--> statement-breakpoint
CREATE INDEX "device_events_incident_idx" ON "device_events" USING btree ("incident_workflow_id");--> statement-breakpoint
CREATE INDEX "device_health_status_idx" ON "device_health" USING btree ("status","last_seen_at");--> statement-breakpoint
CREATE INDEX "committee_filings_year_idx" ON "committee_filings" USING btree ("year");--> statement-breakpoint
CREATE INDEX "owner_votes_status_idx" ON "owner_votes" USING btree ("status","opens_at");--> statement-breakpoint
CREATE INDEX "plan_projects_plan_idx" ON "plan_projects" USING btree ("plan_workflow_id");--> statement-breakpoint
CREATE INDEX "plan_projects_status_idx" ON "plan_projects" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_objections_owner_idx" ON "vote_objections" USING btree ("vote_id","owner_id");--> statement-breakpoint
CREATE INDEX "vote_proxies_owner_idx" ON "vote_proxies" USING btree ("vote_id","proxy_owner_id");--> statement-breakpoint
CREATE INDEX "inspection_records_plan_idx" ON "inspection_records" USING btree ("plan_id","started_at");--> statement-breakpoint
CREATE INDEX "inspection_records_list_idx" ON "inspection_records" USING btree ("started_at","workflow_id");--> statement-breakpoint
CREATE INDEX "inspection_records_open_idx" ON "inspection_records" USING btree ("due_at") WHERE "inspection_records"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "bids_one_per_supplier_idx" ON "bids" USING btree ("procurement_workflow_id","vendor_id");--> statement-breakpoint
CREATE INDEX "procurements_project_idx" ON "procurements" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "qualification_reviews_vendor_idx" ON "qualification_reviews" USING btree ("vendor_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "supplier_documents_vendor_idx" ON "supplier_documents" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "supplier_documents_expiry_idx" ON "supplier_documents" USING btree ("expires_on");