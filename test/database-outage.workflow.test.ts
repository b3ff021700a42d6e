import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../db/client';
import {
  bidScores,
  inspectionPlans,
  inspectionRecords,
  panelMembers,
  processInstances,
  procurementContracts,
  repairRecords,
  stepEvents,
  tasks,
  vendorContracts,
} from '../db/schema';
import { seedDemoCommunity } from '../db/seed/demo-community';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../scripts/dev-services/embedded-postgres';
import { progressQuery } from '../workflows/lib/messages';
import type { InspectionInput } from '../workflows/inspection/messages';
import { createStewardWorker } from '../worker/worker';
import { actor, complete, DIAGNOSIS, faultInput, openTask, REPAIR, startFault, TEST_TIMINGS } from './support/fault-scenarios';
import { CONTRACT, procurementInput, startProcurement, throughEvaluation } from './support/procurement-scenarios';
import { eventually } from './support/stack';
import { processNotices } from './support/notices';

/** How long PostgreSQL stays down: longer than the old five tries (about 15 s) could ride out. */
const OUTAGE_MS = 40_000;
/** The inspection falls due this long after its start, so its overdue timer fires during the outage. */
const INSPECTION_DUE_SECONDS = 10;
/** The longest pause between two tries (workflows/lib/activities.ts), plus the time to finish a process. */
const RECOVERY_MS = 45_000;

// A PostgreSQL of this file's own: the shared test server stays up for the files running beside this one.
let postgres: EmbeddedDatabase;
let db: Database;
let workerDb: Database;
let client: Client;
let connection: Connection;
let nativeConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `outage-${randomUUID()}`;

beforeAll(async () => {
  postgres = await startEmbeddedPostgres(path.join(inject('scratchDir'), `outage-${randomUUID()}`), 'steward', { temporary: true });
  db = openDatabase(postgres.url, { max: 5 });
  await migrateDatabase(db);
  await seedDemoCommunity(db);
  // The worker has its own pool, as in production: its connections are the ones the outage breaks.
  workerDb = openDatabase(postgres.url, { max: 5 });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection });
  worker = await createStewardWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    db: workerDb,
    settings: loadConfig({}).worker.activities,
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await connection?.close();
  if (workerDb) await closeDatabase(workerDb);
  if (db) await closeDatabase(db);
  await postgres?.stop();
});

/** The attempt on which an activity of the workflow last started, from its history. */
async function lastAttempt(workflowId: string, activityType: string): Promise<number> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const scheduled = events.find((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === activityType);
  const started = events.find((event) => String(event.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled?.eventId));
  return started?.activityTaskStartedEventAttributes?.attempt ?? 0;
}

/** The worklist and the instance index agree with the process: nothing left open, every step event once. */
async function expectConsistent(workflowId: string) {
  expect(await db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.status, 'open')))).toEqual([]);
  const [instance] = await db.select().from(processInstances).where(eq(processInstances.workflowId, workflowId));
  expect(instance).toMatchObject({ status: 'completed', currentSteps: [] });
  const { seq } = await client.workflow.getHandle(workflowId).query(progressQuery);
  const events = await db.select({ seq: stepEvents.seq }).from(stepEvents).where(eq(stepEvents.workflowId, workflowId));
  expect(events.map((event) => event.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: seq }, (_, index) => index + 1));
}

/** The open task of a step once the process waits on it: its row written and the step recorded as entered. */
async function waitingOn(workflowId: string, stepId: string) {
  const task = await openTask(db, workflowId, stepId);
  await eventually(async () => {
    const [entered] = await db
      .select()
      .from(stepEvents)
      .where(and(eq(stepEvents.workflowId, workflowId), eq(stepEvents.stepId, stepId), eq(stepEvents.event, 'entered')));
    return entered;
  });
  return task;
}

async function stepsOfTasks(workflowId: string) {
  const rows = await db.select({ stepId: tasks.stepId, status: tasks.status }).from(tasks).where(eq(tasks.workflowId, workflowId));
  return rows.map((row) => `${row.stepId}:${row.status}`).sort();
}

