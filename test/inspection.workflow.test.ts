import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectionPlans, inspectionRecords, tasks } from '../db/schema';
import { progressQuery, type InspectionInput } from '../workflows/inspection/messages';
import { actor, complete, openTask, TEST_TIMINGS } from './support/fault-scenarios';
import { eventually, startTestStack, type TestStack } from './support/stack';
import { processNotices } from './support/notices';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function plan(overrides: Partial<typeof inspectionPlans.$inferInsert> = {}) {
  const id = `w-${randomUUID()}`;
  await stack.db.insert(inspectionPlans).values({
    id,
    title: 'Gate check',
    responsibleRole: 'guard',
    cycleSeconds: 3600,
    dueWithinSeconds: 1800,
    checklist: [{ id: 'gate-camera', text: 'Gate camera: night vision', system: 'cctv', deviceId: 'cam-gate' }],
    createdBy: 'u-techsup',
    ...overrides,
  });
  return id;
}

/** Starts a run the way the plan's schedule does: the plan id and the repairs' timings. */
function run(planId: string, suffix = randomUUID()) {
  const input: InspectionInput = { planId, faultRepairTimings: TEST_TIMINGS };
  return stack.client.workflow.start('inspection', { taskQueue: stack.taskQueue, workflowId: `inspection-${planId}-${suffix}`, args: [input] });
}

describe('inspection runs (P3.1a, P3.1c) on a real dev server', () => {
  it('a run of a deactivated plan opens no task and keeps no record', async () => {
    const planId = await plan({ active: false });
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await run(planId);
      expect(await handle.result()).toEqual({ status: 'plan-inactive', failedItems: [], faultRepairWorkflowIds: [] });
      expect(await stack.db.select().from(tasks).where(eq(tasks.workflowId, handle.workflowId))).toEqual([]);
      expect(await stack.db.select().from(inspectionRecords).where(eq(inspectionRecords.planId, planId))).toEqual([]);
      expect(Object.keys((await handle.query(progressQuery)).steps)).toEqual(['inspectionDue', 'openInspection', 'planInactive']);
    });
  });

  it('each run reads the plan as it is then: an edited checklist applies to the next run', async () => {
    const planId = await plan();
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const first = await run(planId);
      const firstTask = await openTask(stack.db, first.workflowId, 'performInspection');
      expect(Object.keys((firstTask.formSchema as { properties: object }).properties)).toEqual(['result_gate-camera', 'note_gate-camera', 'photo_gate-camera']);

      await stack.db
        .update(inspectionPlans)
        .set({ responsibleRole: 'technician', checklist: [{ id: 'barrier', text: 'Barrier: plate recognition', system: 'access-control', deviceId: 'barrier-gate' }] })
        .where(eq(inspectionPlans.id, planId));
      const second = await run(planId);
      const secondTask = await openTask(stack.db, second.workflowId, 'performInspection');
      expect(secondTask.candidateRoles).toEqual(['technician']);
      expect(Object.keys((secondTask.formSchema as { properties: object }).properties)).toEqual(['result_barrier', 'note_barrier', 'photo_barrier']);

      // The open run keeps the checklist it was given.
      await complete(stack.client, first.workflowId, firstTask.id, actor('guard1'), { 'result_gate-camera': 'pass' });
      await complete(stack.client, second.workflowId, secondTask.id, actor('tech1'), { result_barrier: 'pass' });
      await Promise.all([first.result(), second.result()]);
      const records = await stack.db.select().from(inspectionRecords).where(eq(inspectionRecords.planId, planId));
      expect(records.map((record) => [record.workflowId, record.inspectorId, record.results.map((result) => result.itemId)]).sort()).toEqual(
        [
          [first.workflowId, actor('guard1').userId, ['gate-camera']],
          [second.workflowId, actor('tech1').userId, ['barrier']],
        ].sort(),
      );
    });
  });

  it('past the due window the run is marked overdue, the supervisor joins and is notified, and a late completion is recorded', async () => {
    const planId = await plan({ dueWithinSeconds: 1 });
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await run(planId);
      const task = await openTask(stack.db, handle.workflowId, 'performInspection');
      expect(task.candidateRoles).toEqual(['guard']);
      const notice = await eventually(async () => {
        const [row] = await processNotices(stack.db, handle.workflowId);
        return row;
      });
      expect(notice).toMatchObject({ dedupeKey: `${task.id}.overdue`, recipientRoles: ['guard', 'tech-supervisor'] });
      const [joined] = await stack.db.select().from(tasks).where(eq(tasks.id, task.id));
      expect(joined.candidateRoles).toEqual(['guard', 'tech-supervisor']);
      await complete(stack.client, handle.workflowId, task.id, actor('techsup'), { 'result_gate-camera': 'pass' });
      await handle.result();
      const [record] = await stack.db.select().from(inspectionRecords).where(eq(inspectionRecords.workflowId, handle.workflowId));
      expect(record.status).toBe('completed');
      expect(record.overdueAt).toBeInstanceOf(Date);
      expect(record.completedAt!.getTime()).toBeGreaterThan(record.dueAt.getTime());
      const progress = await handle.query(progressQuery);
      expect(progress.steps.inspectionOverdue).toMatchObject({ status: 'completed', visits: 1 });
    });
  });
});
