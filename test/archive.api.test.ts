import { isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { eq } from 'drizzle-orm';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcessArchiver, type ProcessArchiver } from '../api/use-cases/process-archive';
import { processArchives, processInstances, tasks } from '../db/schema';
import { DIAGNOSIS, REPAIR } from './support/fault-scenarios';
import { signIn, type SignedInClient } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';

let stack: ApiTestStack;
let archiver: ProcessArchiver | undefined;
const started: string[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
});
afterAll(async () => {
  await archiver?.stop();
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

/** The archiver as the API runs it, sweeping every 200 ms; started once a test has looked at the live instance. */
function startArchiver(): void {
  archiver ??= startProcessArchiver({ ...stack.ctx, settings: { ...stack.ctx.settings, archive: { sweepIntervalMs: 200, lookbackMs: 3_600_000 } } });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function reportFault(owner: SignedInClient): Promise<string> {
  const reportId = randomUUID();
  const response = await owner.post(`${API}/faults`, {
    reportId,
    occurredAt: new Date().toISOString(),
    location: { buildingId: 'b1', unitId: 'b1-101' },
    system: 'cctv',
    symptoms: 'Lobby camera shows a black image',
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return response.body.workflowId as string;
}

function openTaskOf(http: SignedInClient, workflowId: string, stepId: string) {
  return eventually(async () => {
    const response = await http.get(`${API}/tasks?process=fault-repair&step=${stepId}&limit=200`);
    expect(response.status).toBe(200);
    return (response.body.items as Array<{ id: string; workflowId: string }>).find((task) => task.workflowId === workflowId);
  });
}

async function completeTask(http: SignedInClient, taskId: string, payload: unknown) {
  const response = await http.post(`${API}/tasks/${taskId}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

const archiveRow = (workflowId: string) =>
  eventually(async () => (await stack.db.select().from(processArchives).where(eq(processArchives.workflowId, workflowId)))[0]);

/** What an auditor sees of an instance: its page (with the timeline), its diagram, its history download and its list entry. */
async function auditorView(auditor: SignedInClient, workflowId: string) {
  const page = await auditor.get(`${API}/processes/${workflowId}`);
  expect(page.status, JSON.stringify(page.body)).toBe(200);
  const diagram = await auditor.get(`${API}/process-definitions/${page.body.instance.process}/diagram`);
  expect(diagram.status).toBe(200);
  const download = await auditor.raw(`${API}/processes/${workflowId}/history`);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toMatch(/^application\/json/);
  expect(download.headers.get('content-disposition')).toContain(`${workflowId}.history.json`);
  const list = await auditor.get(`${API}/processes?process=${page.body.instance.process}&limit=200`);
  expect(list.status).toBe(200);
  return {
    page: page.body,
    diagram: diagram.body as string,
    history: Buffer.from(await download.arrayBuffer()),
    listed: (list.body.items as Array<{ workflowId: string }>).find((item) => item.workflowId === workflowId),
  };
}

describe("the auditor's record outlives the engine", () => {
  it('a closed process is archived with its SHA-256; deleted from Temporal, its page, timeline, diagram and history are unchanged', async () => {
    const [zhang, tech1, auditor] = await Promise.all(['owner-zhang', 'tech1', 'auditor'].map((username) => signIn(stack.baseUrl, username)));
    const workflowId = await reportFault(zhang);
    const diagnosis = await openTaskOf(tech1, workflowId, 'diagnoseFault');
    expect((await tech1.post(`${API}/tasks/${diagnosis.id}/claim`)).status).toBe(200);
    await completeTask(tech1, diagnosis.id, DIAGNOSIS.general);
    await completeTask(tech1, (await openTaskOf(tech1, workflowId, 'repairFault')).id, REPAIR);
    await completeTask(zhang, (await openTaskOf(zhang, workflowId, 'verifyRepair')).id, { accepted: true });
    const handle = stack.client.workflow.getHandle(workflowId);
    await handle.result();
    const { runId } = await handle.describe();

    const live = await auditorView(auditor, workflowId);
    expect(live.page.archive).toBeNull();
    expect(live.page.instance).toMatchObject({ workflowId, status: 'completed' });
    expect(live.page.timeline).toContainEqual(expect.objectContaining({ stepId: 'diagnoseFault', event: 'claimed', actor: tech1.user.displayName }));
    expect(live.listed).toMatchObject({ workflowId, status: 'completed' });
    // The download is Temporal's history itself.
    expect(JSON.parse(live.history.toString('utf8'))).toEqual(JSON.parse(historyToJSON(await handle.fetchHistory())));

    startArchiver();
    const archived = await archiveRow(workflowId);
    expect(archived).toMatchObject({ runId, process: 'fault-repair', closeStatus: 'completed', historySha256: sha256(archived.history) });
    expect(archived.history.equals(live.history)).toBe(true);
    expect(archived.historyEvents).toBe((JSON.parse(live.history.toString('utf8')) as { events: unknown[] }).events.length);

    await stack.client.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId, runId } });
    // The server deletes in the background (about 20 s on the dev server).
    const gone = await eventually(() => handle.describe().then(() => undefined, (error: unknown) => error), 60_000);
    expect(gone).toBeInstanceOf(WorkflowNotFoundError);
    const historyGone = await eventually(() => handle.fetchHistory().then(() => undefined, (error: unknown) => error), 60_000);
    expect(isGrpcServiceError(historyGone) && historyGone.code).toBe(5);

    const after = await auditorView(auditor, workflowId);
    expect({ ...after.page, archive: null }).toEqual(live.page);
    expect(after.page.archive).toEqual({
      runId,
      closeStatus: 'completed',
      closedAt: expect.any(String),
      archivedAt: expect.any(String),
      historySha256: archived.historySha256,
      historyEvents: archived.historyEvents,
    });
    expect(after.diagram).toBe(live.diagram);
    expect(after.history.equals(live.history)).toBe(true);
    expect(sha256(after.history)).toBe(archived.historySha256);
    expect(after.listed).toEqual(live.listed);

    // The archived history still gets a replay verdict.
    const verdict = await auditor.post(`${API}/processes/${workflowId}/replay`);
    expect(verdict.status, JSON.stringify(verdict.body)).toBe(200);
    expect(verdict.body).toEqual({ verdict: 'reproduces', events: archived.historyEvents, historySource: 'archive' });
  });

  it('an execution terminated while it waits is archived as terminated: the index says so and its open task leaves the worklist', async () => {
    const [zhang, tech1, auditor] = await Promise.all(['owner-zhang', 'tech1', 'auditor'].map((username) => signIn(stack.baseUrl, username)));
    const workflowId = await reportFault(zhang);
    const diagnosis = await openTaskOf(tech1, workflowId, 'diagnoseFault');
    await stack.client.workflow.getHandle(workflowId).terminate('reported twice');

    startArchiver();
    const archived = await archiveRow(workflowId);
    expect(archived).toMatchObject({ closeStatus: 'terminated', historySha256: sha256(archived.history) });
    const [instance] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, workflowId));
    expect(instance).toMatchObject({ status: 'terminated', endedAt: archived.closedAt });
    const [task] = await stack.db.select().from(tasks).where(eq(tasks.id, diagnosis.id));
    expect(task).toMatchObject({ status: 'cancelled', completedAt: archived.closedAt, result: { reason: 'the process was terminated' } });

    const worklist = await tech1.get(`${API}/tasks?process=fault-repair&step=diagnoseFault&limit=200`);
    expect((worklist.body.items as Array<{ id: string }>).map((item) => item.id)).not.toContain(diagnosis.id);
    const page = await auditor.get(`${API}/processes/${workflowId}`);
    expect(page.body.instance).toMatchObject({ status: 'terminated', endedAt: archived.closedAt.toISOString() });
    expect(page.body.archive).toMatchObject({ closeStatus: 'terminated', historySha256: archived.historySha256 });
    const terminated = await auditor.get(`${API}/processes?status=terminated&limit=200`);
    expect(terminated.status).toBe(200);
    expect((terminated.body.items as Array<{ workflowId: string }>).map((item) => item.workflowId)).toContain(workflowId);
  });
});