describe('PostgreSQL down in the middle of the processes', () => {
  it(
    'a repair, a procurement and an inspection each finish once the database is back, nothing lost and nothing twice',
    async () => {
      // Each process brought to a step the outage will interrupt.
      const fault = await startFault(client, taskQueue, faultInput());
      await complete(client, fault.workflowId, (await openTask(db, fault.workflowId, 'diagnoseFault')).id, actor('tech1'), DIAGNOSIS.general);
      const repair = await waitingOn(fault.workflowId, 'repairFault');

      const procurement = await startProcurement(client, taskQueue, procurementInput());
      await throughEvaluation(client, db, procurement.workflowId, { winner: 0 });
      const draft = await waitingOn(procurement.workflowId, 'draftContract');

      const planId = `outage-${randomUUID()}`;
      await db.insert(inspectionPlans).values({
        id: planId,
        title: 'Gate check',
        responsibleRole: 'guard',
        cycleSeconds: 3600,
        dueWithinSeconds: INSPECTION_DUE_SECONDS,
        checklist: [{ id: 'gate-camera', text: 'Gate camera: night vision', system: 'cctv', deviceId: 'cam-gate' }],
        createdBy: 'u-techsup',
      });
      const inspectionInput: InspectionInput = { planId, faultRepairTimings: TEST_TIMINGS };
      const inspection = await client.workflow.start('inspection', { taskQueue, workflowId: `inspection-${planId}`, args: [inspectionInput] });
      const checklist = await waitingOn(inspection.workflowId, 'performInspection');

      await postgres.halt();
      const downAt = Date.now();
      expect(checklist.dueAt.getTime()).toBeGreaterThan(downAt);
      // While the database is down, people go on working: the repair and the contract draft are handed in (each
      // closes its worklist row, then the process goes on), and the inspection's due time passes (it marks the
      // record overdue and widens the task).
      const handedIn = Promise.allSettled([
        complete(client, fault.workflowId, repair.id, actor('tech1'), REPAIR),
        complete(client, procurement.workflowId, draft.id, actor('procure'), { ...CONTRACT, priceYuan: 78_000 }),
      ]);
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - downAt)));
      await postgres.resume();
      const upAt = Date.now();
      const outageMs = upAt - downAt;
      expect(outageMs).toBeGreaterThanOrEqual(OUTAGE_MS);
      expect(checklist.dueAt.getTime()).toBeLessThan(upAt);

      const settled = await handedIn;
      const handedInMs = Date.now() - upAt;
      expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);

      const verification = await openTask(db, fault.workflowId, 'verifyRepair');
      await complete(client, fault.workflowId, verification.id, actor('owner-zhang'), { accepted: true });
      // The overdue inspection: its record marked, the supervisor among the candidates; then the guard hands it in.
      await eventually(async () => {
        const [row] = await db.select().from(tasks).where(eq(tasks.id, checklist.id));
        return row.candidateRoles.includes('tech-supervisor') ? true : undefined;
      }, RECOVERY_MS);
      await complete(client, inspection.workflowId, checklist.id, actor('guard1'), { 'result_gate-camera': 'pass' });

      expect(await fault.result()).toEqual({ repairedBy: 'in-house', reworkCount: 0, verifiedBy: actor('owner-zhang').displayName });
      expect(await procurement.result()).toMatchObject({ status: 'contracted', vendorId: 'v-anxin', priceYuan: 78_000 });
      expect(await inspection.result()).toEqual({ status: 'recorded', failedItems: [], faultRepairWorkflowIds: [] });
      const finishedMs = Date.now() - upAt;
      console.info(`PostgreSQL down ${outageMs} ms; hand-ins done ${handedInMs} ms and all three processes finished ${finishedMs} ms after it was back`);
      expect(finishedMs).toBeLessThan(RECOVERY_MS);

      // The overdue mark was tried on through the outage, beyond the five tries that used to fail the run.
      expect(await lastAttempt(inspection.workflowId, 'markInspectionOverdue')).toBeGreaterThan(5);

      // Every record once.
      expect(await db.select().from(repairRecords).where(eq(repairRecords.workflowId, fault.workflowId))).toEqual([
        expect.objectContaining({ cause: DIAGNOSIS.general.cause, repairProcess: REPAIR.repairProcess, reworkCount: 0 }),
      ]);
      expect(await db.select().from(procurementContracts).where(eq(procurementContracts.procurementWorkflowId, procurement.workflowId))).toEqual([
        expect.objectContaining({ vendorId: 'v-anxin', system: 'cctv' }),
      ]);
      expect(await db.select().from(vendorContracts).where(and(eq(vendorContracts.system, 'cctv'), eq(vendorContracts.active, true)))).toEqual([
        expect.objectContaining({ vendorId: 'v-anxin', procurementContractId: `contract-${procurement.workflowId}` }),
      ]);
      expect(await db.select().from(panelMembers).where(eq(panelMembers.procurementWorkflowId, procurement.workflowId))).toHaveLength(3);
      expect(await db.select().from(bidScores).where(eq(bidScores.procurementWorkflowId, procurement.workflowId))).toHaveLength(9);
      const records = await db.select().from(inspectionRecords).where(eq(inspectionRecords.planId, planId));
      expect(records).toEqual([expect.objectContaining({ workflowId: inspection.workflowId, status: 'completed', inspectorId: actor('guard1').userId })]);
      expect(records[0].overdueAt).not.toBeNull();
      expect(await processNotices(db, inspection.workflowId)).toEqual([
        expect.objectContaining({ dedupeKey: `${checklist.id}.overdue` }),
      ]);

      // Every task closed once, none orphaned; the instance index and step events match the processes.
      expect(await stepsOfTasks(fault.workflowId)).toEqual(['diagnoseFault:completed', 'repairFault:completed', 'verifyRepair:completed']);
      expect(await stepsOfTasks(procurement.workflowId)).toEqual(
        ['chooseMethod', 'appointPanel', 'declareInterests', 'declareInterests', 'declareInterests', 'scoreBids', 'scoreBids', 'scoreBids', 'draftContract']
          .map((step) => `${step}:completed`)
          .sort(),
      );
      expect(await stepsOfTasks(inspection.workflowId)).toEqual(['performInspection:completed']);
      for (const workflowId of [fault.workflowId, procurement.workflowId, inspection.workflowId]) await expectConsistent(workflowId);
    },
    170_000,
  );
});
