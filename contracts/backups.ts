import { z } from 'zod';

/** What "back up now" asks for: a full or incremental backup, or a restore drill; idempotent on the client's request id. */
export const startBackupRequest = z.object({
  kind: z.enum(['full', 'incremental', 'drill']),
  requestId: z.uuid(),
});
export type StartBackupRequest = z.output<typeof startBackupRequest>;

export const backupStarted = z.object({ workflowId: z.string() });

const digest = z.object({ rows: z.number().int(), checksum: z.string() });

export const backupRunView = z.object({
  id: z.string(),
  kind: z.enum(['full', 'incremental']),
  status: z.enum(['running', 'succeeded', 'failed']),
  requestedBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  /** pgBackRest's label of the backup (`--set` of a restore). */
  label: z.string().nullable(),
  chain: z.string().nullable(),
  /** The named restore point the tables were digested at (`--target` of a restore); null until the database part is done. */
  restorePoint: z.string().nullable(),
  databaseBytes: z.number().nullable(),
  backupBytes: z.number().nullable(),
  filesBytes: z.number().nullable(),
  tables: z.number().int().nullable(),
  attachments: z.number().int().nullable(),
  temporalCopied: z.boolean(),
  offsite: z.object({ copiedAt: z.string(), bytes: z.number(), files: z.number() }).nullable(),
  durations: z.object({ database: z.number().optional(), files: z.number().optional(), offsite: z.number().optional(), retention: z.number().optional() }),
  error: z.string().nullable(),
  expired: z.boolean(),
});
export type BackupRunView = z.infer<typeof backupRunView>;

export const backupChainView = z.object({
  chain: z.string(),
  startedAt: z.string(),
  /** Full plus incrementals, oldest first. */
  runs: z.array(backupRunView),
  backupBytes: z.number(),
  expired: z.boolean(),
});
export type BackupChainView = z.infer<typeof backupChainView>;

export const drillView = z.object({
  id: z.string(),
  status: z.enum(['running', 'passed', 'failed']),
  requestedBy: z.string().nullable(),
  backupRunId: z.string().nullable(),
  source: z.enum(['offsite', 'local']).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  tables: z.array(z.object({ table: z.string(), expected: digest.nullable(), restored: digest.nullable(), equal: z.boolean() })),
  mismatches: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type DrillView = z.infer<typeof drillView>;

export const backupOverview = z.object({
  /** Newest first. */
  chains: z.array(backupChainView),
  lastDrill: drillView.nullable(),
  /** What Temporal runs now: a backup (on request, by a Schedule or for an upgrade) and a drill; "back up now" waits for it. */
  running: z.object({ backup: z.boolean(), drill: z.boolean() }),
  drills: z.array(drillView.omit({ tables: true })),
  settings: z.object({
    retentionFull: z.number().int(),
    offsite: z.string().nullable(),
    crons: z.object({ full: z.string(), incremental: z.string(), drill: z.string() }),
  }),
});
export type BackupOverview = z.infer<typeof backupOverview>;
