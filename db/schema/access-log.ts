import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, customType, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ACCESS_KINDS, ACCESS_SCOPES, ANOMALY_RULES } from '../../contracts/vocabulary';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

// ---- P5.3c: who read which personal data, and the alerts raised on unusual reading ----

/**
 * The access log of personal data (P5.3c): append-only and hash-chained. A trigger (migration 0005)
 * numbers each row under a lock, sets `at`, `prev_hash` and `hash = sha256(prev_hash || content)`,
 * and refuses UPDATE, DELETE and TRUNCATE; `verify` recomputes the chain.
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamptz('at').notNull().defaultNow(),
    actorId: text('actor_id').notNull(),
    actorRoles: text('actor_roles').array().notNull(),
    kind: text('kind', { enum: ACCESS_KINDS }).notNull(),
    scope: text('scope', { enum: ACCESS_SCOPES }).notNull(),
    /** The records served: a person, a fault's workflow, a bid, a photo, a device. */
    recordIds: text('record_ids').array().notNull(),
    /** Whom the data is about, under the id it is filed with (access person, user, owner). */
    subjectIds: text('subject_ids').array().notNull(),
    /** Why: the route, method and path pattern. */
    route: text('route').notNull(),
    /** From where: the client's address. */
    ip: text('ip'),
    prevHash: bytea('prev_hash').notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [
    index('access_log_actor_idx').on(t.actorId, t.at),
    index('access_log_at_idx').on(t.at),
    // Without the pending list: its periodic merge would run under the chain's lock and stall every reader at once.
    index('access_log_subjects_idx').using('gin', t.subjectIds).with({ fastupdate: false }),
    index('access_log_records_idx').using('gin', t.recordIds).with({ fastupdate: false }),
    check('access_log_kind', sql`${t.kind} in (${sql.raw(ACCESS_KINDS.map((kind) => `'${kind}'`).join(', '))})`),
    check('access_log_scope', sql`${t.scope} in ('record', 'list', 'export')`),
  ],
);

/**
 * One alert per (user, rule, window): the window opens when the rule fires and lasts the rule's
 * length; further reads inside it raise nothing new. The access-anomaly process reviews it.
 */
export const accessAlerts = pgTable(
  'access_alerts',
  {
    id: text('id').primaryKey(),
    rule: text('rule', { enum: ANOMALY_RULES }).notNull(),
    actorId: text('actor_id').notNull(),
    windowStart: timestamptz('window_start').notNull(),
    windowEnd: timestamptz('window_end').notNull(),
    /** What was counted when the rule fired, and the limit it passed. */
    observed: integer('observed').notNull(),
    threshold: integer('threshold').notNull(),
    workflowId: text('workflow_id').notNull(),
    /** Set once the alert process is running, so a failed start is retried by the next read. */
    started: boolean('started').notNull().default(false),
    finding: text('finding', { enum: ['legitimate', 'misuse'] }),
    note: text('note'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamptz('reviewed_at'),
  },
  (t) => [index('access_alerts_actor_idx').on(t.actorId, t.rule, t.windowEnd), uniqueIndex('access_alerts_workflow_idx').on(t.workflowId)],
);
