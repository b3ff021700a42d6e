CREATE TABLE "access_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"actor_id" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"observed" integer NOT NULL,
	"threshold" integer NOT NULL,
	"workflow_id" text NOT NULL,
	"started" boolean DEFAULT false NOT NULL,
	"finding" text,
	"note" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text NOT NULL,
	"actor_roles" text[] NOT NULL,
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"record_ids" text[] NOT NULL,
	"subject_ids" text[] NOT NULL,
	"route" text NOT NULL,
	"ip" text,
	"prev_hash" "bytea" NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "access_log_kind" CHECK ("access_log"."kind" in ('person-record', 'visitor-pass', 'face-deletion-log', 'plate-list', 'anpr-history', 'fault-report', 'fault-photo', 'inspection-photo', 'camera-snapshot', 'vote-evidence', 'bid', 'process-instance', 'process-history', 'task-context')),
	CONSTRAINT "access_log_scope" CHECK ("access_log"."scope" in ('record', 'list', 'export'))
);
--> statement-breakpoint
CREATE INDEX "access_alerts_actor_idx" ON "access_alerts" USING btree ("actor_id","rule","window_end");--> statement-breakpoint
CREATE UNIQUE INDEX "access_alerts_workflow_idx" ON "access_alerts" USING btree ("workflow_id");--> statement-breakpoint
CREATE INDEX "access_log_actor_idx" ON "access_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "access_log_at_idx" ON "access_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "access_log_subjects_idx" ON "access_log" USING gin ("subject_ids") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "access_log_records_idx" ON "access_log" USING gin ("record_ids") WITH (fastupdate=false);--> statement-breakpoint
-- P5.3c: the access log is append-only and hash-chained. The chain is defined in SQL so that the writer
-- and the verifier (api/use-cases/access-log.ts, npm run access-log:verify) cannot disagree about it.
-- A row's content: every column but the hashes, as PostgreSQL's text of a row value (quoted, so unambiguous),
-- with the time in microseconds since the epoch so the text does not depend on the session's time zone.
-- STABLE (record output is), so the verifier's query inlines it: ~3 s per million rows instead of ~15.
CREATE FUNCTION access_log_content(id bigint, at timestamptz, actor_id text, actor_roles text[], kind text, scope text, record_ids text[], subject_ids text[], route text, ip text)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT convert_to(row(id, (extract(epoch FROM at) * 1000000)::bigint, actor_id, actor_roles, kind, scope, record_ids, subject_ids, route, ip)::text, 'UTF8')
$$;--> statement-breakpoint
-- The first row's prev_hash: 32 zero bytes.
CREATE FUNCTION access_log_genesis() RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT decode(repeat('00', 32), 'hex') $$;--> statement-breakpoint
-- Writers queue here before their row takes an id from the sequence, so ids follow the chain's order even
-- when transactions commit concurrently. Held to the end of the writing transaction.
CREATE FUNCTION access_log_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Under REPEATABLE READ the row trigger would not see rows committed after the snapshot and fork the chain.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'access_log is written in READ COMMITTED transactions only' USING ERRCODE = 'P0001';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('steward.access_log'));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION access_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint;
  last_hash bytea;
BEGIN
  SELECT l.id, l.hash INTO last_id, last_hash FROM access_log l ORDER BY l.id DESC LIMIT 1;
  IF last_id IS NOT NULL AND NEW.id <= last_id THEN
    RAISE EXCEPTION 'access_log ids only grow: % after %', NEW.id, last_id USING ERRCODE = 'P0001';
  END IF;
  NEW.at := clock_timestamp();
  NEW.prev_hash := coalesce(last_hash, access_log_genesis());
  NEW.hash := sha256(NEW.prev_hash || access_log_content(NEW.id, NEW.at, NEW.actor_id, NEW.actor_roles, NEW.kind, NEW.scope, NEW.record_ids, NEW.subject_ids, NEW.route, NEW.ip));
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE FUNCTION access_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP USING ERRCODE = 'P0001', HINT = 'P5.3c: the access log is never changed or deleted';
END $$;--> statement-breakpoint
CREATE TRIGGER access_log_lock BEFORE INSERT ON "access_log" FOR EACH STATEMENT EXECUTE FUNCTION access_log_lock();--> statement-breakpoint
CREATE TRIGGER access_log_chain BEFORE INSERT ON "access_log" FOR EACH ROW EXECUTE FUNCTION access_log_chain();--> statement-breakpoint
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON "access_log" FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse();--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON "access_log" FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse();--> statement-breakpoint
-- The application's role (the owner, which runs the migrations) keeps INSERT and SELECT only.
REVOKE UPDATE, DELETE, TRUNCATE ON "access_log" FROM PUBLIC, CURRENT_USER;
