import { sql } from 'drizzle-orm';
import { check, customType, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Bytes kept exactly as written (a text column would be re-encoded by a server with another encoding). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** How Temporal closed an execution, as the archive records it. */
export const CLOSE_STATUSES = ['completed', 'failed', 'cancelled', 'terminated', 'timed-out'] as const;
export type CloseStatus = (typeof CLOSE_STATUSES)[number];

/**
 * The auditor's record of a closed process, kept after Temporal's retention drops the execution: the full
 * history exactly as the history download serves it, its SHA-256, and the step projection the instance page
 * is drawn from. Written once per instance, never updated.
 */
export const processArchives = pgTable(
  'process_archives',
  {
    workflowId: text('workflow_id').primaryKey(),
    runId: text('run_id').notNull(),
    process: text('process').notNull(),
    closeStatus: text('close_status', { enum: CLOSE_STATUSES }).notNull(),
    closedAt: timestamptz('closed_at').notNull(),
    /** The history as JSON (UTF-8), byte for byte what GET /processes/:id/history answers. */
    history: bytea('history').notNull(),
    /** Hex SHA-256 of `history`'s bytes. */
    historySha256: text('history_sha256').notNull(),
    historyEvents: integer('history_events').notNull(),
    /** The instance row, step events, task actions and tasks at archival (see ProjectionSnapshot). */
    projection: jsonb('projection').notNull(),
    archivedAt: timestamptz('archived_at').notNull().defaultNow(),
  },
  (t) => [
    check('process_archives_sha256', sql`${t.historySha256} ~ '^[0-9a-f]{64}$'`),
    check('process_archives_close_status', sql`${t.closeStatus} in ('completed', 'failed', 'cancelled', 'terminated', 'timed-out')`),
  ],
);
