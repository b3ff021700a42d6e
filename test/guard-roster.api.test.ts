/**
 * Zones and the guard roster through review over HTTP (P4.2c, P5.1a–b, issue 12): a maker's entry is a draft that
 * changes nothing; the security supervisor or an administrator (never the maker) returns or approves it; a returned
 * entry is corrected and approved; the record's history shows every step; bad input is refused naming its field; the
 * alarm dispatch puts the guard on a shift covering now first.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlarmLinkageActivities } from '../activities/alarm-linkage';
import { dataChanges, tasks } from '../db/schema';
import type { DataReviewOutcome } from '../workflows/data-review/messages';
import { signIn, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
let stack: ApiTestStack;
const started: string[] = [];
let people: Record<string, SignedInClient>;
const USERNAMES = ['admin', 'checker', 'secsup', 'guard1', 'techsup'];

beforeAll(async () => {
  stack = await startApiTestStack();
  const clients = await Promise.all(USERNAMES.map((username) => signIn(stack.baseUrl, username)));
  people = Object.fromEntries(USERNAMES.map((username, index) => [username, clients[index]]));
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const openTask = (workflowId: string, stepId: string) =>
  eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open'))))[0]);

async function decide(username: string, taskId: string, payload: Record<string, unknown>) {
  const response = await people[username].post(`${API}/tasks/${encodeURIComponent(taskId)}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function submit(maker: string, path: string, body: Record<string, unknown>) {
  const changeId = randomUUID();
  const response = await people[maker].post(`${API}/${path}`, { changeId, ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return { changeId, workflowId: response.body.workflowId as string };
}

const resultOf = (workflowId: string) => stack.client.workflow.getHandle(workflowId).result() as Promise<DataReviewOutcome>;

/** A change made by `maker` and approved by `checker`. */
async function approved(maker: string, checker: string, path: string, body: Record<string, unknown>) {
  const { changeId, workflowId } = await submit(maker, path, body);
  await decide(checker, (await openTask(workflowId, 'checkChange')).id, { decision: 'approved' });
  expect(await resultOf(workflowId)).toMatchObject({ status: 'applied' });
  return changeId;
}

/** The returned change opens for correction once its return is recorded (its task opens just before). */
async function returned(workflowId: string, changeId: string) {
  await openTask(workflowId, 'correctChange');
  await eventually(async () => ((await stack.db.select({ status: dataChanges.status }).from(dataChanges).where(eq(dataChanges.id, changeId)))[0]?.status === 'returned' ? true : undefined));
}

const outcomes = (history: Array<{ outcome: string; revision: number }>) => history.map((entry) => [entry.outcome, entry.revision]);

/** A day and the hours around now in the community's time zone (Asia/Shanghai by default), for a shift that covers now. */
function shiftAroundNow() {
  const at = (offsetMs: number) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(Date.now() + offsetMs))
        .map((part) => [part.type, part.value]),
    );
  const start = at(-60 * 60_000);
  const end = at(2 * 60 * 60_000);
  return { date: `${start.year}-${start.month}-${start.day}`, startTime: `${start.hour}:${start.minute}`, endTime: `${end.hour}:${end.minute}` };
}

