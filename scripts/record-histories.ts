import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../db/client';
import { tasks, vendorContracts } from '../db/schema';
import { seedDemoCommunity } from '../db/seed/demo-community';
import { actor, complete, DIAGNOSIS, faultInput, openTask, REPAIR, startFault } from '../test/support/fault-scenarios';
import { eventually } from '../test/support/poll';
import { createStewardWorker } from '../worker/worker';
import { startEmbeddedPostgres } from './dev-services/embedded-postgres';
import { startTemporalDevServer } from './dev-services/temporal-cli';

/**
 * Records one history per fault-repair path into test/replay/fault-repair/, for the replay test.
 * Run again (npm run record-histories) when a change is meant to alter histories, behind patched().
 */
const outDir = fileURLToPath(new URL('../test/replay/fault-repair/', import.meta.url));
type Scenario = (client: Client, taskQueue: string, db: Database) => Promise<string>;

const scenarios: Record<string, Scenario> = {
  'general-path': async (client, taskQueue, db) => {
    const handle = await startFault(client, taskQueue, faultInput());
    await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'diagnoseFault')).id, actor('tech1'), DIAGNOSIS.general);
    await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'repairFault')).id, actor('tech1'), REPAIR);
    await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'verifyRepair')).id, actor('owner-zhang'), { accepted: true });
    await handle.result();
    return handle.workflowId;
  },
  'complex-vendor-late': async (client, taskQueue, db) => {
    const handle = await startFault(client, taskQueue, faultInput({ vendorReminderMs: 1000 }, 'network'));
    await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'diagnoseFault')).id, actor('tech1'), DIAGNOSIS.complex);
    const vendorTask = await openTask(db, handle.workflowId, 'vendorRepair');
    // The 3-second vendor SLA passes: reminders, then the supervisor joins the task.
    await eventually(async () => {
      const [row] = await db.select().from(tasks).where(eq(tasks.id, vendorTask.id));
      return row.candidateRoles.includes('tech-supervisor') ? row : undefined;
    });
    await complete(client, handle.workflowId, vendorTask.id, actor('techsup'), REPAIR);
    await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'verifyRepair')).id, actor('techsup'), { accepted: true });
    await handle.result();
    return handle.workflowId;
  },
  'sla-breach-then-rework': async (client, taskQueue, db) => {
    const handle = await startFault(client, taskQueue, faultInput({ repairSlaMs: 1500 }));
    await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'diagnoseFault')).id, actor('tech1'), DIAGNOSIS.general);
    await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'vendorRepair')).id, actor('vendor-cctv'), REPAIR);
    await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'verifyRepair')).id, actor('owner-zhang'), { accepted: false, comment: 'still black' });
    await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'vendorRepair')).id, actor('vendor-cctv'), REPAIR);
    await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'verifyRepair')).id, actor('owner-zhang'), { accepted: true });
    await handle.result();
    return handle.workflowId;
  },
};

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const scratch = await mkdtemp(path.join(tmpdir(), 'steward-record-'));
  await chmod(scratch, 0o755);
  const [temporal, postgres] = await Promise.all([startTemporalDevServer(), startEmbeddedPostgres(path.join(scratch, 'postgres'))]);
  const db = openDatabase(postgres.url);
  try {
    await migrateDatabase(db);
    await seedDemoCommunity(db);
    await db.update(vendorContracts).set({ repairSlaSeconds: 3 }).where(eq(vendorContracts.system, 'network'));
    const connection = await Connection.connect({ address: temporal.address });
    const nativeConnection = await NativeConnection.connect({ address: temporal.address });
    const client = new Client({ connection });
    const taskQueue = 'record-histories';
    const worker = await createStewardWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db });
    await mkdir(outDir, { recursive: true });
    await worker.runUntil(async () => {
      for (const [name, scenario] of Object.entries(scenarios)) {
        const workflowId = await scenario(client, taskQueue, db);
        const history = await client.workflow.getHandle(workflowId).fetchHistory();
        // The workflow id travels with the history: task ids embed it, so replay must use the same one.
        await writeFile(path.join(outDir, `${name}.json`), `{"workflowId":${JSON.stringify(workflowId)},"history":${historyToJSON(history)}}\n`);
        console.log(`recorded ${name} (${history.events?.length} events)`);
      }
    });
    await nativeConnection.close();
    await connection.close();
  } finally {
    await closeDatabase(db);
    await postgres.stop();
    await temporal.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
