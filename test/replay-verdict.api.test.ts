import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listen } from '../api/server';
import { ensureReplayNightlySchedule } from '../api/use-cases/process-replay';
import { tasks } from '../db/schema';
import type { ReplayAuditInput, ReplayAuditOutcome } from '../workflows/replay-audit/messages';
import { createStewardWorker } from '../worker/worker';
import { signIn, type SignedInClient } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
const AUDIT_INPUT: ReplayAuditInput = { lookbackMs: 3_600_000, reviewDueMs: 3_600_000 };

let stack: ApiTestStack;
/** The same API, replaying against the changed code of test/support/changed-workflows.ts. */
let changedApi: { server: Server; baseUrl: string };
let changedBundlePath: string;
const started: string[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
  const changed = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('./support/changed-workflows.ts', import.meta.url)),
    logger: { log: () => {}, trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: (message) => console.error(message) },
  });
  changedBundlePath = path.join(inject('scratchDir'), `changed-workflows-${randomUUID()}.js`);
  await writeFile(changedBundlePath, changed.code);
  const server = await listen({ ...stack.ctx, settings: { ...stack.ctx.settings, replay: { ...stack.ctx.settings.replay, workflowBundlePath: changedBundlePath } } }, 0, '127.0.0.1');
  const address = server.address();
  changedApi = { server, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
});
afterAll(async () => {
  await new Promise<void>((resolve) => changedApi?.server.close(() => resolve()));
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

/** A fault reported over HTTP, running and waiting for its diagnosis. */
async function runningFault(): Promise<string> {
  const [zhang, tech1] = await Promise.all([signIn(stack.baseUrl, 'owner-zhang'), signIn(stack.baseUrl, 'tech1')]);
  const response = await zhang.post(`${API}/faults`, {
    reportId: randomUUID(),
    occurredAt: new Date().toISOString(),
    location: { buildingId: 'b1', unitId: 'b1-101' },
    system: 'cctv',
    symptoms: 'Lobby camera shows a black image',
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const workflowId = response.body.workflowId as string;
  started.push(workflowId);
  await eventually(async () => {
    const worklist = await tech1.get(`${API}/tasks?process=fault-repair&step=diagnoseFault&limit=200`);
    return (worklist.body.items as Array<{ workflowId: string }>).find((task) => task.workflowId === workflowId);
  });
  return workflowId;
}

const historyEvents = async (workflowId: string) =>
  (JSON.parse(historyToJSON(await stack.client.workflow.getHandle(workflowId).fetchHistory())) as { events: Array<{ eventId: string; eventType: string }> }).events;

/** Replays the first `count` events of a history against the changed code: the error, if it does not reproduce them. */
async function replayPrefix(workflowId: string, count: number): Promise<Error | undefined> {
  const events = (await historyEvents(workflowId)).slice(0, count);
  return Worker.runReplayHistory({ workflowBundle: { codePath: changedBundlePath } }, historyFromJSON({ events }), workflowId).then(
    () => undefined,
    (error: Error) => error,
  );
}

describe('replay verdicts in the product', () => {
  let faultId: string;
  let auditor: SignedInClient;

  beforeAll(async () => {
    faultId = await runningFault();
    auditor = await signIn(stack.baseUrl, 'auditor');
  });

  it('the current code reproduces a real instance; the auditor, admin and tech supervisor may ask, others not', async () => {
    const events = (await historyEvents(faultId)).length;
    const posted = await auditor.post(`${API}/processes/${faultId}/replay`);
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    expect(posted.body).toEqual({ verdict: 'reproduces', events: expect.any(Number), historySource: 'temporal' });
    expect(posted.body.events).toBeGreaterThanOrEqual(events);
    for (const username of ['admin', 'techsup']) {
      const asked = await (await signIn(stack.baseUrl, username)).get(`${API}/processes/${faultId}/replay`);
      expect(asked.status, username).toBe(200);
      expect(asked.body.verdict, username).toBe('reproduces');
    }
    const tech1 = await signIn(stack.baseUrl, 'tech1');
    const refused = await tech1.post(`${API}/processes/${faultId}/replay`);
    expect(refused.status).toBe(403);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    const unknown = await auditor.post(`${API}/processes/fault-repair-${randomUUID()}/replay`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/no history/);
  });

  it('against a deliberately changed workflow the verdict diverges and names the first event the code no longer reproduces', async () => {
    const changedAuditor = await signIn(changedApi.baseUrl, 'auditor');
    const response = await changedAuditor.post(`${API}/processes/${faultId}/replay`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const verdict = response.body as { verdict: string; eventId: number; recorded: string; now: string; historySource: string };
    expect(verdict).toMatchObject({ verdict: 'diverges', historySource: 'temporal' });
    // The changed code starts a timer where the history recorded the first step's memo.
    const events = await historyEvents(faultId);
    expect(events[verdict.eventId - 1]).toMatchObject({ eventId: String(verdict.eventId), eventType: 'EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED' });
    expect(verdict.recorded).toBe('WorkflowPropertiesModified: memo progress');
    expect(verdict.now).toMatch(/Timer/);
    // The event is the first divergence: the changed code reproduces everything before it.
    expect(await replayPrefix(faultId, verdict.eventId - 1)).toBeUndefined();
    expect(await replayPrefix(faultId, verdict.eventId)).toBeInstanceOf(DeterminismViolationError);
  });

  it('the nightly replay audit gives the tech supervisor a task listing the divergences; with none it closes without one', async () => {
    const reproducing = await stack.client.workflow.execute('replayAudit', { taskQueue: stack.taskQueue, workflowId: `replay-audit-test-${randomUUID()}`, args: [AUDIT_INPUT] });
    expect(reproducing).toMatchObject({ divergenceCount: 0, review: null });
    expect(reproducing.replayed).toBeGreaterThanOrEqual(1);

    // A worker whose audit checks histories against the changed code.
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const changedQueue = `${stack.taskQueue}-changed`;
    const worker = await createStewardWorker({
      connection,
      namespace: 'default',
      taskQueue: changedQueue,
      db: stack.db,
      settings: stack.config.worker.activities,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      replayBundle: { codePath: changedBundlePath },
    });
    const auditId = `replay-audit-test-${randomUUID()}`;
    const outcome = await worker.runUntil(async () => {
      const handle = await stack.client.workflow.start('replayAudit', { taskQueue: changedQueue, workflowId: auditId, args: [AUDIT_INPUT] });
      const task = await eventually(async () => {
        const [row] = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, auditId), eq(tasks.stepId, 'reviewDivergences')));
        return row;
      });
      expect(task).toMatchObject({ status: 'open', candidateRoles: ['tech-supervisor'] });
      const context = task.context as { divergenceCount: number; divergences: Array<{ workflowId: string; process: string; eventId: number; recorded: string; now: string }> };
      expect(context.divergenceCount).toBeGreaterThanOrEqual(1);
      expect(context.divergences).toContainEqual({ workflowId: faultId, process: 'fault-repair', eventId: 5, recorded: 'WorkflowPropertiesModified: memo progress', now: expect.stringMatching(/Timer/) });
      // The audit does not flag itself, nor the earlier audit, whose code did not change.
      expect(context.divergences.map((divergence) => divergence.process)).not.toContain('replay-audit');

      const techsup = await signIn(stack.baseUrl, 'techsup');
      expect((await techsup.get(`${API}/tasks?process=replay-audit&limit=200`)).body.items.map((item: { id: string }) => item.id)).toContain(task.id);
      const done = await techsup.post(`${API}/tasks/${task.id}/complete`, { payload: { decision: 'fix-scheduled', comment: 'The pause goes behind patched()' } });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      return (await handle.result()) as ReplayAuditOutcome;
    });
    await connection.close();
    expect(outcome).toMatchObject({ divergenceCount: expect.any(Number), review: { decision: 'fix-scheduled', by: expect.any(String) } });
    expect(outcome.divergenceCount).toBeGreaterThanOrEqual(1);
  });

  it('the nightly schedule is created once and follows the configured cron', async () => {
    const scheduleId = `replay-nightly-test-${randomUUID()}`;
    const settings = stack.ctx.settings.replay;
    await ensureReplayNightlySchedule(stack.client, stack.taskQueue, { ...settings, nightlyCron: '0 3 * * *' }, scheduleId);
    await ensureReplayNightlySchedule(stack.client, stack.taskQueue, { ...settings, nightlyCron: '30 2 * * *' }, scheduleId);
    const handle = stack.client.schedule.getHandle(scheduleId);
    try {
      const schedule = await handle.describe();
      expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'replayAudit', taskQueue: stack.taskQueue, args: [{ lookbackMs: settings.lookbackMs, reviewDueMs: settings.reviewDueMs }] });
      const next = schedule.info.nextActionTimes[0];
      expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([2, 30]);
    } finally {
      await handle.delete();
    }
  });
});
