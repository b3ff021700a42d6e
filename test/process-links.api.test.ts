import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessProjectionActivities } from '../activities/process-projection';
import { processInstances } from '../db/schema';
import { signIn } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

let stack: ApiTestStack;
const started: string[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

async function reportFaults(count: number) {
  const tech = await signIn(stack.baseUrl, 'tech1');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await tech.post('/api/v1/faults', {
      reportId: randomUUID(),
      occurredAt: new Date().toISOString(),
      location: { buildingId: 'b1' },
      system: 'cctv',
      symptoms: `Camera ${i} shows no picture`,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    ids.push(response.body.workflowId);
  }
  started.push(...ids);
  await eventually(async () => (await stack.db.select().from(processInstances).where(inArray(processInstances.workflowId, ids))).length === count);
  return ids;
}

describe('the chain of related processes (P2.1c → P2.3c → P3.2)', () => {
  it('shows every linked instance, in either direction, nearest first', async () => {
    const [plan, procurement, repair, unrelated] = await reportFaults(4);
    const { linkProcesses } = createProcessProjectionActivities({ db: stack.db });
    await linkProcesses({ fromWorkflowId: plan, toWorkflowId: procurement, relation: 'procurement' });
    // A retried activity links once.
    await linkProcesses({ fromWorkflowId: plan, toWorkflowId: procurement, relation: 'procurement' });
    await linkProcesses({ fromWorkflowId: repair, toWorkflowId: procurement, relation: 'contract' });

    const auditor = await signIn(stack.baseUrl, 'auditor');
    const fromPlan = await auditor.get(`/api/v1/processes/${plan}`);
    expect(fromPlan.status).toBe(200);
    expect(fromPlan.body.related.map((other: { workflowId: string; relation: string; via: string; distance: number }) => [other.workflowId, other.relation, other.via, other.distance])).toEqual([
      [procurement, 'procurement', plan, 1],
      [repair, 'contract', procurement, 2],
    ]);

    const fromRepair = await auditor.get(`/api/v1/processes/${repair}`);
    expect(fromRepair.body.related.map((other: { workflowId: string; distance: number }) => [other.workflowId, other.distance])).toEqual([
      [procurement, 1],
      [plan, 2],
    ]);

    const alone = await auditor.get(`/api/v1/processes/${unrelated}`);
    expect(alone.body.related).toEqual([]);
  });
});
