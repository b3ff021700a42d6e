import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../contracts/tasks';
import { processInstances, stepEvents, tasks } from '../db/schema';
import { DIAGNOSIS, REPAIR } from './support/fault-scenarios';
import { anonymous, signIn, type HttpClient, type HttpResponse, type SignedInClient } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';

let stack: ApiTestStack;
const started: string[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
});
afterAll(async () => {
  // Leave nothing running on the shared dev server.
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const users = (...usernames: string[]) => Promise.all(usernames.map((username) => signIn(stack.baseUrl, username)));

function faultReport(overrides: Record<string, unknown> = {}) {
  return {
    reportId: randomUUID(),
    occurredAt: new Date().toISOString(),
    location: { buildingId: 'b1', unitId: 'b1-101' },
    system: 'cctv',
    symptoms: 'Lobby camera shows a black image',
    ...overrides,
  };
}

/** Reports a fault over HTTP and returns its workflow id. */
async function report(http: HttpClient, overrides: Record<string, unknown> = {}) {
  const body = faultReport(overrides);
  const response = await http.post(`${API}/faults`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  expect(response.body).toEqual({ workflowId: `fault-repair-${body.reportId}` });
  started.push(response.body.workflowId);
  return response.body.workflowId as string;
}

/** The open task of a step in the user's worklist, once the process has opened it. */
function worklistTask(http: HttpClient, workflowId: string, stepId: string) {
  return eventually(async () => {
    const response = await http.get(`${API}/tasks?process=fault-repair&step=${stepId}&limit=200`);
    expect(response.status).toBe(200);
    return (response.body.items as TaskView[]).find((task) => task.workflowId === workflowId);
  });
}

/** Waits for a task via a user who can see it (the worklist of a technician). */
async function diagnosisTaskOf(workflowId: string, technician?: SignedInClient) {
  const tech = technician ?? (await signIn(stack.baseUrl, 'tech1'));
  return worklistTask(tech, workflowId, 'diagnoseFault');
}

function expectProblem(response: HttpResponse, status: number, fields: string[] = []) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toMatch(/^application\/problem\+json\b/);
  expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  if (fields.length) {
    const named = ((response.body.errors ?? []) as Array<{ field: string; message: string }>).map((error) => error.field);
    expect(named).toEqual(expect.arrayContaining(fields));
  }
  return response.body as { detail: string; errors?: Array<{ field: string; message: string }> };
}

const rowsOf = (workflowId: string) =>
  Promise.all([
    stack.db.select().from(processInstances).where(eq(processInstances.workflowId, workflowId)),
    stack.db.select().from(tasks).where(eq(tasks.workflowId, workflowId)),
  ]);

describe('fault repair over HTTP (P3.2a–c)', () => {
  it('owner reports, technician diagnoses and repairs, owner verifies and rates, supervisor reviews the instance', async () => {
    const [zhang, tech1, techsup] = await users('owner-zhang', 'tech1', 'techsup');
    const workflowId = await report(zhang);

    // The reporter follows her fault: running, at the diagnosis step.
    const reported = await eventually(async () => {
      const response = await zhang.get(`${API}/faults/${workflowId}`);
      expect(response.status).toBe(200);
      return response.body.currentSteps.includes('diagnoseFault') ? response.body : undefined;
    });
    expect(reported).toMatchObject({ workflowId, status: 'running', currentSteps: ['diagnoseFault'], record: null, rating: null });
    expect(reported.report).toMatchObject({ system: 'cctv', location: { buildingId: 'b1', unitId: 'b1-101' }, source: 'owner' });

    const diagnosis = await worklistTask(tech1, workflowId, 'diagnoseFault');
    expect(diagnosis).toMatchObject({ status: 'open', candidateRoles: ['technician', 'tech-supervisor'], assignee: null, overdue: false });
    // A worklist row is a summary; the task itself carries its context and form.
    expect(diagnosis).not.toHaveProperty('formSchema');
    const diagnosisTask = (await tech1.get(`${API}/tasks/${diagnosis.id}`)).body;
    expect(diagnosisTask.context).toMatchObject({ system: 'cctv', symptoms: 'Lobby camera shows a black image' });
    expect(Object.keys(diagnosisTask.formSchema.properties)).toEqual(['cause', 'repairPlan', 'faultClass']);

    const claimed = await tech1.post(`${API}/tasks/${diagnosis.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ assignee: tech1.user.id, assigneeName: tech1.user.displayName });
    const mine = await tech1.get(`${API}/tasks?assignee=me&step=diagnoseFault&limit=200`);
    expect(mine.body.items.map((task: { id: string }) => task.id)).toContain(diagnosis.id);

    const diagnosed = await tech1.post(`${API}/tasks/${diagnosis.id}/complete`, { payload: DIAGNOSIS.general });
    expect(diagnosed.status, JSON.stringify(diagnosed.body)).toBe(200);
    // The row is closed before the update returns.
    expect(diagnosed.body.task).toMatchObject({ id: diagnosis.id, status: 'completed', completedBy: tech1.user.id });

    const repair = await worklistTask(tech1, workflowId, 'repairFault');
    expect((await tech1.get(`${API}/tasks/${repair.id}`)).body.context).toMatchObject({
      cause: DIAGNOSIS.general.cause,
      repairPlan: DIAGNOSIS.general.repairPlan,
    });
    const repaired = await tech1.post(`${API}/tasks/${repair.id}/complete`, { payload: REPAIR });
    expect(repaired.status, JSON.stringify(repaired.body)).toBe(200);
    expect(repaired.body.task.status).toBe('completed');

    const verification = await worklistTask(zhang, workflowId, 'verifyRepair');
    expect(verification).toMatchObject({ candidateUsers: [zhang.user.id], status: 'open' });
    const atVerification = await zhang.get(`${API}/faults/${workflowId}`);
    expect(atVerification.body).toMatchObject({ status: 'running', currentSteps: ['verifyRepair'], record: null });
    const accepted = await zhang.post(`${API}/tasks/${verification.id}/complete`, { payload: { accepted: true } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    const closed = await eventually(async () => {
      const response = await zhang.get(`${API}/faults/${workflowId}`);
      return response.body.status === 'completed' ? response.body : undefined;
    });
    expect(closed.endedAt).toEqual(expect.any(String));
    expect(closed.record).toMatchObject({
      cause: DIAGNOSIS.general.cause,
      repairProcess: REPAIR.repairProcess,
      partsReplaced: REPAIR.partsReplaced,
      timeSpentMinutes: REPAIR.timeSpentMinutes,
      repairedBy: tech1.user.displayName,
      verifiedBy: zhang.user.displayName,
      reworkCount: 0,
    });
    expect(closed.rating).toBeNull();

    const rated = await zhang.post(`${API}/faults/${workflowId}/rating`, { rating: 4, comment: 'Quick and tidy' });
    expect(rated.status).toBe(200);
    expect(rated.body).toEqual({ rating: 4 });
    expect((await zhang.get(`${API}/faults/${workflowId}`)).body.rating).toBe(4);
    const mineListed = await zhang.get(`${API}/faults`);
    expect(mineListed.body.items.find((fault: { workflowId: string }) => fault.workflowId === workflowId)).toMatchObject({ status: 'completed' });

    // A late retry of the original submission (same reportId) does not reopen the closed fault.
    const resubmitted = await zhang.post(`${API}/faults`, faultReport({ reportId: workflowId.replace('fault-repair-', '') }));
    expect(resubmitted.status).toBe(201);
    expect(resubmitted.body).toEqual({ workflowId });
    expect((await stack.client.workflow.getHandle(workflowId).describe()).status.name).toBe('COMPLETED');

    const instance = await techsup.get(`${API}/processes/${workflowId}`);
    expect(instance.status).toBe(200);
    expect(instance.body.instance).toMatchObject({ workflowId, process: 'fault-repair', status: 'completed', startedBy: zhang.user.id, currentSteps: [] });
    for (const step of ['faultReported', 'diagnoseFault', 'repairFault', 'verifyRepair', 'storeRepairRecord', 'faultClosed']) {
      expect(instance.body.steps[step], step).toEqual({ status: 'completed', visits: 1 });
    }
    expect(instance.body.steps.vendorRepair).toBeUndefined();
    const timeline = instance.body.timeline as Array<{ stepId: string; event: string; actor: string | null }>;
    expect(timeline).toContainEqual(expect.objectContaining({ stepId: 'diagnoseFault', event: 'claimed', actor: tech1.user.displayName }));
    expect(timeline).toContainEqual(expect.objectContaining({ stepId: 'verifyRepair', event: 'completed', actor: zhang.user.displayName }));
    expect(instance.body.data).toMatchObject({ diagnosis: { faultClass: 'general', by: tech1.user.displayName } });
  });

  it('reporting the same reportId again starts nothing new: one process, one diagnosis task', async () => {
    const [zhang] = await users('owner-zhang');
    const body = faultReport();
    const [first, concurrent] = await Promise.all([zhang.post(`${API}/faults`, body), zhang.post(`${API}/faults`, body)]);
    const workflowId = `fault-repair-${body.reportId}`;
    started.push(workflowId);
    expect([first.status, concurrent.status]).toEqual([201, 201]);
    expect(first.body).toEqual({ workflowId });
    expect(concurrent.body).toEqual({ workflowId });
    await diagnosisTaskOf(workflowId);
    const retried = await zhang.post(`${API}/faults`, body);
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual({ workflowId });

    const [instances, taskRows] = await rowsOf(workflowId);
    expect(instances).toHaveLength(1);
    expect(taskRows.map((task) => task.stepId)).toEqual(['diagnoseFault']);
    const runs = await eventually(async () => {
      const found = [];
      for await (const run of stack.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) found.push(run);
      return found.length ? found : undefined;
    });
    expect(runs).toHaveLength(1);
    const listed = await zhang.get(`${API}/faults?limit=100`);
    expect(listed.body.items.filter((fault: { workflowId: string }) => fault.workflowId === workflowId)).toHaveLength(1);
  });

  it('nothing is half-written: a rejected completion leaves the task open and the process where it was', async () => {
    const [zhang, tech1] = await users('owner-zhang', 'tech1');
    const workflowId = await report(zhang);
    const diagnosis = await diagnosisTaskOf(workflowId, tech1);
    expect((await tech1.post(`${API}/tasks/${diagnosis.id}/claim`)).status).toBe(200);

    const rejected = await tech1.post(`${API}/tasks/${diagnosis.id}/complete`, { payload: { cause: 'x', faultClass: 'minor' } });
    expectProblem(rejected, 422, ['payload.cause', 'payload.faultClass', 'payload.repairPlan']);

    const after = await tech1.get(`${API}/tasks/${diagnosis.id}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'open', assignee: tech1.user.id, completedAt: null, completedBy: null });
    const [instances, taskRows] = await rowsOf(workflowId);
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ status: 'running', currentSteps: ['diagnoseFault'] });
    expect(taskRows).toHaveLength(1);
    const diagnosisEvents = await stack.db
      .select()
      .from(stepEvents)
      .where(and(eq(stepEvents.workflowId, workflowId), eq(stepEvents.stepId, 'diagnoseFault')));
    expect(diagnosisEvents.map((event) => event.event)).toEqual(['entered']);
    const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
    expect((history.events ?? []).filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(0);

    // The same person then sends a valid form: it is applied once and the process moves on.
    const completed = await tech1.post(`${API}/tasks/${diagnosis.id}/complete`, { payload: DIAGNOSIS.general });
    expect(completed.status).toBe(200);
    await worklistTask(tech1, workflowId, 'repairFault');
    const [, afterRows] = await rowsOf(workflowId);
    expect(afterRows.map((task) => [task.stepId, task.status]).sort()).toEqual([
      ['diagnoseFault', 'completed'],
      ['repairFault', 'open'],
    ]);
  });

  it('the worklist pages by keyset: every task once, in due order, whatever arrives meanwhile', async () => {
    const [zhang, tech2] = await users('owner-zhang', 'tech2');
    const reported = [await report(zhang), await report(zhang), await report(zhang)];
    for (const workflowId of reported) await diagnosisTaskOf(workflowId, tech2);
    const seen: Array<{ id: string; dueAt: string }> = [];
    let cursor: string | null = null;
    do {
      const query: string = `${API}/tasks?process=fault-repair&step=diagnoseFault&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await tech2.get(query);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...response.body.items);
      // A fault reported between pages lands after the cursor or before it, never twice.
      if (seen.length === 1) await diagnosisTaskOf(await report(zhang), tech2);
      cursor = response.body.nextCursor;
    } while (cursor);
    const ids = seen.map((task) => task.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(reported.map((workflowId) => `${workflowId}.diagnoseFault.1`)));
    const keys = seen.map((task) => `${task.dueAt}|${task.id}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('GET /api/docs is an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await anonymous(stack.baseUrl).get('/api/docs');
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^application\/json\b/);
    expect(response.body.openapi).toBe('3.1.0');
    const post = response.body.paths[`${API}/faults`].post;
    expect(post.responses).toHaveProperty('201');
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['reportId', 'occurredAt', 'location', 'system', 'symptoms', 'photo']));
    expect(schema.required).toEqual(expect.arrayContaining(['reportId', 'occurredAt', 'location', 'system', 'symptoms']));
    expect(schema.properties.system.enum).toContain('cctv');
    expect(response.body.paths[`${API}/tasks/{taskId}/complete`].post.parameters).toContainEqual(expect.objectContaining({ name: 'taskId', in: 'path' }));
    expect(response.body.paths[`${API}/tasks`].get.parameters).toContainEqual(expect.objectContaining({ name: 'status', in: 'query' }));
  });
});

