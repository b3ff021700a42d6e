-- Every file gets its kind and the record it belongs to; existing rows are classified by what refers to them.
ALTER TABLE "attachments" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "record_id" text;--> statement-breakpoint
UPDATE "attachments" a SET "kind" = c."kind", "record_id" = c."id" FROM "credentials" c WHERE c."secret_id" = a."id";--> statement-breakpoint
UPDATE "attachments" a SET "kind" = 'consent-scan', "record_id" = f."person_id" FROM "face_consents" f WHERE f."evidence_id" = a."id" AND a."kind" IS NULL;--> statement-breakpoint
UPDATE "attachments" a SET "kind" = 'fault-photo', "record_id" = p."workflow_id" FROM "process_instances" p WHERE p."workflow_id" = 'fault-repair-' || a."id" AND a."kind" IS NULL;--> statement-breakpoint
-- A secret whose credential is gone is unreachable; classify it as a PIN so nothing ever serves it.
UPDATE "attachments" SET "kind" = 'pin' WHERE "kind" IS NULL AND "id" LIKE 'secret-%';--> statement-breakpoint
UPDATE "attachments" SET "kind" = 'consent-scan' WHERE "kind" IS NULL AND "id" LIKE 'evidence-%';--> statement-breakpoint
UPDATE "attachments" a SET "kind" = 'inspection-photo', "record_id" = r."workflow_id"
  FROM "inspection_records" r, jsonb_array_elements(r."results") item
  WHERE item->>'photoId' = a."id" AND a."kind" IS NULL;--> statement-breakpoint
UPDATE "attachments" SET "kind" = 'inspection-photo' WHERE "kind" IS NULL;--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_kind" CHECK ("attachments"."kind" in ('inspection-photo', 'fault-photo', 'consent-scan', 'face', 'fingerprint', 'pin'));
