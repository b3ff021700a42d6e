import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, WorkflowNotFoundError } from '@temporalio/client';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { ApiContext, ApiSettings } from '../context';
import type { SessionUser } from '../auth/session';
import { startProcess, scheduledStart } from './start-process';
import type { BackupOverview, BackupRunView, DrillView, StartBackupRequest } from '../../contracts/backups';
import { backupDrills, backupRuns, processInstances } from '../../db/schema';
import { conflict } from '../http/problem';
import { BACKUP_RUN_KINDS, backupProcess, type BackupInput } from '../../workflows/backup/definition';

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

/** A backup process that Temporal still runs: the instance row says running, and Temporal confirms it (a terminated run leaves its row). */
interface RunningBackup {
  workflowId: string;
  kind: BackupInput['kind'];
  startedAt: Date;
}

/** What runs now, backups and drills alike (started on request, by a Schedule or by an upgrade), oldest first. */
export async function runningBackups(ctx: Pick<ApiContext, 'db' | 'temporal'>): Promise<RunningBackup[]> {
  const rows = await ctx.db
    .select({ workflowId: processInstances.workflowId, kind: sql<string | null>`${processInstances.data} ->> 'kind'`, startedAt: processInstances.startedAt })
    .from(processInstances)
    .where(and(eq(processInstances.process, backupProcess.name), eq(processInstances.status, 'running')))
    .orderBy(asc(processInstances.startedAt));
  const running = await Promise.all(
    rows.map(async (row) => {
      const status = await ctx.temporal.workflow
        .getHandle(row.workflowId)
        .describe()
        .then(
          (description) => description.status.name,
          (error: unknown) => {
            if (error instanceof WorkflowNotFoundError) return 'NOT_FOUND';
            throw error;
          },
        );
      const kind = BACKUP_RUN_KINDS.find((known) => known === row.kind);
      return status === 'RUNNING' && kind ? [{ workflowId: row.workflowId, kind, startedAt: row.startedAt }] : [];
    }),
  );
  return running.flat();
}

const KIND_WORDS = { full: { 'zh-CN': '全量备份', en: 'a full backup' }, incremental: { 'zh-CN': '增量备份', en: 'an incremental backup' } } as const;

/**
 * "Back up now" or a drill on request: one run per request id, so a repeated request starts nothing more. A backup
 * while another backup runs (they would queue on pgBackRest's lock) and a drill while another drill runs are
 * refused (409): the page says what runs. Checked and started under one lock, so two requests at once start one.
 */
export function startBackup(ctx: ApiContext, user: SessionUser, request: StartBackupRequest): Promise<{ workflowId: string }> {
  const workflowId = backupProcess.workflowId(`backup-${request.kind}-${request.requestId}`);
  const title = request.kind === 'drill' ? '恢复演练 Restore drill' : `${request.kind === 'full' ? '全量' : '增量'}备份 Backup (${request.kind})`;
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('steward.backup-start'))`);
    const rivals = (await runningBackups(ctx)).filter((run) => run.workflowId !== workflowId && (run.kind === 'drill') === (request.kind === 'drill'));
    const rival = rivals[0];
    if (rival) {
      const startedAt = `${rival.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      throw rival.kind === 'drill' ? conflict('drill.already-running', { startedAt }) : conflict('backup.already-running', { kind: KIND_WORDS[rival.kind], startedAt });
    }
    // Started while the lock is held (its row written on another connection before this one commits).
    return startProcess(ctx, backupProcess, { workflowId, input: backupRunInput(ctx.settings, request.kind, user.displayName), title, startedBy: user.id, data: { kind: request.kind } });
  });
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
  const running = await runningBackups(ctx);
  return {
    chains: [...chains.entries()].map(([chain, rows]) => ({
      chain,
      startedAt: rows[0]!.startedAt.toISOString(),
      runs: rows.map(runView),
      backupBytes: rows.reduce((sum, row) => sum + (row.backupBytes ?? 0) + (row.filesBytes ?? 0), 0),
      expired: rows.every((row) => row.expiredAt !== null),
    })),
    lastDrill: lastDrill ? drillView(lastDrill) : null,
    running: { backup: running.some((run) => run.kind !== 'drill'), drill: running.some((run) => run.kind === 'drill') },
    drills: drills.map((row) => {
      const { tables: _tables, ...rest } = drillView(row);
      return rest;
    }),
    settings: { retentionFull: ctx.settings.backups.retentionFull, offsite: ctx.settings.backups.offsite, crons: ctx.settings.backups.crons },
  };
}