describe('problems (RFC 9457)', () => {
  it('400: malformed JSON, an invalid report, an invalid worklist query, a cursor the API never issued', async () => {
    const [zhang, tech1] = await users('owner-zhang', 'tech1');
    const malformed = expectProblem(await zhang.post(`${API}/faults`, '{"reportId": "'), 400, ['(body)']);
    expect(malformed.detail).toMatch(/JSON/);

    const body = faultReport({ occurredAt: 'yesterday afternoon', symptoms: undefined });
    expectProblem(await zhang.post(`${API}/faults`, body), 400, ['symptoms', 'occurredAt']);
    expectProblem(await zhang.post(`${API}/faults`, faultReport({ location: {} })), 400, ['location.buildingId']);
    expectProblem(await zhang.post(`${API}/faults`, faultReport({ reportId: 'not-a-uuid' })), 400, ['reportId']);
    const [instances] = await rowsOf(`fault-repair-${body.reportId}`);
    expect(instances).toHaveLength(0);

    expectProblem(await tech1.get(`${API}/tasks?status=bogus`), 400, ['query.status']);
    expectProblem(await tech1.get(`${API}/tasks?limit=0`), 400, ['query.limit']);
    expectProblem(await tech1.get(`${API}/tasks?cursor=not-a-cursor`), 400, ['query.cursor']);
    expectProblem(await zhang.get(`${API}/faults?cursor=${Buffer.from('[1,2]').toString('base64url')}`), 400, ['query.cursor']);
    expectProblem(await tech1.get(`${API}/processes?cursor=%E2%9C%93`), 400, ['query.cursor']);
  });

  it('401: no session, a wrong password, an unknown user, a signed-out session', async () => {
    const guest = anonymous(stack.baseUrl);
    expectProblem(await guest.get(`${API}/tasks`), 401);
    expectProblem(await guest.post(`${API}/faults`, faultReport()), 401);
    const wrong = expectProblem(await guest.post(`${API}/auth/login`, { username: 'tech1', password: 'not-the-password' }), 401);
    const unknown = expectProblem(await guest.post(`${API}/auth/login`, { username: 'nobody-here', password: 'steward-demo' }), 401);
    // One answer for both, so usernames cannot be probed.
    expect(unknown.detail).toBe(wrong.detail);
    await expect(signIn(stack.baseUrl, 'tech1', 'wrong')).rejects.toThrow(/401/);

    const [tech1] = await users('tech1');
    expect((await tech1.get(`${API}/auth/me`)).body.user).toMatchObject({ username: 'tech1', roles: ['technician'] });
    expect((await tech1.post(`${API}/auth/logout`)).status).toBe(204);
    expectProblem(await tech1.get(`${API}/auth/me`), 401);
  });

  it("403: another owner's unit, reassigning without a supervisor role, an owner listing processes", async () => {
    const [zhang, tech1] = await users('owner-zhang', 'tech1');
    const body = faultReport({ location: { buildingId: 'b1', unitId: 'b1-201' } });
    expectProblem(await zhang.post(`${API}/faults`, body), 403, ['location.unitId']);
    const [instances] = await rowsOf(`fault-repair-${body.reportId}`);
    expect(instances).toHaveLength(0);
    expectProblem(await zhang.post(`${API}/faults`, faultReport({ source: 'monitoring' })), 403, ['source']);

    const workflowId = await report(zhang);
    const diagnosis = await diagnosisTaskOf(workflowId, tech1);
    const reassign = expectProblem(await tech1.post(`${API}/tasks/${diagnosis.id}/reassign`, { assignee: 'u-tech2' }), 403);
    expect(reassign.detail).toMatch(/Tech supervisor/);
    expect((await tech1.get(`${API}/tasks/${diagnosis.id}`)).body.assignee).toBeNull();

    expectProblem(await zhang.get(`${API}/processes`), 403);
    expectProblem(await zhang.get(`${API}/processes/${workflowId}`), 403);
  });

  it('404: an unknown task, a task the user may not see, a fault of someone else, an unknown route', async () => {
    const [zhang, li, tech1] = await users('owner-zhang', 'owner-li', 'tech1');
    expectProblem(await tech1.get(`${API}/tasks/fault-repair-${randomUUID()}.diagnoseFault.1`), 404);
    expectProblem(await tech1.post(`${API}/tasks/no-such-task/complete`, { payload: DIAGNOSIS.general }), 404);

    const workflowId = await report(zhang);
    const diagnosis = await diagnosisTaskOf(workflowId, tech1);
    // The reporter is not a candidate for the diagnosis: to her the task does not exist.
    expectProblem(await zhang.get(`${API}/tasks/${diagnosis.id}`), 404);
    expectProblem(await zhang.post(`${API}/tasks/${diagnosis.id}/claim`), 404);
    expectProblem(await zhang.post(`${API}/tasks/${diagnosis.id}/complete`, { payload: DIAGNOSIS.general }), 404);
    const visible = await zhang.get(`${API}/tasks?status=all&limit=200`);
    expect(visible.body.items.map((task: { id: string }) => task.id)).not.toContain(diagnosis.id);
    expect((await tech1.get(`${API}/tasks/${diagnosis.id}`)).body.status).toBe('open');

    expectProblem(await li.get(`${API}/faults/${workflowId}`), 404);
    expectProblem(await zhang.get(`${API}/faults/fault-repair-${randomUUID()}`), 404);
    expectProblem(await tech1.get(`${API}/processes/fault-repair-${randomUUID()}`), 404);
    expectProblem(await tech1.get(`${API}/no-such-route`), 404);
    expectProblem(await anonymous(stack.baseUrl).post(`${API}/tasks/x/y/z`, {}), 404);
  });

  it('409: completing a task someone else completed, claiming a claimed task, rating an open fault', async () => {
    const [zhang, tech1, tech2] = await users('owner-zhang', 'tech1', 'tech2');

    const first = await report(zhang);
    const diagnosis = await diagnosisTaskOf(first, tech1);
    expect((await tech1.post(`${API}/tasks/${diagnosis.id}/complete`, { payload: DIAGNOSIS.general })).status).toBe(200);
    expectProblem(await tech2.post(`${API}/tasks/${diagnosis.id}/complete`, { payload: DIAGNOSIS.complex }), 409, ['status']);
    // The same person retrying is answered with the completed task, applied once.
    const retried = await tech1.post(`${API}/tasks/${diagnosis.id}/complete`, { payload: DIAGNOSIS.general });
    expect(retried.status).toBe(200);
    expect(retried.body.task).toMatchObject({ status: 'completed', completedBy: tech1.user.id });
    expectProblem(await tech2.post(`${API}/tasks/${diagnosis.id}/claim`), 409, ['status']);
    await worklistTask(tech1, first, 'repairFault');
    const [, taskRows] = await rowsOf(first);
    expect(taskRows.map((task) => task.stepId).sort()).toEqual(['diagnoseFault', 'repairFault']);

    const second = await report(zhang);
    const other = await diagnosisTaskOf(second, tech1);
    expect((await tech1.post(`${API}/tasks/${other.id}/claim`)).status).toBe(200);
    expect((await tech1.post(`${API}/tasks/${other.id}/claim`)).status).toBe(200);
    expectProblem(await tech2.post(`${API}/tasks/${other.id}/claim`), 409, ['assignee']);
    expectProblem(await tech2.post(`${API}/tasks/${other.id}/complete`, { payload: DIAGNOSIS.general }), 409, ['assignee']);
    expect((await tech2.get(`${API}/tasks/${other.id}`)).body).toMatchObject({ status: 'open', assignee: tech1.user.id });

    expectProblem(await zhang.post(`${API}/faults/${second}/rating`, { rating: 4 }), 409, ['status']);
  });

  it('422: an invalid diagnosis, reassigning to a non-candidate, an unknown building', async () => {
    const [zhang, tech1, techsup] = await users('owner-zhang', 'tech1', 'techsup');
    const workflowId = await report(zhang);
    const diagnosis = await diagnosisTaskOf(workflowId, tech1);

    const invalid = expectProblem(await tech1.post(`${API}/tasks/${diagnosis.id}/complete`, { payload: { cause: 'x', faultClass: 'minor' } }), 422, [
      'payload.faultClass',
      'payload.cause',
      'payload.repairPlan',
    ]);
    expect(invalid.errors!.every((error) => error.field.startsWith('payload.') && error.message)).toBe(true);

    expectProblem(await techsup.post(`${API}/tasks/${diagnosis.id}/reassign`, { assignee: zhang.user.id }), 422, ['assignee']);
    expectProblem(await techsup.post(`${API}/tasks/${diagnosis.id}/reassign`, { assignee: 'u-nobody' }), 422, ['assignee']);
    expect((await tech1.get(`${API}/tasks/${diagnosis.id}`)).body).toMatchObject({ status: 'open', assignee: null });
    const reassigned = await techsup.post(`${API}/tasks/${diagnosis.id}/reassign`, { assignee: 'u-tech2' });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.assignee).toBe('u-tech2');

    const unknownBuilding = faultReport({ location: { buildingId: 'b9' } });
    expectProblem(await zhang.post(`${API}/faults`, unknownBuilding), 422, ['location.buildingId']);
    expectProblem(await zhang.post(`${API}/faults`, faultReport({ location: { buildingId: 'b2', unitId: 'b1-101' } })), 422, ['location.unitId']);
    expectProblem(await tech1.post(`${API}/faults`, faultReport({ location: { deviceId: 'door-b1' } })), 422, ['system']);
    const [instances] = await rowsOf(`fault-repair-${unknownBuilding.reportId}`);
    expect(instances).toHaveLength(0);
  });
});
