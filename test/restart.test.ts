import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { loadConfig } from '../config';
import { repairRecords, stepEvents, tasks } from '../db/schema';
import { freePort } from '../scripts/dev-services/ports';
import { startTemporalDevServer, type TemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { progressQuery } from '../workflows/fault-repair/messages';
import { createStewardWorker } from '../worker/worker';
import { actor, complete, DIAGNOSIS, faultInput, openTask, REPAIR, startFault } from './support/fault-scenarios';
import { MACHINE } from './support/config';
import { createTestDatabase, type TestDatabase } from './support/stack';

/** A worker and a dev server on a SQLite file: both can be stopped and started again. */
async function startEngine(database: TestDatabase, dbFile: string, port: number, taskQueue: string) {
  const server = await startTemporalDevServer({ cli: MACHINE.temporalCli, dbFile, port });
  const connection = await Connection.connect({ address: server.address });
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const worker: Worker = await createStewardWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    db: database.db,
    settings: loadConfig({}).worker.activities,
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const running = worker.run();
  return {
    server,
    client: new Client({ connection }),
    async stop() {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await server.stop();
    },
  };
}

let database: TestDatabase;
const servers: TemporalDevServer[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  await database?.drop();
});

describe('restart in the middle of a repair', () => {
  it('loses nothing and applies nothing twice', async () => {
    const dbFile = path.join(inject('scratchDir'), `restart-${randomUUID()}.sqlite`);
    const port = await freePort();
    const taskQueue = `restart-${randomUUID()}`;

    const first = await startEngine(database, dbFile, port, taskQueue);
    servers.push(first.server);
    const handle = await startFault(first.client, taskQueue, faultInput());
    const diagnosis = await openTask(database.db, handle.workflowId, 'diagnoseFault');
    await complete(first.client, handle.workflowId, diagnosis.id, actor('tech1'), DIAGNOSIS.general);
    const repair = await openTask(database.db, handle.workflowId, 'repairFault');
    await first.stop();

    const second = await startEngine(database, dbFile, port, taskQueue);
    servers.push(second.server);
    const resumed = second.client.workflow.getHandle(handle.workflowId);
    // The process is still where it was: the diagnosis done once, the repair open.
    const progress = await resumed.query(progressQuery);
    expect(progress.steps.diagnoseFault).toMatchObject({ status: 'completed', visits: 1 });
    expect(progress.steps.repairFault).toMatchObject({ status: 'active', visits: 1 });
    await complete(second.client, handle.workflowId, repair.id, actor('tech1'), REPAIR);
    const verification = await openTask(database.db, handle.workflowId, 'verifyRepair');
    await complete(second.client, handle.workflowId, verification.id, actor('owner-zhang'), { accepted: true });
    expect(await resumed.result()).toMatchObject({ repairedBy: 'in-house', reworkCount: 0 });

    const rows = await database.db.select().from(tasks).where(eq(tasks.workflowId, handle.workflowId)).orderBy(asc(tasks.createdAt));
    expect(rows.map((row) => [row.stepId, row.status])).toEqual([
      ['diagnoseFault', 'completed'],
      ['repairFault', 'completed'],
      ['verifyRepair', 'completed'],
    ]);
    const events = await database.db.select().from(stepEvents).where(eq(stepEvents.workflowId, handle.workflowId)).orderBy(asc(stepEvents.seq));
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.stepId === 'diagnoseFault' && event.event === 'completed')).toHaveLength(1);
    expect(await database.db.select().from(repairRecords).where(eq(repairRecords.workflowId, handle.workflowId))).toHaveLength(1);
    const history = await resumed.fetchHistory();
    expect((history.events ?? []).filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(3);
    await second.stop();
  });
});