describe('zones through review (P5.1b)', () => {
  it('a new zone: bad input named, a draft changes nothing, the maker cannot approve it (403), returned, corrected, approved; its history both steps', async () => {
    const zoneId = `z-test-${randomUUID().slice(0, 8)}`;
    expectProblem(await people.secsup.post(`${API}/zone-changes`, { changeId: randomUUID(), action: 'create', zoneId: 'Bad Zone', zone: { name: '花园 Garden', buildingId: null } }), 400, 'request.body-invalid', 'zoneId');
    expectProblem(await people.secsup.post(`${API}/zone-changes`, { changeId: randomUUID(), action: 'create', zoneId, zone: { name: '花园 Garden', buildingId: 'b9' } }), 422, 'change.invalid', 'zone.buildingId');
    // Only security and administrators enter zones.
    expectProblem(await people.guard1.post(`${API}/zone-changes`, { changeId: randomUUID(), action: 'create', zoneId, zone: { name: '花园 Garden', buildingId: null } }), 403, 'auth.needs-role');

    const { changeId, workflowId } = await submit('secsup', 'zone-changes', { action: 'create', zoneId, zone: { name: '花园 Gardn', buildingId: null } });
    const check = await openTask(workflowId, 'checkChange');
    expect(check.candidateRoles).toEqual(['security-supervisor', 'admin']);
    expect(check.context).toMatchObject({ zoneId, kind: 'zone', action: 'create', makerId: 'u-secsup' });
    expect((check.context as { diff: unknown }).diff).toContainEqual({ field: 'zone.name', before: null, after: '花园 Gardn' });
    // The draft changes nothing.
    expectProblem(await people.secsup.get(`${API}/zones/${zoneId}`), 404, 'zone.unknown');
    expect((await people.secsup.get(`${API}/zones?q=${zoneId}`)).body.items).toEqual([]);
    // The maker holds the checker's role, yet may not decide their own entry.
    expectProblem(await people.secsup.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-change');
    await decide('admin', check.id, { decision: 'returned', reasons: 'Garden is misspelt' });

    await returned(workflowId, changeId);
    expectProblem(await people.admin.put(`${API}/zone-changes/${changeId}`, { action: 'create', zoneId, zone: { name: '花园 Garden', buildingId: null } }), 403, 'change.not-maker');
    expectProblem(await people.secsup.put(`${API}/zone-changes/${changeId}`, { action: 'create', zoneId: 'z-other', zone: { name: '花园 Garden', buildingId: null } }), 422, 'change.invalid', 'zoneId');
    const corrected = await people.secsup.put(`${API}/zone-changes/${changeId}`, { action: 'create', zoneId, zone: { name: '花园 Garden', buildingId: null } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ revision: 2, kind: 'zone', recordId: zoneId });
    expectProblem(await people.secsup.get(`${API}/zones/${zoneId}`), 404, 'zone.unknown');

    await decide('admin', (await openTask(workflowId, 'checkChange')).id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toEqual({ status: 'applied', revision: 2, checkedBy: people.admin.user.displayName, approvedBy: null });
    expect((await people.guard1.get(`${API}/zones/${zoneId}`)).body).toEqual({ zoneId, name: '花园 Garden', buildingId: null, buildingName: null, active: true, deviceCount: 0 });

    const history = (await people.secsup.get(`${API}/zones/${zoneId}/history`)).body.items;
    expect(outcomes(history)).toEqual([
      ['returned', 1],
      ['applied', 2],
    ]);
    expect(history[0]).toMatchObject({ kind: 'zone', reasons: 'Garden is misspelt', maker: { id: 'u-secsup' }, checker: { id: 'u-admin' } });
  }, 90_000);

  it('a zone with devices in use is not disabled; a disabled zone takes no device or shift', async () => {
    expectProblem(await people.admin.post(`${API}/zone-changes`, { changeId: randomUUID(), action: 'disable', zoneId: 'z-b1-lobby', reason: 'Lobby closed' }), 422, 'change.invalid', 'zoneId');
    const zoneId = `z-test-${randomUUID().slice(0, 8)}`;
    await approved('admin', 'secsup', 'zone-changes', { action: 'create', zoneId, zone: { name: '1号楼屋顶 B1 roof', buildingId: 'b1' } });
    expect((await people.admin.get(`${API}/zones?buildingId=b1&q=roof`)).body.items).toEqual([expect.objectContaining({ zoneId, buildingName: expect.any(String), active: true })]);
    await approved('secsup', 'checker', 'zone-changes', { action: 'disable', zoneId, reason: 'Roof access sealed' });
    expect((await people.admin.get(`${API}/zones/${zoneId}`)).body).toMatchObject({ active: false });
    expect((await people.admin.get(`${API}/zones?active=false`)).body.items.map((zone: { zoneId: string }) => zone.zoneId)).toContain(zoneId);
    expectProblem(await people.secsup.post(`${API}/shift-changes`, { changeId: randomUUID(), action: 'create', shift: { zoneId, guardUserId: 'u-guard1', date: '2031-03-01', startTime: '08:00', endTime: '16:00' } }), 422, 'change.invalid', 'shift.zoneId');
    const device = { changeId: randomUUID(), action: 'create', deviceId: `cam-roof-${randomUUID().slice(0, 8)}`, device: { name: 'Roof camera', zoneId, system: 'cctv' }, connection: { baseUrl: 'http://10.0.9.9', username: 'admin', password: 'secret-1', pushSecret: 'push-secret-0123456789', cameraChannel: 1 } };
    expectProblem(await people.admin.post(`${API}/device-changes`, device), 422, 'change.invalid', 'device.zoneId');
  }, 90_000);
});

describe("a zone change's page and its withdrawal", () => {
  it('security reads its changes (not the unit register\'s), and the maker withdraws a returned one: nothing written, history both steps', async () => {
    const zoneId = `z-test-${randomUUID().slice(0, 8)}`;
    const { changeId, workflowId } = await submit('secsup', 'zone-changes', { action: 'create', zoneId, zone: { name: '临时停车场 Temporary car park', buildingId: null } });
    expect((await people.secsup.get(`${API}/data-changes/${changeId}`)).body).toMatchObject({ kind: 'zone', recordId: zoneId, status: 'in-review' });
    expect((await people.guard1.get(`${API}/data-changes/${changeId}`)).status).toBe(200);
    expectProblem(await people.techsup.get(`${API}/data-changes/${changeId}`), 403, 'change.not-readable');
    const unitChange = await submit('admin', 'data-changes', { action: 'change', unitId: 'b1-101', unit: { use: 'commercial' } });
    expectProblem(await people.secsup.get(`${API}/data-changes/${unitChange.changeId}`), 403, 'change.not-readable');

    await decide('admin', (await openTask(workflowId, 'checkChange')).id, { decision: 'returned', reasons: 'Not a zone we guard' });
    await returned(workflowId, changeId);
    expectProblem(await people.admin.post(`${API}/data-changes/${changeId}/withdraw`), 403, 'change.not-maker');
    const withdrawn = await people.secsup.post(`${API}/data-changes/${changeId}/withdraw`);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    expectProblem(await people.secsup.get(`${API}/zones/${zoneId}`), 404, 'zone.unknown');
    expect(outcomes((await people.secsup.get(`${API}/zones/${zoneId}/history`)).body.items)).toEqual([
      ['returned', 1],
      ['withdrawn', 2],
    ]);
  }, 90_000);
});

describe('the guard roster through review (P4.2c, P5.1b)', () => {
  it('a shift: bad input named, a draft changes nothing, the maker cannot approve it (403), approved; changed through a return and a correction; history every step', async () => {
    const shift = { zoneId: 'z-main-gate', guardUserId: 'u-guard2', date: '2030-01-05', startTime: '20:00', endTime: '08:00' };
    expectProblem(await people.secsup.post(`${API}/shift-changes`, { changeId: randomUUID(), action: 'create', shift: { ...shift, endTime: '20:00' } }), 400, 'request.body-invalid', 'shift.endTime');
    expectProblem(await people.secsup.post(`${API}/shift-changes`, { changeId: randomUUID(), action: 'create', shift: { ...shift, startTime: '25:00' } }), 400, 'request.body-invalid', 'shift.startTime');
    expectProblem(await people.secsup.post(`${API}/shift-changes`, { changeId: randomUUID(), action: 'create', shift: { ...shift, guardUserId: 'u-tech1' } }), 422, 'change.invalid', 'shift.guardUserId');
    expectProblem(await people.secsup.post(`${API}/shift-changes`, { changeId: randomUUID(), action: 'create', shift: { ...shift, zoneId: 'z-nowhere' } }), 422, 'change.invalid', 'shift.zoneId');

    const { changeId, workflowId } = await submit('secsup', 'shift-changes', { action: 'create', shift });
    const shiftId = `gs-${changeId}`;
    const check = await openTask(workflowId, 'checkChange');
    expect(check.candidateRoles).toEqual(['security-supervisor', 'admin']);
    expect(check.context).toMatchObject({ shiftId, zoneId: 'z-main-gate', kind: 'guard-shift', action: 'create' });
    expect((check.context as { diff: unknown }).diff).toEqual(
      expect.arrayContaining([
        { field: 'shift.guardUserId', before: null, after: '保安 何军 He Jun' },
        { field: 'shift.startTime', before: null, after: '20:00' },
      ]),
    );
    // The draft changes nothing.
    expectProblem(await people.secsup.get(`${API}/guard-shifts/${shiftId}`), 404, 'shift.unknown');
    expect((await people.secsup.get(`${API}/guard-shifts?zoneId=z-main-gate&from=2030-01-01&to=2030-01-31`)).body.items).toEqual([]);
    expectProblem(await people.secsup.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-change');
    await decide('admin', check.id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toMatchObject({ status: 'applied', approvedBy: null });

    // The night shift ends the next morning, in the community's time zone (UTC+8).
    const registered = (await people.guard1.get(`${API}/guard-shifts/${shiftId}`)).body;
    expect(registered).toMatchObject({ ...shift, shiftId, guardName: '保安 何军 He Jun', startsAt: '2030-01-05T12:00:00.000Z', endsAt: '2030-01-06T00:00:00.000Z', active: true });
    // The same guard cannot be on two shifts at once.
    expectProblem(await people.secsup.post(`${API}/shift-changes`, { changeId: randomUUID(), action: 'create', shift: { ...shift, zoneId: 'z-car-park', date: '2030-01-06', startTime: '07:00', endTime: '12:00' } }), 422, 'change.invalid', 'shift.startTime');

    // A change: returned, corrected by its maker, approved.
    const change = await submit('admin', 'shift-changes', { action: 'change', shiftId, shift: { ...shift, endTime: '06:00' } });
    expect((await openTask(change.workflowId, 'checkChange')).context).toMatchObject({ diff: [{ field: 'shift.endTime', before: '08:00', after: '06:00' }] });
    await decide('secsup', (await openTask(change.workflowId, 'checkChange')).id, { decision: 'returned', reasons: 'The night shift ends at 07:00' });
    await returned(change.workflowId, change.changeId);
    expect((await people.guard1.get(`${API}/guard-shifts/${shiftId}`)).body).toMatchObject({ endTime: '08:00' });
    const corrected = await people.admin.put(`${API}/shift-changes/${change.changeId}`, { action: 'change', shiftId, shift: { ...shift, endTime: '07:00' } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    await decide('secsup', (await openTask(change.workflowId, 'checkChange')).id, { decision: 'approved' });
    expect(await resultOf(change.workflowId)).toMatchObject({ status: 'applied', revision: 2 });
    expect((await people.guard1.get(`${API}/guard-shifts/${shiftId}`)).body).toMatchObject({ endTime: '07:00', endsAt: '2030-01-05T23:00:00.000Z' });

    const history = (await people.secsup.get(`${API}/guard-shifts/${shiftId}/history`)).body.items;
    expect(outcomes(history)).toEqual([
      ['applied', 1],
      ['returned', 1],
      ['applied', 2],
    ]);
    expect(history[1]).toMatchObject({ kind: 'guard-shift', action: 'change', reasons: 'The night shift ends at 07:00', maker: { id: 'u-admin' }, checker: { id: 'u-secsup' } });

    // Cancelled: still listed for its history, covering nothing.
    await approved('secsup', 'checker', 'shift-changes', { action: 'disable', shiftId, reason: 'Guard on leave' });
    expect((await people.secsup.get(`${API}/guard-shifts?zoneId=z-main-gate&from=2030-01-05&to=2030-01-05`)).body.items).toEqual([expect.objectContaining({ shiftId, active: false })]);
    expectProblem(await people.secsup.post(`${API}/shift-changes`, { changeId: randomUUID(), action: 'disable', shiftId, reason: 'Again' }), 422, 'change.invalid', 'shiftId');
  }, 120_000);

  it('the roster lists by day a page at a time, by zone, guard and name', async () => {
    const day = { zoneId: 'z-b2-lobby', guardUserId: 'u-guard1', date: '2030-02-10' };
    await approved('secsup', 'admin', 'shift-changes', { action: 'create', shift: { ...day, startTime: '08:00', endTime: '12:00' } });
    await approved('secsup', 'admin', 'shift-changes', { action: 'create', shift: { ...day, date: '2030-02-11', startTime: '08:00', endTime: '12:00' } });
    const first = (await people.guard1.get(`${API}/guard-shifts?guardUserId=u-guard1&from=2030-02-01&to=2030-02-28&limit=1`)).body;
    expect(first.items.map((item: { date: string }) => item.date)).toEqual(['2030-02-10']);
    const next = (await people.guard1.get(`${API}/guard-shifts?guardUserId=u-guard1&from=2030-02-01&to=2030-02-28&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).body;
    expect(next.items.map((item: { date: string }) => item.date)).toEqual(['2030-02-11']);
    expect(next.nextCursor).toBeNull();
    expect((await people.guard1.get(`${API}/guard-shifts?q=${encodeURIComponent('孙强')}&from=2030-02-01&to=2030-02-28`)).body.items).toHaveLength(2);
    expectProblem(await people.guard1.get(`${API}/guard-shifts?from=yesterday`), 400, 'request.query-invalid', 'query.from');
    // Zones and the roster are security's data: the technology department does not read them.
    expectProblem(await people.techsup.get(`${API}/guard-shifts`), 403, 'auth.needs-role');
  }, 90_000);

  it("the alarm dispatch calls the guard on a shift covering now first, then the zone's standing roster", async () => {
    const { dispatchRoster } = createAlarmLinkageActivities({ db: stack.db });
    // The standing roster of the car park: guard2 first, guard1 their backup.
    expect(await dispatchRoster({ zoneId: 'z-car-park' })).toEqual(['u-guard2', 'u-guard1']);
    await approved('secsup', 'admin', 'shift-changes', { action: 'create', shift: { zoneId: 'z-car-park', guardUserId: 'u-guard1', ...shiftAroundNow() } });
    expect(await dispatchRoster({ zoneId: 'z-car-park' })).toEqual(['u-guard1', 'u-guard2']);
  }, 90_000);
});
