import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../contracts/tasks';
import { ensureQuarterlyEvaluationSchedule } from '../api/use-cases/supplier-evaluation';
import { processInstances, vendorContracts, vendorTerminations } from '../db/schema';
import { EVALUATION, EVALUATION_TEST_TIMINGS } from './support/delivery-scenarios';
import { signIn, type HttpClient } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
let stack: ApiTestStack;
const started: string[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
  stack.ctx.settings.supplierEvaluation = { ...stack.ctx.settings.supplierEvaluation, timings: EVALUATION_TEST_TIMINGS };
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

function worklistTask(http: HttpClient, workflowId: string, stepId: string) {
  return eventually(async () => {
    const response = await http.get(`${API}/tasks?step=${stepId}&limit=200`);
    return (response.body.items as TaskView[]).find((task) => task.workflowId === workflowId);
  });
}

async function completeVia(http: HttpClient, workflowId: string, stepId: string, payload: unknown) {
  const task = await worklistTask(http, workflowId, stepId);
  const response = await http.post(`${API}/tasks/${encodeURIComponent(task.id)}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

describe('supplier evaluation over HTTP (P2.2c)', () => {
  it('on demand: poor twice, penalty, termination approved; the registry shows it and refuses a new evaluation', async () => {
    const [manager, techsup, monitor, procure, tech1] = await Promise.all(['manager', 'techsup', 'monitor', 'procure', 'tech1'].map((name) => signIn(stack.baseUrl, name)));
    const request = { requestId: randomUUID(), vendorId: 'v-network' };
    expect((await manager.post(`${API}/supplier-evaluations`, { ...request, vendorId: 'v-none' })).body.errors).toEqual([expect.objectContaining({ field: 'vendorId' })]);
    expect((await tech1.post(`${API}/supplier-evaluations`, request)).status).toBe(403);
    const created = await manager.post(`${API}/supplier-evaluations`, request);
    expect(created.status).toBe(201);
    const workflowId = created.body.workflowId as string;
    started.push(workflowId);
    for (let round = 1; round <= 2; round += 1) {
      await completeVia(techsup, workflowId, 'evaluateByTechnology', EVALUATION.poor);
      await completeVia(monitor, workflowId, 'evaluateByUsers', EVALUATION.poor);
      if (round === 1) await completeVia(await signIn(stack.baseUrl, 'vendor-network'), workflowId, 'rectifyService', { measures: 'New site engineer' });
    }
    await completeVia(procure, workflowId, 'imposePenalty', { amount: 5000, contractClause: '§7', reason: 'Two poor evaluations' });
    const decision = await worklistTask(manager, workflowId, 'approveTermination');
    const missingReason = await manager.post(`${API}/tasks/${encodeURIComponent(decision.id)}/complete`, { payload: { approved: false } });
    expect(missingReason.status).toBe(422);
    expect(missingReason.body.errors).toEqual([expect.objectContaining({ field: 'payload.comment' })]);
    await completeVia(manager, workflowId, 'approveTermination', { approved: true });

    const registry = await eventually(async () => {
      const response = await manager.get(`${API}/supplier-standing`);
      const network = (response.body.items as Array<{ vendorId: string; status: string }>).find((supplier) => supplier.vendorId === 'v-network');
      return network?.status === 'terminated' ? network : undefined;
    });
    expect(registry).toMatchObject({ activeContracts: 0, penalties: 1 });
    const scores = await manager.get(`${API}/supplier-evaluations?vendorId=v-network`);
    expect(scores.body.items.map((row: { round: number; poor: boolean }) => [row.round, row.poor])).toEqual(expect.arrayContaining([[1, true], [2, true]]));
    const again = await manager.post(`${API}/supplier-evaluations`, { requestId: randomUUID(), vendorId: 'v-network' });
    expect(again.status).toBe(409);
  });

  it('the quarterly Schedule starts one evaluation per contracted supplier', async () => {
    const scheduleId = `supplier-evaluation-quarterly-test-${randomUUID()}`;
    await ensureQuarterlyEvaluationSchedule(stack.client, stack.taskQueue, stack.ctx.settings, scheduleId);
    // Creating it again (a restart) leaves the one schedule alone.
    await ensureQuarterlyEvaluationSchedule(stack.client, stack.taskQueue, stack.ctx.settings, scheduleId);
    const schedule = stack.client.schedule.getHandle(scheduleId);
    try {
      const description = await schedule.describe();
      expect(description.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }] });
      await stack.db.update(vendorContracts).set({ active: false }).where(eq(vendorContracts.vendorId, 'v-smart-home'));
      await schedule.trigger();
      // Suppliers without a contract in force (smart-home now; network if terminated above) are skipped.
      const terminated = (await stack.db.select().from(vendorTerminations)).map((row) => row.vendorId);
      const expected = ['v-access-control', 'v-cctv', 'v-elevator-monitoring', 'v-intrusion-alarm', 'v-network'].filter((vendorId) => !terminated.includes(vendorId));
      const quarterly = await eventually(async () => {
        const rows = await stack.db.select().from(processInstances).where(eq(processInstances.process, 'supplier-evaluation'));
        const ofRound = rows.filter((row) => (row.data as { trigger?: string }).trigger === 'quarterly');
        return ofRound.length === expected.length ? ofRound : undefined;
      });
      started.push(...quarterly.map((row) => row.workflowId));
      expect(quarterly.map((row) => (row.data as { vendorId: string }).vendorId).sort()).toEqual(expected);
    } finally {
      await schedule.delete();
    }
  });
});
