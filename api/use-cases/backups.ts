import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { desc } from 'drizzle-orm';
import type { ApiContext, ApiSettings } from '../context';
import type { SessionUser } from '../auth/session';
import { startProcess, scheduledStart } from './start-process';
import type { BackupOverview, BackupRunView, DrillView, StartBackupRequest } from '../../contracts/backups';
import { backupDrills, backupRuns } from '../../db/schema';
import { backupProcess, type BackupInput } from '../../workflows/backup/definition';

/** The three Schedules of P5.2b: weekly full, daily incremental, monthly drill (the ids are the Schedules'). */
export const BACKUP_SCHEDULES = { full: 'backup-full', incremental: 'backup-incremental', drill: 'backup-drill' } as const;

/** What a run is started with: everything from configuration, so the workflow reads none. */
export function backupRunInput(settings: Pick<ApiSettings, 'backups' | 'faultRepair'>, kind: BackupInput['kind'], requestedBy: string | null): BackupInput {
  return { kind, requestedBy, toolsTaskQueue: settings.backups.toolsTaskQueue, attempts: settings.backups.attempts, faultRepairTimings: settings.faultRepair };
}

/** Creates each backup Schedule once, and follows a changed configuration on later starts (an update, never a second Schedule). */
export async function ensureBackupSchedules(temporal: Client, taskQueue: string, settings: Pick<ApiSettings, 'backups' | 'faultRepair'>, prefix = ''): Promise<void> {
  for (const kind of ['full', 'incremental', 'drill'] as const) {
    const scheduleId = `${prefix}${BACKUP_SCHEDULES[kind]}`;
    const spec = { cronExpressions: [settings.backups.crons[kind]] };
    const action = scheduledStart(backupProcess, { workflowId: backupProcess.workflowId(scheduleId), input: backupRunInput(settings, kind, null), taskQueue });
    // A backup still running when the next is due: the next waits for it rather than racing it for pgBackRest's lock.
    const policies = { overlap: ScheduleOverlapPolicy.BUFFER_ONE };
    try {
      await temporal.schedule.create({ scheduleId, spec, action, policies });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await temporal.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
    }
  }
}

/** "Back up now" or a drill on request: one run per request id, so a repeated request starts nothing more. */
export function startBackup(ctx: ApiContext, user: SessionUser, request: StartBackupRequest): Promise<{ workflowId: string }> {
  const workflowId = backupProcess.workflowId(`backup-${request.kind}-${request.requestId}`);
  const title = request.kind === 'drill' ? '恢复演练 Restore drill' : `${request.kind === 'full' ? '全量' : '增量'}备份 Backup (${request.kind})`;
  return startProcess(ctx, backupProcess, { workflowId, input: backupRunInput(ctx.settings, request.kind, user.displayName), title, startedBy: user.id });
}

type RunRow = typeof backupRuns.$inferSelect;
type DrillRow = typeof backupDrills.$inferSelect;

function runView(row: RunRow): BackupRunView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    requestedBy: row.requestedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    label: row.label,
    chain: row.chain,
    restorePoint: row.restorePoint,
    databaseBytes: row.databaseBytes,
    backupBytes: row.backupBytes,
    filesBytes: row.filesBytes,
    tables: row.tables ? Object.keys(row.tables).length : null,
    attachments: row.attachments,
    temporalCopied: row.temporalSha256 !== null,
    offsite: row.offsite ? { copiedAt: row.offsite.copiedAt, bytes: row.offsite.bytes, files: row.offsite.files } : null,
    durations: row.durations,
    error: row.error,
    expired: row.expiredAt !== null,
  };
}

function drillView(row: DrillRow): DrillView {
  return {
    id: row.id,
    status: row.status,
    requestedBy: row.requestedBy,
    backupRunId: row.backupRunId,
    source: row.source === 'offsite' || row.source === 'local' ? row.source : null,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    tables: row.tables ?? [],
    mismatches: row.mismatches,
    error: row.error,
  };
}

/** The backups page: runs grouped into chains (newest first), the drills, the last drill's comparison, and the settings in force. */
export async function backupOverview(ctx: ApiContext): Promise<BackupOverview> {
  const runs = await ctx.db.select().from(backupRuns).orderBy(desc(backupRuns.startedAt)).limit(200);
  const chains = new Map<string, RunRow[]>();
  for (const run of runs) {
    const key = run.chain ?? run.id;
    chains.set(key, [run, ...(chains.get(key) ?? [])]);
  }
  const drills = await ctx.db.select().from(backupDrills).orderBy(desc(backupDrills.startedAt)).limit(20);
  const lastDrill = drills.find((drill) => drill.status !== 'running') ?? null;
  return {
    chains: [...chains.entries()].map(([chain, rows]) => ({
      chain,
      startedAt: rows[0]!.startedAt.toISOString(),
      runs: rows.map(runView),
      backupBytes: rows.reduce((sum, row) => sum + (row.backupBytes ?? 0) + (row.filesBytes ?? 0), 0),
      expired: rows.every((row) => row.expiredAt !== null),
    })),
    lastDrill: lastDrill ? drillView(lastDrill) : null,
    drills: drills.map((row) => {
      const { tables: _tables, ...rest } = drillView(row);
      return rest;
    }),
    settings: { retentionFull: ctx.settings.backups.retentionFull, offsite: ctx.settings.backups.offsite, crons: ctx.settings.backups.crons },
  };
}
