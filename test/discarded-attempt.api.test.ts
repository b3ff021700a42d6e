/**
 * A workflow task's attempt that the server discards may already have written the projection (local activities run
 * before the task completes); the attempt that counts can take another path and number its transitions the same.
 * The auditor must see the path the history took: the later write of a number wins.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessProjectionActivities, type StepEventRecord } from '../activities/process-projection';
import { processInstances, stepEvents } from '../db/schema';
import { signIn } from './support/http-client';
import { startApiTestStack, type ApiTestStack } from './support/stack';

let stack: ApiTestStack;

beforeAll(async () => {
  stack = await startApiTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('a transition written by a discarded attempt', () => {
  it('is replaced by the committed attempt’s transition of the same number, on the step list and the instance row', async () => {
    const workflowId = `alarm-discarded-${randomUUID()}`;
    const startedAt = new Date().toISOString();
    const record = (seq: number, stepId: string, event: StepEventRecord['event'], currentSteps: string[]): StepEventRecord => ({
      workflowId,
      seq,
      stepId,
      event,
      visit: 1,
      actor: null,
      at: new Date().toISOString(),
      detail: null,
      instance: { process: 'alarm-linkage', title: 'fielddetection @ z-b1-lobby', startedBy: null, status: 'running', startedAt, endedAt: null, currentSteps, data: {} },
    });
    const { recordStepEvent, recordStepEvents } = createProcessProjectionActivities({ db: stack.db });
    await recordStepEvents([record(1, 'alarmDetected', 'completed', []), record(2, 'dispatchGuard', 'entered', ['dispatchGuard'])]);
    // The discarded attempt escalated; the committed one saw the guard's acknowledgement first.
    await recordStepEvent(record(3, 'escalateDispatch', 'completed', ['dispatchGuard']));
    await recordStepEvent(record(3, 'dispatchGuard', 'completed', []));
    // A retry of the committed write changes nothing.
    await recordStepEvent(record(3, 'dispatchGuard', 'completed', []));

    const steps = await stack.db.select().from(stepEvents).where(eq(stepEvents.workflowId, workflowId)).orderBy(asc(stepEvents.seq));
    expect(steps.map((step) => [step.seq, step.stepId, step.event])).toEqual([
      [1, 'alarmDetected', 'completed'],
      [2, 'dispatchGuard', 'entered'],
      [3, 'dispatchGuard', 'completed'],
    ]);
    const [instance] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, workflowId));
    expect(instance).toMatchObject({ lastSeq: 3, currentSteps: [] });

    // An overtaken write (a lower number) still leaves the instance as it is.
    await recordStepEvent(record(2, 'dispatchGuard', 'entered', ['dispatchGuard']));
    expect((await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, workflowId)))[0]).toMatchObject({ lastSeq: 3, currentSteps: [] });

    const auditor = await signIn(stack.baseUrl, 'auditor');
    const page = await auditor.get(`/api/v1/processes/${encodeURIComponent(workflowId)}`);
    expect(page.status).toBe(200);
    expect(page.body.steps.escalateDispatch).toBeUndefined();
    expect(page.body.steps.dispatchGuard).toMatchObject({ status: 'completed' });
  });
});
