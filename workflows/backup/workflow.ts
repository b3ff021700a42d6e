import { ActivityFailure, ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { createBackupActivities } from '../../activities/backups';
import type { FaultRepairInput } from '../fault-repair/messages';
import type { faultRepair } from '../fault-repair/workflow';
import { activityOptions, linkProcesses } from '../lib/activities';
import { ProcessTracker } from '../lib/progress';
import { backupFaultRepairId, type BackupInput, type BackupOutcome } from './messages';
import { BACKUP_STEPS as STEPS } from './steps';

type Activities = ReturnType<typeof createBackupActivities>;

/** The bookkeeping (rows in PostgreSQL): retried like every process's. */
const { openBackupRun, closeBackupRun, describeBackupFault } = proxyActivities<Activities>(activityOptions('BackupRefused'));

/**
 * The tools' work: long (heartbeating while it runs), on the workers that hold the tools, tried `attempts` times,
 * since a backup that keeps failing must reach a person rather than wait.
 */
function toolActivities(input: BackupInput) {
  return proxyActivities<Activities>({
    taskQueue: input.toolsTaskQueue,
    startToCloseTimeout: '6 hours',
    heartbeatTimeout: '2 minutes',
    retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumAttempts: input.attempts, nonRetryableErrorTypes: ['BackupRefused', 'OffsiteCopyAltered'] },
  });
}

function problemOf(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * P5.2b: a full or incremental backup (database, files, retention, off-site copy), or a restore drill that proves
 * the latest chain restores. Started by the Schedules `backup-full`, `backup-incremental` and `backup-drill`, or on
 * request; a run that fails opens a fault repair for the tech supervisor.
 */
export async function backup(input: BackupInput): Promise<BackupOutcome> {
  const { workflowId } = workflowInfo();
  const tracker = new ProcessTracker({ process: 'backup', title: input.kind === 'drill' ? 'Restore drill' : `Backup (${input.kind})`, startedBy: input.requestedBy }, { kind: input.kind, requestedBy: input.requestedBy });
  await tracker.pass(STEPS.backupDue.id, input.requestedBy, { kind: input.kind });
  const tools = toolActivities(input);
  const problems: string[] = [];
  let failedStep: string | null = null;

  if (input.kind === 'drill') {
    await tracker.enter(STEPS.restoreDrill.id);
    try {
      const drill = await tools.restoreDrill({ drillId: workflowId, requestedBy: input.requestedBy });
      tracker.setData({ mismatches: drill.mismatches, backupRunId: drill.backupRunId });
      problems.push(...drill.problems);
    } catch (error) {
      problems.push(problemOf(error));
    }
    if (problems.length) failedStep = STEPS.restoreDrill.id;
    else await tracker.complete(STEPS.restoreDrill.id);
  } else {
    await openBackupRun({ runId: workflowId, kind: input.kind, requestedBy: input.requestedBy });
    const steps = [
      [STEPS.backupDatabase.id, () => tools.backupDatabase({ runId: workflowId, kind: input.kind as 'full' | 'incremental' })],
      [STEPS.backupFiles.id, () => tools.backupFiles({ runId: workflowId })],
      [STEPS.applyRetention.id, () => tools.applyRetention({ runId: workflowId })],
      [STEPS.copyOffsite.id, () => tools.copyOffsite({ runId: workflowId })],
    ] as const;
    for (const [stepId, run] of steps) {
      await tracker.enter(stepId);
      try {
        const result: Record<string, unknown> = await run();
        tracker.setData(result);
        await tracker.complete(stepId, null, result);
      } catch (error) {
        problems.push(problemOf(error));
        failedStep = stepId;
        break;
      }
    }
    await closeBackupRun({ runId: workflowId, error: problems.length ? problems.join('\n') : null });
  }

  if (!failedStep) {
    await tracker.finish('completed', input.kind === 'drill' ? STEPS.drillPassed.id : STEPS.backedUp.id);
    return { kind: input.kind, status: 'succeeded', problems: [], faultRepairWorkflowId: null };
  }

  await tracker.fail(failedStep, { problems });
  tracker.setData({ problems });
  await tracker.enter(STEPS.openFaultRepair.id);
  const fault = await describeBackupFault({ kind: input.kind, problems });
  const faultRepairWorkflowId = backupFaultRepairId(workflowId);
  const repair: FaultRepairInput = {
    report: {
      occurredAt: new Date().toISOString(),
      location: fault.location,
      system: fault.system,
      symptoms: fault.symptoms,
      source: 'monitoring',
      reporter: { userId: null, displayName: '监控系统 Steward monitoring' },
    },
    timings: input.faultRepairTimings,
    priority: 80,
  };
  // The repair outlives this run: the failure is recorded here, the repair goes on with the tech supervisor.
  await startChild<typeof faultRepair>('faultRepair', { workflowId: faultRepairWorkflowId, args: [repair], parentClosePolicy: ParentClosePolicy.ABANDON });
  await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: faultRepairWorkflowId, relation: 'repair' });
  tracker.setData({ faultRepairWorkflowId });
  await tracker.complete(STEPS.openFaultRepair.id, null, { faultRepairWorkflowId });
  await tracker.finish('failed', STEPS.failureReported.id, null, { problems });
  return { kind: input.kind, status: 'failed', problems, faultRepairWorkflowId };
}

