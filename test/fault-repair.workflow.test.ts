import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repairRecords, tasks, vendorContracts } from '../db/schema';
import { progressQuery } from '../workflows/fault-repair/messages';
import { actor, complete, DIAGNOSIS, faultInput, openTask, REPAIR, startFault } from './support/fault-scenarios';
import { eventually, startTestStack, type TestStack } from './support/stack';
import { processNotices } from './support/notices';
import { updateRejection } from './support/update-rejection';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});


async function updateEvents(workflowId: string) {
  const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes).length;
}

describe('fault repair (P3.2a–c) on a real dev server', () => {
  it('general path: diagnosis → in-house repair → verification by the reporter → repair record', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startFault(stack.client, stack.taskQueue, faultInput());
      const diagnosis = await openTask(stack.db, handle.workflowId, 'diagnoseFault');
      expect(diagnosis.candidateRoles).toEqual(['technician', 'tech-supervisor']);
      await complete(stack.client, handle.workflowId, diagnosis.id, actor('tech1'), DIAGNOSIS.general);
      const repair = await openTask(stack.db, handle.workflowId, 'repairFault');
      expect(repair.context).toMatchObject({ cause: DIAGNOSIS.general.cause });
      await complete(stack.client, handle.workflowId, repair.id, actor('tech1'), REPAIR);
      const verification = await openTask(stack.db, handle.workflowId, 'verifyRepair');
      expect(verification.candidateUsers).toEqual([actor('owner-zhang').userId]);
      await complete(stack.client, handle.workflowId, verification.id, actor('owner-zhang'), { accepted: true });

      expect(await handle.result()).toEqual({ repairedBy: 'in-house', reworkCount: 0, verifiedBy: actor('owner-zhang').displayName });
      const [record] = await stack.db.select().from(repairRecords).where(eq(repairRecords.workflowId, handle.workflowId));
      expect(record).toMatchObject({ cause: DIAGNOSIS.general.cause, partsReplaced: REPAIR.partsReplaced, timeSpentMinutes: 30, vendorId: null, reworkCount: 0 });
      const progress = await handle.query(progressQuery);
      expect(progress.status).toBe('completed');
      expect(Object.keys(progress.steps)).toEqual(['faultReported', 'diagnoseFault', 'repairFault', 'verifyRepair', 'storeRepairRecord', 'faultClosed']);
      // The path is in the history itself, not only in the database.
      const description = await handle.describe();
      const memo = (await description.memo) as { progress: { steps: Record<string, { status: string }> } };
      expect(memo.progress.steps.faultClosed.status).toBe('completed');
    });
  });

  it('complex fault: escalated to the contracted vendor, whose staff alone may repair', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startFault(stack.client, stack.taskQueue, faultInput());
      const diagnosis = await openTask(stack.db, handle.workflowId, 'diagnoseFault');
      await complete(stack.client, handle.workflowId, diagnosis.id, actor('tech1'), DIAGNOSIS.complex);
      const vendorTask = await openTask(stack.db, handle.workflowId, 'vendorRepair');
      expect(vendorTask.candidateUsers).toEqual(['u-vendor-cctv']);
      expect(vendorTask.candidateRoles).toEqual([]);
      expect((await updateRejection(complete(stack.client, handle.workflowId, vendorTask.id, actor('tech1'), REPAIR))).type).toBe('NotCandidate');
      expect((await updateRejection(complete(stack.client, handle.workflowId, vendorTask.id, actor('vendor-access-control'), REPAIR))).type).toBe('NotCandidate');
      await complete(stack.client, handle.workflowId, vendorTask.id, actor('vendor-cctv'), REPAIR);
      const verification = await openTask(stack.db, handle.workflowId, 'verifyRepair');
      await complete(stack.client, handle.workflowId, verification.id, actor('techsup'), { accepted: true });
      expect(await handle.result()).toMatchObject({ repairedBy: 'vendor', reworkCount: 0 });
      const [record] = await stack.db.select().from(repairRecords).where(eq(repairRecords.workflowId, handle.workflowId));
      expect(record.vendorId).toBe('v-cctv');
      expect((await handle.query(progressQuery)).steps.repairFault).toBeUndefined();
    });
  });

  it('repair SLA passes unrepaired: the in-house task is withdrawn and the vendor gets the repair', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startFault(stack.client, stack.taskQueue, faultInput({ repairSlaMs: 1500 }));
      const diagnosis = await openTask(stack.db, handle.workflowId, 'diagnoseFault');
      await complete(stack.client, handle.workflowId, diagnosis.id, actor('tech1'), DIAGNOSIS.general);
      const repair = await openTask(stack.db, handle.workflowId, 'repairFault');
      const vendorTask = await openTask(stack.db, handle.workflowId, 'vendorRepair');
      const [withdrawn] = await stack.db.select().from(tasks).where(eq(tasks.id, repair.id));
      expect(withdrawn.status).toBe('cancelled');
      // A technician finishing after the deadline is told the task is closed.
      expect((await updateRejection(complete(stack.client, handle.workflowId, repair.id, actor('tech1'), REPAIR))).type).toBe('TaskClosed');
      const progress = await handle.query(progressQuery);
      expect(progress.steps.repairSlaBreached).toMatchObject({ status: 'completed', visits: 1 });
      expect(progress.steps.repairFault.status).toBe('failed');
      expect(progress.steps.escalateToVendor.status).toBe('completed');
      await complete(stack.client, handle.workflowId, vendorTask.id, actor('vendor-cctv'), REPAIR);
      const verification = await openTask(stack.db, handle.workflowId, 'verifyRepair');
      await complete(stack.client, handle.workflowId, verification.id, actor('owner-zhang'), { accepted: true });
      expect(await handle.result()).toMatchObject({ repairedBy: 'vendor' });
    });
  });

  it('no active vendor contract: the escalation shows failed and the tech supervisor gets the repair', async () => {
    await stack.db.update(vendorContracts).set({ active: false }).where(eq(vendorContracts.system, 'elevator-monitoring'));
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startFault(stack.client, stack.taskQueue, faultInput({}, 'elevator-monitoring'));
      const diagnosis = await openTask(stack.db, handle.workflowId, 'diagnoseFault');
      await complete(stack.client, handle.workflowId, diagnosis.id, actor('tech1'), DIAGNOSIS.complex);
      const repair = await openTask(stack.db, handle.workflowId, 'vendorRepair');
      expect(repair).toMatchObject({ candidateRoles: ['tech-supervisor'], candidateUsers: [] });
      expect((await handle.query(progressQuery)).steps.escalateToVendor.status).toBe('failed');
      await complete(stack.client, handle.workflowId, repair.id, actor('techsup'), REPAIR);
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'verifyRepair')).id, actor('owner-zhang'), { accepted: true });
      expect(await handle.result()).toMatchObject({ repairedBy: 'in-house' });
      const [record] = await stack.db.select().from(repairRecords).where(eq(repairRecords.workflowId, handle.workflowId));
      expect(record.vendorId).toBeNull();
    });
  });

  it('late vendor: reminders, then the tech supervisor joins the task', async () => {
    await stack.db.update(vendorContracts).set({ repairSlaSeconds: 3 }).where(eq(vendorContracts.system, 'network'));
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startFault(stack.client, stack.taskQueue, faultInput({ vendorReminderMs: 1000 }, 'network'));
      const diagnosis = await openTask(stack.db, handle.workflowId, 'diagnoseFault');
      await complete(stack.client, handle.workflowId, diagnosis.id, actor('tech1'), DIAGNOSIS.complex);
      const vendorTask = await openTask(stack.db, handle.workflowId, 'vendorRepair');
      const sent = await eventually(async () => {
        const rows = await processNotices(stack.db, handle.workflowId);
        return rows.some((row) => row.dedupeKey.endsWith('.overdue')) ? rows : undefined;
      });
      // Reminders go to the vendor's staff first; the alert to the supervisor comes last, once.
      expect(sent.length).toBeGreaterThanOrEqual(2);
      expect(sent.slice(0, -1).every((row) => row.dedupeKey.includes('.reminder.') && row.recipientUsers.includes('u-vendor-network'))).toBe(true);
      expect(sent.at(-1)).toMatchObject({ recipientRoles: ['tech-supervisor'] });
      const [escalated] = await stack.db.select().from(tasks).where(eq(tasks.id, vendorTask.id));
      expect(escalated.candidateRoles).toEqual(['tech-supervisor']);
      expect(escalated.candidateUsers).toEqual(['u-vendor-network']);
      // The alert is written before the step is recorded: wait for the step rather than race it.
      const overdue = await eventually(async () => (await handle.query(progressQuery)).steps.vendorOverdue);
      expect(overdue.visits).toBe(1);
      await complete(stack.client, handle.workflowId, vendorTask.id, actor('techsup'), REPAIR);
      const verification = await openTask(stack.db, handle.workflowId, 'verifyRepair');
      await complete(stack.client, handle.workflowId, verification.id, actor('techsup'), { accepted: true });
      expect(await handle.result()).toMatchObject({ repairedBy: 'vendor' });
    });
  });

  it('verification rejected twice: the repair step is visited three times and the loop is counted', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startFault(stack.client, stack.taskQueue, faultInput());
      const diagnosis = await openTask(stack.db, handle.workflowId, 'diagnoseFault');
      await complete(stack.client, handle.workflowId, diagnosis.id, actor('tech1'), DIAGNOSIS.general);
      for (let round = 1; round <= 3; round += 1) {
        const repair = await openTask(stack.db, handle.workflowId, 'repairFault');
        expect(repair.id).toBe(`${handle.workflowId}.repairFault.${round}`);
        await complete(stack.client, handle.workflowId, repair.id, actor('tech2'), REPAIR);
        const verification = await openTask(stack.db, handle.workflowId, 'verifyRepair');
        const accepted = round === 3;
        await complete(stack.client, handle.workflowId, verification.id, actor('owner-zhang'), accepted ? { accepted } : { accepted, comment: `still black, round ${round}` });
      }
      expect(await handle.result()).toMatchObject({ repairedBy: 'in-house', reworkCount: 2 });
      const progress = await handle.query(progressQuery);
      expect(progress.steps.repairFault.visits).toBe(3);
      expect(progress.steps.verifyRepair.visits).toBe(3);
      const [record] = await stack.db.select().from(repairRecords).where(eq(repairRecords.workflowId, handle.workflowId));
      expect(record.reworkCount).toBe(2);
    });
  });

  it('a task completed twice is applied once', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startFault(stack.client, stack.taskQueue, faultInput());
      const diagnosis = await openTask(stack.db, handle.workflowId, 'diagnoseFault');
      const input = { taskId: diagnosis.id, actor: actor('tech1'), payload: DIAGNOSIS.general };
      const [first, retried] = await Promise.all([
        handle.executeUpdate('completeTask', { args: [input], updateId: 'same-click' }),
        handle.executeUpdate('completeTask', { args: [input], updateId: 'same-click' }),
      ]);
      expect(retried).toEqual(first);
      const second = await updateRejection(complete(stack.client, handle.workflowId, diagnosis.id, actor('tech2'), DIAGNOSIS.complex));
      expect(second.type).toBe('TaskClosed');
      await openTask(stack.db, handle.workflowId, 'repairFault');
      expect(await updateEvents(handle.workflowId)).toBe(1);
      const [row] = await stack.db.select().from(tasks).where(eq(tasks.id, diagnosis.id));
      expect(row).toMatchObject({ status: 'completed', completedBy: 'u-tech1', result: DIAGNOSIS.general });
      expect((await handle.query(progressQuery)).steps.diagnoseFault.visits).toBe(1);
      const vendorTasks = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, handle.workflowId), eq(tasks.stepId, 'vendorRepair')));
      expect(vendorTasks).toHaveLength(0);
      await handle.terminate('test done');
    });
  });

  it('the update validator rejects an invalid payload and an actor without the role, before history', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startFault(stack.client, stack.taskQueue, faultInput());
      const diagnosis = await openTask(stack.db, handle.workflowId, 'diagnoseFault');
      const invalid = await updateRejection(complete(stack.client, handle.workflowId, diagnosis.id, actor('tech1'), { cause: 'x', faultClass: 'minor' }));
      expect(invalid.type).toBe('InvalidPayload');
      expect(invalid.fields.sort()).toEqual(['cause', 'faultClass', 'repairPlan']);
      const guard = await updateRejection(complete(stack.client, handle.workflowId, diagnosis.id, actor('guard1'), DIAGNOSIS.general));
      expect(guard.type).toBe('NotCandidate');
      const unknown = await updateRejection(complete(stack.client, handle.workflowId, `${handle.workflowId}.repairFault.1`, actor('tech1'), REPAIR));
      expect(unknown.type).toBe('UnknownTask');
      expect(await updateEvents(handle.workflowId)).toBe(0);
      const [row] = await stack.db.select().from(tasks).where(eq(tasks.id, diagnosis.id));
      expect(row.status).toBe('open');
      await handle.terminate('test done');
    });
  });
});
