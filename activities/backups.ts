import { ApplicationFailure, Context } from '@temporalio/activity';
import { asc } from 'drizzle-orm';
import type { Database } from '../db/client';
import { zones, type BackupKind } from '../db/schema';
import { applyRetention, backupDatabase, backupFiles, BackupRefusal, closeBackupRun, copyOffsite, openBackupRun, restoreDrill } from '../domain/backups';
import { OffsiteCopyAlteredError } from '../integrations/backups/offsite';
import type { BackupSettings } from '../integrations/backups/settings';
import type { FaultLocation } from '../contracts/locations';

export interface BackupActivitySettings {
  /** Null on a worker without the backup tools (its tool activities refuse). */
  backups: BackupSettings | null;
  /** The zone a failed backup's fault repair is filed under (where Steward's server stands); null: the register's first zone. */
  backupFaultZone: string | null;
}

/**
 * A refusal leaves the activity as a non-retryable failure of its own type: thrown as it is, Temporal would type it
 * by its class name, which the workflow's non-retryable types do not list, and retry it.
 */
async function refusalsFinal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupRefusal || error instanceof OffsiteCopyAlteredError) {
      throw ApplicationFailure.create({ type: error.type, message: error.message, nonRetryable: true, details: error instanceof OffsiteCopyAlteredError ? [error.files] : [] });
    }
    throw error;
  }
}

/** Heartbeats while `work` runs (a backup takes minutes to hours), so a lost worker is noticed within the heartbeat timeout. */
async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const beat = setInterval(() => context.heartbeat(), 10_000);
  try {
    return await refusalsFinal(work);
  } finally {
    clearInterval(beat);
  }
}

/** The backup process (P5.2b): the tools' work (domain/backups.ts) and its bookkeeping. */
export function createBackupActivities({ db, backups, backupFaultZone }: BackupActivitySettings & { db: Database }) {
  const context = () => {
    if (!backups) throw new BackupRefusal('this worker has no backup configuration (BACKUP_TASK_QUEUE names the workers that do)');
    return { db, settings: backups };
  };
  return {
    openBackupRun: (input: { runId: string; kind: BackupKind; requestedBy: string | null }) => openBackupRun(db, input),
    closeBackupRun: (input: { runId: string; error: string | null }) => closeBackupRun(db, input),
    backupDatabase: (input: { runId: string; kind: BackupKind }) => heartbeating(() => backupDatabase(context(), input)),
    backupFiles: (input: { runId: string }) => heartbeating(() => backupFiles(context(), input)),
    applyRetention: (input: { runId: string }) => heartbeating(() => applyRetention(context(), input)),
    copyOffsite: (input: { runId: string }) => heartbeating(() => copyOffsite(context(), input)),
    restoreDrill: (input: { drillId: string; requestedBy: string | null }) => heartbeating(() => restoreDrill(context(), input)),

    /** What the fault report of a failed run says, and where it is filed. */
    describeBackupFault: ({ kind, problems }: { kind: 'full' | 'incremental' | 'drill'; problems: string[] }): Promise<{ location: FaultLocation; system: string; symptoms: string }> =>
      refusalsFinal(async () => {
        const [first] = await db.select({ id: zones.id }).from(zones).orderBy(asc(zones.id)).limit(1);
        const zoneId = backupFaultZone ?? first?.id;
        if (!zoneId) throw new BackupRefusal('no zone to file the fault repair under: set BACKUP_FAULT_ZONE');
        const what = kind === 'drill' ? '恢复演练失败 Restore drill failed' : `${kind === 'full' ? '全量' : '增量'}备份失败 ${kind === 'full' ? 'Full' : 'Incremental'} backup failed`;
        return { location: { zoneId }, system: 'network', symptoms: `${what}: ${problems.join('; ')}`.slice(0, 4000) };
      }),
  };
}
