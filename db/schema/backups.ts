import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytes = (name: string) => bigint(name, { mode: 'number' });

export const BACKUP_KINDS = ['full', 'incremental'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
export const BACKUP_STATUSES = ['running', 'succeeded', 'failed'] as const;
export const DRILL_STATUSES = ['running', 'passed', 'failed'] as const;

/** One table's content at a backup's restore point: its rows and an order-independent checksum of them. */
export interface TableDigest {
  rows: number;
  checksum: string;
}

/** What each part of a run took, in milliseconds. */
export interface BackupDurations {
  database?: number;
  files?: number;
  offsite?: number;
  retention?: number;
}

/**
 * One backup run (P5.2b): the pgBackRest backup of the PostgreSQL cluster, the restic snapshot of Temporal's
 * SQLite file and the attachments, the off-site copy, and what the restore drill will compare against (each
 * table's digest at the run's restore point). Written by the backup process's activities, step by step.
 */
export const backupRuns = pgTable(
  'backup_runs',
  {
    /** The backup process's workflow id. */
    id: text('id').primaryKey(),
    kind: text('kind', { enum: BACKUP_KINDS }).notNull(),
    status: text('status', { enum: BACKUP_STATUSES }).notNull(),
    requestedBy: text('requested_by'),
    startedAt: timestamptz('started_at').notNull(),
    finishedAt: timestamptz('finished_at'),
    /** pgBackRest's label of this backup and of the full backup its chain starts with. */
    label: text('label'),
    chain: text('chain'),
    /** The named restore point (pg_create_restore_point) the table digests were taken at. */
    restorePoint: text('restore_point'),
    databaseBytes: bytes('database_bytes'),
    /** What this backup added to the repository (compressed, encrypted). */
    backupBytes: bytes('backup_bytes'),
    /** What the restic snapshot added (after deduplication). */
    filesBytes: bytes('files_bytes'),
    temporalSha256: text('temporal_sha256'),
    attachments: integer('attachments'),
    attachmentsSha256: text('attachments_sha256'),
    tables: jsonb('tables').$type<Record<string, TableDigest>>(),
    durations: jsonb('durations').$type<BackupDurations>().notNull().default({}),
    /** The off-site copy: where (without credentials), when, what it holds; null when no target is configured. */
    offsite: jsonb('offsite').$type<{ target: string; copiedAt: string; bytes: number; files: number } | null>(),
    error: text('error'),
    /** When retention removed this run's chain from the repositories. */
    expiredAt: timestamptz('expired_at'),
  },
  (t) => [
    index('backup_runs_started_idx').on(t.startedAt),
    check('backup_runs_kind', sql`${t.kind} in ('full', 'incremental')`),
    check('backup_runs_status', sql`${t.status} in ('running', 'succeeded', 'failed')`),
  ],
);

/** One comparison of the drill: a table restored against what its backup recorded. */
export interface DrillTableResult {
  table: string;
  expected: TableDigest | null;
  restored: TableDigest | null;
  equal: boolean;
}

/**
 * One restore drill (P5.2b): the latest chain restored from the off-site copy into a scratch server, each
 * table's rows and checksum compared with what the backup recorded.
 */
export const backupDrills = pgTable(
  'backup_drills',
  {
    id: text('id').primaryKey(),
    status: text('status', { enum: DRILL_STATUSES }).notNull(),
    requestedBy: text('requested_by'),
    /** The backup run restored. */
    backupRunId: text('backup_run_id'),
    /** `offsite` or `local`: the repository the drill restored from. */
    source: text('source'),
    startedAt: timestamptz('started_at').notNull(),
    finishedAt: timestamptz('finished_at'),
    durationMs: integer('duration_ms'),
    tables: jsonb('tables').$type<DrillTableResult[]>(),
    mismatches: integer('mismatches'),
    error: text('error'),
  },
  (t) => [index('backup_drills_started_idx').on(t.startedAt), check('backup_drills_status', sql`${t.status} in ('running', 'passed', 'failed')`)],
);
