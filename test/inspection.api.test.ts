import { ScheduleNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../contracts/tasks';
import { devices, inspectionPlans, inspectionRecords } from '../db/schema';
import { completeTaskUpdate } from '../workflows/lib/messages';
import { actor } from './support/fault-scenarios';
import { signIn, type HttpClient, type HttpResponse } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let stack: ApiTestStack;
const plans: string[] = [];
const workflows: string[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
});
afterAll(async () => {
  // Leave nothing running or scheduled on the shared dev server.
  await Promise.all(plans.map((planId) => stack.client.schedule.getHandle(`inspection-${planId}`).delete().catch(() => undefined)));
  const records = await stack.db.select().from(inspectionRecords);
  const ids = [...workflows, ...records.flatMap((record) => [record.workflowId, ...record.faultRepairWorkflowIds])];
  await Promise.all(ids.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const users = (...usernames: string[]) => Promise.all(usernames.map((username) => signIn(stack.baseUrl, username)));

function planRequest(overrides: Record<string, unknown> = {}) {
  const id = `t-${randomUUID()}`;
  plans.push(id);
  return {
    id,
    title: 'Lobby and network check',
    responsibleRole: 'technician',
    cycleSeconds: 3600,
    dueWithinSeconds: 1800,
    checklist: [
      { id: 'lobby-camera', text: 'B1 lobby camera: clear picture', system: 'cctv', deviceId: 'cam-b1-lobby' },
      { id: 'core-switch', text: 'Core switch uplink up', system: 'network', deviceId: 'switch-core' },
    ],
    ...overrides,
  };
}

function expectProblem(response: HttpResponse, status: number, fields: string[] = []) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toMatch(/^application\/problem\+json\b/);
  if (fields.length) {
    const named = ((response.body.errors ?? []) as Array<{ field: string }>).map((error) => error.field);
    expect(named).toEqual(expect.arrayContaining(fields));
  }
}

async function createPlan(http: HttpClient, overrides: Record<string, unknown> = {}) {
  const body = planRequest(overrides);
  const response = await http.post(`${API}/inspections/plans`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; scheduleId: string };
}

/** The open record of the plan's first run, once the schedule has started it. */
function openRun(http: HttpClient, planId: string) {
  return eventually(async () => {
    const response = await http.get(`${API}/inspections/records?planId=${planId}`);
    expect(response.status).toBe(200);
    return (response.body.items as Array<{ workflowId: string; status: string }>)[0];
  });
}

function inspectionTask(http: HttpClient, workflowId: string) {
  return eventually(async () => {
    const response = await http.get(`${API}/tasks?process=inspection&step=performInspection&limit=200`);
    expect(response.status).toBe(200);
    return (response.body.items as TaskView[]).find((task) => task.workflowId === workflowId);
  });
}

describe('inspections (P3.1a, P3.1c)', () => {
  it('a schedule run gives the responsible role the checklist; all pass → a record and no fault repair', async () => {
    const [techsup, tech1, monitor] = await users('techsup', 'tech1', 'monitor');
    const plan = await createPlan(techsup);
    expect(plan.scheduleId).toBe(`inspection-${plan.id}`);
    await stack.client.schedule.getHandle(plan.scheduleId).trigger();

    const run = await openRun(techsup, plan.id);
    expect(run.workflowId.startsWith(`inspection-${plan.id}-`)).toBe(true);
    expect(run.status).toBe('open');
    const listed = await inspectionTask(tech1, run.workflowId);
    expect(listed).toMatchObject({ candidateRoles: ['technician'], status: 'open', overdue: false });
    const task = (await tech1.get(`${API}/tasks/${listed.id}`)).body as TaskView;
    expect(Object.keys(task.formSchema.properties as object)).toEqual([
      'result_lobby-camera',
      'note_lobby-camera',
      'photo_lobby-camera',
      'result_core-switch',
      'note_core-switch',
      'photo_core-switch',
    ]);
    expect(task.formSchema.required).toEqual(['result_lobby-camera', 'result_core-switch']);
    expect(task.context).toMatchObject({
      plan: 'Lobby and network check',
      buildingId: null,
      zoneId: null,
      items: [
        { text: 'B1 lobby camera: clear picture', system: 'cctv', deviceId: 'cam-b1-lobby' },
        { text: 'Core switch uplink up', system: 'network', deviceId: 'switch-core' },
      ],
    });
    // The task names the devices its items are at, so the page shows names, not ids.
    const [lobbyCamera, coreSwitch] = await stack.db.select().from(devices).where(inArray(devices.id, ['cam-b1-lobby', 'switch-core'])).orderBy(devices.id);
    expect(task.references.device).toEqual({ [lobbyCamera.id]: lobbyCamera.name, [coreSwitch.id]: coreSwitch.name });

    // Another role neither sees the task nor may complete it.
    expectProblem(await monitor.post(`${API}/tasks/${listed.id}/complete`, { payload: {} }), 404);
    const handle = stack.client.workflow.getHandle(run.workflowId);
    const allPass = { 'result_lobby-camera': 'pass', 'result_core-switch': 'pass' };
    const refused = await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: listed.id, actor: actor('monitor'), payload: allPass }] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toBeInstanceOf(ApplicationFailure);
    expect(((refused as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('NotCandidate');

    // A fail without a note is refused, naming the note.
    expectProblem(await tech1.post(`${API}/tasks/${listed.id}/complete`, { payload: { ...allPass, 'result_core-switch': 'fail' } }), 422, ['payload.note_core-switch']);

    const done = await tech1.post(`${API}/tasks/${listed.id}/complete`, { payload: allPass });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(await handle.result()).toEqual({ status: 'recorded', failedItems: [], faultRepairWorkflowIds: [] });
    const record = (await techsup.get(`${API}/inspections/records/${run.workflowId}`)).body;
    expect(record).toMatchObject({
      status: 'completed',
      planId: plan.id,
      inspectorName: tech1.user.displayName,
      failedItems: 0,
      overdue: false,
      faultRepairWorkflowIds: [],
      faultRepairs: [],
      taskId: listed.id,
    });
    expect(record.results.map((result: { result: string }) => result.result)).toEqual(['pass', 'pass']);
    const instance = (await techsup.get(`${API}/processes/${run.workflowId}`)).body;
    expect(instance.steps.openFaultRepairs).toBeUndefined();
    expect(instance.steps.inspectionClosed).toMatchObject({ status: 'completed' });
  });

  it('a failed checklist item opens a fault repair with the item, its place, the note and the photo', async () => {
    const [techsup, tech1] = await users('techsup', 'tech1');
    const plan = await createPlan(techsup, {
      zoneId: 'z-car-park',
      checklist: [
        { id: 'lobby-camera', text: 'B1 lobby camera: clear picture', system: 'cctv', deviceId: 'cam-b1-lobby' },
        { id: 'detector', text: 'Car park detector: walk test', system: 'intrusion-alarm' },
        { id: 'core-switch', text: 'Core switch uplink up', system: 'network', deviceId: 'switch-core' },
      ],
    });
    const ran = await techsup.post(`${API}/inspections/plans/${plan.id}/run`);
    expect(ran.status, JSON.stringify(ran.body)).toBe(202);
    const run = await openRun(techsup, plan.id);
    const listed = await inspectionTask(tech1, run.workflowId);

    const photoId = randomUUID();
    const uploaded = await tech1.post(`${API}/inspections/photos`, { photoId, photo: `data:image/png;base64,${PNG}` });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const done = await tech1.post(`${API}/tasks/${listed.id}/complete`, {
      payload: {
        'result_lobby-camera': 'fail',
        'note_lobby-camera': 'Picture is black',
        'photo_lobby-camera': photoId,
        result_detector: 'fail',
        note_detector: 'No alarm on walk test',
        'result_core-switch': 'pass',
      },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const outcome = await stack.client.workflow.getHandle(run.workflowId).result();
    const cameraRepair = `fault-repair-${run.workflowId}-lobby-camera`;
    const detectorRepair = `fault-repair-${run.workflowId}-detector`;
    expect(outcome).toEqual({ status: 'recorded', failedItems: ['lobby-camera', 'detector'], faultRepairWorkflowIds: [cameraRepair, detectorRepair] });

    // The repairs outlive the run (ABANDON): the inspection is closed, the repairs wait for diagnosis.
    const diagnosis = await eventually(async () => {
      const response = await tech1.get(`${API}/tasks?process=fault-repair&step=diagnoseFault&limit=200`);
      return (response.body.items as TaskView[]).find((task) => task.workflowId === cameraRepair);
    });
    expect((await stack.client.workflow.getHandle(cameraRepair).describe()).status.name).toBe('RUNNING');
    const diagnosisTask = (await tech1.get(`${API}/tasks/${diagnosis.id}`)).body as TaskView;
    expect(diagnosisTask.context).toMatchObject({
      system: 'cctv',
      location: { deviceId: 'cam-b1-lobby' },
      symptoms: 'Lobby and network check · B1 lobby camera: clear picture: Picture is black',
    });
    const fault = await eventually(async () => {
      const response = await tech1.get(`${API}/faults/${cameraRepair}`);
      return response.status === 200 && response.body.report ? response.body : undefined;
    });
    expect(fault.report).toMatchObject({ photoId, source: 'staff', reporter: { userId: tech1.user.id }, location: { deviceId: 'cam-b1-lobby' } });
    const photo = await fetch(new URL(`${API}/faults/${cameraRepair}/photo`, stack.baseUrl), {
      headers: { cookie: (await signInCookie('tech1')) },
    });
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await photo.arrayBuffer()).toString('base64')).toBe(PNG);

    // An item without a place of its own is reported at the plan's area.
    const detector = await eventually(async () => {
      const response = await tech1.get(`${API}/faults/${detectorRepair}`);
      return response.status === 200 && response.body.report ? response.body : undefined;
    });
    expect(detector.report).toMatchObject({ system: 'intrusion-alarm', location: { zoneId: 'z-car-park' }, symptoms: expect.stringContaining('No alarm on walk test') });
    expect(detector.report.photoId).toBeUndefined();

    // The run and its repairs are one chain on the instance pages.
    const chain = (await techsup.get(`${API}/processes/${cameraRepair}`)).body;
    expect(chain.related).toContainEqual(expect.objectContaining({ workflowId: run.workflowId, relation: 'repair', distance: 1 }));

    const record = (await techsup.get(`${API}/inspections/records/${run.workflowId}`)).body;
    expect(record).toMatchObject({ status: 'completed', failedItems: 2, faultRepairWorkflowIds: [cameraRepair, detectorRepair] });
    expect(record.results).toEqual([
      { itemId: 'lobby-camera', text: 'B1 lobby camera: clear picture', system: 'cctv', result: 'fail', note: 'Picture is black', photoId, faultRepairWorkflowId: cameraRepair },
      { itemId: 'detector', text: 'Car park detector: walk test', system: 'intrusion-alarm', result: 'fail', note: 'No alarm on walk test', photoId: null, faultRepairWorkflowId: detectorRepair },
      { itemId: 'core-switch', text: 'Core switch uplink up', system: 'network', result: 'pass', note: null, photoId: null, faultRepairWorkflowId: null },
    ]);
    expect(record.faultRepairs.map((repair: { workflowId: string; status: string }) => [repair.workflowId, repair.status])).toEqual([
      [cameraRepair, 'running'],
      [detectorRepair, 'running'],
    ]);
  });

  it('a run left open past its due window shows overdue on the console; the supervisor joins; deactivating pauses the schedule', async () => {
    const [techsup, monitor, owner] = await users('techsup', 'monitor', 'owner-zhang');
    // A real seconds-scale cycle: the schedule fires by itself, and skips while the run is open.
    const plan = await createPlan(techsup, { cycleSeconds: 3, dueWithinSeconds: 2, responsibleRole: 'guard' });
    const run = await openRun(techsup, plan.id);
    const overdue = await eventually(async () => {
      const response = await monitor.get(`${API}/inspections/overdue`);
      expect(response.status).toBe(200);
      return (response.body.items as Array<{ workflowId: string; taskId: string | null }>).find((item) => item.workflowId === run.workflowId);
    });
    expect(overdue).toMatchObject({ planId: plan.id, responsibleRole: 'guard', taskId: `${run.workflowId}.performInspection.1` });
    expectProblem(await owner.get(`${API}/inspections/overdue`), 403);

    // The overdue timer brings the tech supervisor in.
    const joined = await eventually(async () => {
      const response = await techsup.get(`${API}/tasks?process=inspection&step=performInspection&limit=200`);
      return (response.body.items as TaskView[]).find((task) => task.workflowId === run.workflowId);
    });
    expect(joined.candidateRoles).toEqual(['guard', 'tech-supervisor']);
    expect(joined.overdue).toBe(true);
    const [row] = await stack.db.select().from(inspectionRecords).where(eq(inspectionRecords.workflowId, run.workflowId));
    expect(row.overdueAt).toBeInstanceOf(Date);
    const runs = await stack.db.select().from(inspectionRecords).where(eq(inspectionRecords.planId, plan.id));
    expect(runs).toHaveLength(1);

    const deactivated = await techsup.post(`${API}/inspections/plans/${plan.id}/deactivate`);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await stack.client.schedule.getHandle(plan.scheduleId).describe()).state.paused).toBe(true);
    expectProblem(await techsup.post(`${API}/inspections/plans/${plan.id}/run`), 409, ['active']);

    const late = await techsup.post(`${API}/tasks/${joined.id}/complete`, { payload: { 'result_lobby-camera': 'pass', 'result_core-switch': 'pass' } });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    const record = await eventually(async () => {
      const response = await techsup.get(`${API}/inspections/records/${run.workflowId}`);
      return response.body.status === 'completed' ? response.body : undefined;
    });
    expect(record).toMatchObject({ overdue: true, inspectorName: techsup.user.displayName });
    const after = await monitor.get(`${API}/inspections/overdue`);
    expect(after.body.items.map((item: { workflowId: string }) => item.workflowId)).not.toContain(run.workflowId);
  });

  it('bad plan input is refused naming the field, and nothing is written', async () => {
    const [techsup, tech1] = await users('techsup', 'tech1');
    const cases: Array<[Record<string, unknown>, number, string[]]> = [
      [{ checklist: [{ id: 'a', text: 'Camera check', system: 'cctv', deviceId: 'no-such-camera' }] }, 422, ['checklist.0.deviceId']],
      [{ checklist: [{ id: 'a', text: 'Camera check', system: 'network', deviceId: 'cam-gate' }] }, 422, ['checklist.0.system']],
      [{ checklist: [{ id: 'a', text: 'Camera check', system: 'cctv', zoneId: 'z-car-park' }, { id: 'a', text: 'Again', system: 'cctv', zoneId: 'z-car-park' }] }, 422, ['checklist.1.id']],
      [{ checklist: [{ id: 'a', text: 'Somewhere', system: 'cctv' }] }, 422, ['checklist.0.deviceId']],
      [{ zoneId: 'z-nowhere' }, 422, ['zoneId']],
      [{ cycleSeconds: 60, dueWithinSeconds: 120 }, 422, ['dueWithinSeconds']],
      [{ title: '' }, 400, ['title']],
      [{ responsibleRole: 'owner' }, 400, ['responsibleRole']],
      [{ cycleSeconds: 0 }, 400, ['cycleSeconds']],
      [{ checklist: [] }, 400, ['checklist']],
      [{ id: 'Not A Slug' }, 400, ['id']],
    ];
    for (const [overrides, status, fields] of cases) {
      const body = planRequest(overrides);
      expectProblem(await techsup.post(`${API}/inspections/plans`, body), status, fields);
      expect(await stack.db.select().from(inspectionPlans).where(eq(inspectionPlans.id, body.id))).toEqual([]);
      const schedule = await stack.client.schedule.getHandle(`inspection-${body.id}`).describe().catch((error: unknown) => error);
      expect(schedule).toBeInstanceOf(ScheduleNotFoundError);
    }
    expectProblem(await tech1.post(`${API}/inspections/plans`, planRequest()), 403);
    const plan = await createPlan(techsup);
    expectProblem(await techsup.put(`${API}/inspections/plans/${plan.id}`, { ...planRequest({ cycleSeconds: 10, dueWithinSeconds: 20 }), id: undefined }), 422, ['dueWithinSeconds']);
    expectProblem(await techsup.put(`${API}/inspections/plans/no-such-plan`, planRequest()), 404);
  });

  it('creating the same plan twice makes one plan and one schedule; a change moves the schedule', async () => {
    const [techsup] = await users('techsup');
    const body = planRequest();
    const [first, second] = await Promise.all([techsup.post(`${API}/inspections/plans`, body), techsup.post(`${API}/inspections/plans`, body)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    const retried = await techsup.post(`${API}/inspections/plans`, body);
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    expectProblem(await techsup.post(`${API}/inspections/plans`, { ...body, title: 'Something else' }), 409, ['id']);
    expect(await stack.db.select().from(inspectionPlans).where(eq(inspectionPlans.id, body.id))).toHaveLength(1);

    const scheduleId = `inspection-${body.id}`;
    const schedules = await eventually(async () => {
      const found: string[] = [];
      for await (const schedule of stack.client.schedule.list({ query: `ScheduleId = '${scheduleId}'` })) found.push(schedule.scheduleId);
      return found.length ? found : undefined;
    });
    expect(schedules).toEqual([scheduleId]);
    const described = await stack.client.schedule.getHandle(scheduleId).describe();
    expect(described.spec.intervals?.[0]?.every).toBe(3600 * 1000);
    expect(described.action).toMatchObject({ workflowType: 'inspection', taskQueue: stack.taskQueue, args: [{ planId: body.id }] });
    expect(described.state.paused).toBe(false);
    expect(described.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 3600 * 1000 });

    const { id: _id, ...fields } = body;
    const changed = await techsup.put(`${API}/inspections/plans/${body.id}`, { ...fields, cycleSeconds: 7200, active: false });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ cycleSeconds: 7200, active: false });
    const moved = await stack.client.schedule.getHandle(scheduleId).describe();
    expect(moved.spec.intervals?.[0]?.every).toBe(7200 * 1000);
    expect(moved.state.paused).toBe(true);
    const reactivated = await techsup.put(`${API}/inspections/plans/${body.id}`, { ...fields, cycleSeconds: 7200, active: true });
    expect(reactivated.body.active).toBe(true);
    expect((await stack.client.schedule.getHandle(scheduleId).describe()).state.paused).toBe(false);
    const listedPlans = (await techsup.get(`${API}/inspections/plans`)).body.items as Array<{ id: string }>;
    expect(listedPlans.filter((listed) => listed.id === body.id)).toHaveLength(1);
    // The demo community's plans are there too.
    expect(listedPlans.map((listed) => listed.id)).toEqual(expect.arrayContaining(['cctv-weekly', 'network-daily', 'access-control-monthly']));
  });
});

async function signInCookie(username: string): Promise<string> {
  const response = await fetch(new URL(`${API}/auth/login`, stack.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'steward-demo' }),
  });
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}
