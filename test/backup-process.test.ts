import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { backupRunInput, ensureBackupSchedules } from '../api/use-cases/backups';
import { backupDrills, processInstances, tasks } from '../db/schema';
import type { BackupSettings } from '../integrations/backups/settings';
import type { BackupOutcome } from '../workflows/backup/messages';
import { createStewardWorker } from '../worker/worker';
import { TEST_TIMINGS, openTask } from './support/fault-scenarios';
import { startTestStack, type TestStack } from './support/stack';

let stack: TestStack & { stop(): Promise<void> };
let backups: BackupSettings;

beforeAll(async () => {
  stack = await startTestStack();
  const dir = await mkdtemp(path.join(inject('scratchDir'), 'backup-process-'));
  // Tools settings of a worker beside a cluster (the drill fails before it reaches the tools: nothing backed up yet).
  backups = {
    dir,
    passphrase: 'test-passphrase',
    offsite: null,
    retentionFull: 2,
    postgres: { dataDirectory: dir, socketDirectory: '/tmp', port: 5432, user: 'steward', password: 'steward', database: 'steward', binDirectory: null },
    temporalSqlite: null,
    nice: 0,
  };
}, 60_000);
afterAll(() => stack?.stop());

const settings = () => ({ backups: { ...stack.config.api.backups, toolsTaskQueue: stack.taskQueue }, faultRepair: TEST_TIMINGS });

describe('the backup process', () => {
  it('a failed drill opens a fault repair for the tech supervisor', async () => {
    const nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = await createStewardWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue: stack.taskQueue,
      db: stack.db,
      settings: { ...stack.config.worker.activities, backups },
      workflowBundle: { codePath: inject('workflowBundlePath') },
    });
    const workflowId = `backup-drill-test-${randomUUID()}`;
    const outcome = await worker.runUntil(async () => {
      const handle = await stack.client.workflow.start('backup', { taskQueue: stack.taskQueue, workflowId, args: [backupRunInput(settings(), 'drill', 'techsup')] });
      const result = (await handle.result()) as BackupOutcome;
      // The repair's first task is open for the tech supervisor before the worker stops.
      await openTask(stack.db, result.faultRepairWorkflowId!, 'diagnoseFault');
      return result;
    });
    await nativeConnection.close();

    expect(outcome).toMatchObject({ kind: 'drill', status: 'failed', faultRepairWorkflowId: `fault-repair-${workflowId}` });
    expect(outcome.problems).toEqual(['no backup to restore yet']);
    const [drill] = await stack.db.select().from(backupDrills).where(eq(backupDrills.id, workflowId));
    expect(drill).toMatchObject({ status: 'failed', error: 'no backup to restore yet' });
    const [diagnosis] = await stack.db.select().from(tasks).where(eq(tasks.workflowId, outcome.faultRepairWorkflowId!));
    expect(diagnosis!.candidateRoles).toContain('tech-supervisor');
    const [repair] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, outcome.faultRepairWorkflowId!));
    expect(repair).toMatchObject({ process: 'fault-repair', status: 'running' });
    const [drillInstance] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, workflowId));
    expect(drillInstance!.status).toBe('failed');
  }, 120_000);

  it('creates each backup Schedule once, however often Steward starts', async () => {
    const prefix = `t-${randomUUID().slice(0, 8)}-`;
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const client = new Client({ connection });
    try {
      await ensureBackupSchedules(client, stack.taskQueue, settings(), prefix);
      await ensureBackupSchedules(client, stack.taskQueue, settings(), prefix);
      const ids: string[] = [];
      for await (const schedule of client.schedule.list()) if (schedule.scheduleId.startsWith(prefix)) ids.push(schedule.scheduleId);
      expect(ids.sort()).toEqual([`${prefix}backup-drill`, `${prefix}backup-full`, `${prefix}backup-incremental`]);
      const full = await client.schedule.getHandle(`${prefix}backup-full`).describe();
      // Temporal keeps a cron as calendars: BACKUP_FULL_CRON's Sunday 02:00.
      expect(full.spec.calendars).toMatchObject([{ hour: [{ start: 2 }], dayOfWeek: [{ start: 'SUNDAY' }] }]);
      expect(full.action).toMatchObject({ type: 'startWorkflow', workflowType: 'backup', args: [expect.objectContaining({ kind: 'full' })] });
      for (const id of ids) await client.schedule.getHandle(id).delete();
    } finally {
      await connection.close();
    }
  }, 60_000);
});
