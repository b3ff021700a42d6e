/**
 * A device added through review over HTTP (P5.1b, issue 12): its zone and connection data are checked by the
 * technology department, its secrets are write-only (sealed at once, never shown), and once applied Steward reaches it
 * on the simulator with its sealed password, takes its pushes and watches its health: silent, it goes down and a
 * repair opens.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedDeviceUrl } from '../db/seed/demo-devices';
import { dataChangeHistory, dataChanges, deviceConnections, deviceHealth, tasks } from '../db/schema';
import { openDeviceSecrets } from '../db/sealed/records';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { signIn, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually } from './support/stack';

const API = '/api/v1';
let stack: DeviceTestStack;
const started: string[] = [];
let people: Record<string, SignedInClient>;
const USERNAMES = ['admin', 'techsup', 'monitor'];

beforeAll(async () => {
  stack = await startDeviceTestStack();
  const clients = await Promise.all(USERNAMES.map((username) => signIn(stack.baseUrl, username)));
  people = Object.fromEntries(USERNAMES.map((username, index) => [username, clients[index]]));
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const healthOf = async (deviceId: string) => (await stack.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, deviceId)))[0];

describe('a device added through review (P5.1b)', () => {
  it('is checked by the technology department with its secrets hidden, then reached on the simulator and watched by the health sweep', async () => {
    const deviceId = `cam-garden-${randomUUID().slice(0, 6)}`;
    const password = `garden-${randomUUID()}`;
    const pushSecret = `push-${randomUUID()}`;
    const connection = { baseUrl: simulatedDeviceUrl(stack.simulator.url, deviceId), username: 'admin', password, pushSecret };
    const body = { action: 'create', deviceId, device: { name: '花园摄像机 Garden camera', zoneId: 'z-b2-lobby', system: 'cctv' }, connection };
    expectProblem(await people.admin.post(`${API}/device-changes`, { ...body, changeId: randomUUID(), device: { ...body.device, zoneId: 'z-nowhere' } }), 422, 'change.invalid', 'device.zoneId');
    expectProblem(await people.admin.post(`${API}/device-changes`, { ...body, changeId: randomUUID(), connection: { ...connection, pushSecret: 'short' } }), 400, 'request.body-invalid', 'connection.pushSecret');

    const changeId = randomUUID();
    const submitted = await people.admin.post(`${API}/device-changes`, { ...body, changeId });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { workflowId } = submitted.body as { workflowId: string };
    started.push(workflowId);
    const check = await eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, 'checkChange'), eq(tasks.status, 'open'))))[0]);
    expect(check.candidateRoles).toEqual(['tech-supervisor']);
    expect((check.context as { diff: unknown[] }).diff).toContainEqual({ field: 'connection.baseUrl', before: null, after: connection.baseUrl });
    expect((check.context as { choices: unknown[] }).choices).toEqual([{ field: 'device.system', from: null, to: 'cctv' }]);
    expect(await healthOf(deviceId)).toBeUndefined();
    expect((await people.techsup.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'approved' } })).status).toBe(200);
    expect(await stack.client.workflow.getHandle(workflowId).result()).toMatchObject({ status: 'applied', approvedBy: null });

    // Write-only: the secrets are in no answer, draft, history entry or task.
    const registered = await people.admin.get(`${API}/registered-devices/${deviceId}`);
    expect(registered.body).toEqual({ deviceId, name: '花园摄像机 Garden camera', zoneId: 'z-b2-lobby', system: 'cctv', active: true, baseUrl: connection.baseUrl, username: 'admin', cameraChannel: 1, health: 'unknown', lastSeenAt: null });
    const stored = JSON.stringify([
      await stack.db.select().from(dataChanges).where(eq(dataChanges.id, changeId)),
      await stack.db.select().from(dataChangeHistory).where(eq(dataChangeHistory.changeId, changeId)),
      check,
      (await people.admin.get(`${API}/data-changes/${changeId}`)).body,
    ]);
    expect(stored).not.toContain(password);
    expect(stored).not.toContain(pushSecret);

    // Installed on site: its pushes are taken (its push secret checked against the sealed key) and it streams.
    const installed = await fetch(`${stack.simulator.url}/_sim/devices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: deviceId, model: 'camera', username: 'admin', password, pushSecret }) });
    expect(installed.status).toBe(200);
    await eventually(async () => ((await healthOf(deviceId))?.status === 'streaming' ? true : undefined));
    // Steward reaches it with its sealed password (Digest): the console's snapshot of the new camera.
    const snapshot = await people.monitor.raw(`${API}/devices/${deviceId}/snapshot`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.headers.get('content-type')).toBe('image/jpeg');
    // Silent (the simulator sends it no heartbeat here), it goes stale, then down, and monitoring opens its repair.
    const down = await eventually(async () => {
      const health = await healthOf(deviceId);
      return health?.status === 'down' && health.faultWorkflowId ? health : undefined;
    }, 30_000);
    started.push(down.faultWorkflowId!);
    expect(down.faultWorkflowId).toContain(deviceId);
  }, 90_000);
});

describe('a device changed and disabled through review (P5.1b)', () => {
  const openCheck = (workflowId: string, visit = 1) =>
    eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, 'checkChange'), eq(tasks.status, 'open'))))[0]).then((task) => {
      expect(task.id).toBe(`${workflowId}.checkChange.${visit}`);
      return task;
    });
  const approve = async (taskId: string) => expect((await people.techsup.post(`${API}/tasks/${encodeURIComponent(taskId)}/complete`, { payload: { decision: 'approved' } })).status).toBe(200);
  async function submit(body: Record<string, unknown>) {
    const changeId = randomUUID();
    const response = await people.admin.post(`${API}/device-changes`, { changeId, ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    started.push(response.body.workflowId);
    return { changeId, workflowId: response.body.workflowId as string };
  }
  const secretsOf = async (deviceId: string) => openDeviceSecrets(stack.db, (await stack.db.select().from(deviceConnections).where(eq(deviceConnections.deviceId, deviceId)))[0]);

  it('a change of name, zone and connection: a draft changes nothing, the maker cannot approve it, returned, corrected and approved; a blank secret keeps the stored one; disabled, it is no longer watched', async () => {
    const deviceId = `cam-gate-${randomUUID().slice(0, 6)}`;
    const password = `gate-${randomUUID()}`;
    const created = await submit({ action: 'create', deviceId, device: { name: '门口摄像机 Gate camera', zoneId: 'z-b1-lobby', system: 'cctv' }, connection: { baseUrl: simulatedDeviceUrl(stack.simulator.url, deviceId), username: 'admin', password, pushSecret: `push-${randomUUID()}` } });
    await approve((await openCheck(created.workflowId)).id);
    await stack.client.workflow.getHandle(created.workflowId).result();
    const before = await secretsOf(deviceId);

    expectProblem(await people.admin.post(`${API}/device-changes`, { changeId: randomUUID(), action: 'change', deviceId: 'cam-nowhere', device: { name: 'Nowhere' } }), 422, 'change.invalid', 'deviceId');
    const { changeId, workflowId } = await submit({ action: 'change', deviceId, device: { name: '正门摄像机', zoneId: 'z-main-gate' }, connection: { username: 'operator', password: '' } });
    const check = await openCheck(workflowId);
    expect((check.context as { diff: unknown[] }).diff).toEqual([
      { field: 'device.name', before: '门口摄像机 Gate camera', after: '正门摄像机' },
      { field: 'device.zoneId', before: '1号楼大堂 B1 lobby', after: '小区正门 Main gate' },
      { field: 'connection.username', before: 'admin', after: 'operator' },
    ]);
    expect((await people.admin.get(`${API}/registered-devices/${deviceId}`)).body).toMatchObject({ name: '门口摄像机 Gate camera', zoneId: 'z-b1-lobby', username: 'admin' });
    expectProblem(await people.admin.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-change');
    expect((await people.techsup.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'returned', reasons: 'The gate camera keeps its admin account; change its password instead' } })).status).toBe(200);

    await eventually(async () => ((await people.admin.get(`${API}/data-changes/${changeId}`)).body.status === 'returned' ? true : undefined));
    // The returned draft as its correction's body: the secrets blank (blank keeps the stored one).
    expect((await people.admin.get(`${API}/data-changes/${changeId}`)).body.draft).toEqual({ action: 'change', deviceId, device: { name: '正门摄像机', zoneId: 'z-main-gate' }, connection: { username: 'operator', password: '', pushSecret: '' } });
    const newPassword = `gate-${randomUUID()}`;
    const corrected = await people.admin.put(`${API}/device-changes/${changeId}`, { action: 'change', deviceId, device: { name: '正门摄像机', zoneId: 'z-main-gate' }, connection: { password: newPassword, pushSecret: '' } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.diff).toContainEqual({ field: 'connection.password', before: '••••••', after: '••••••（新 new）' });
    expect(JSON.stringify(corrected.body)).not.toContain(newPassword);
    await approve((await openCheck(workflowId, 2)).id);
    expect(await stack.client.workflow.getHandle(workflowId).result()).toMatchObject({ status: 'applied', revision: 2 });

    expect((await people.admin.get(`${API}/registered-devices/${deviceId}`)).body).toMatchObject({ name: '正门摄像机', zoneId: 'z-main-gate', username: 'admin', active: true });
    // The password entered replaced the stored one; the push key left blank stayed.
    expect(await secretsOf(deviceId)).toEqual({ password: newPassword, pushKey: before.pushKey });
    const history = (await people.admin.get(`${API}/registered-devices/${deviceId}/history`)).body.items;
    expect(history.map((entry: { action: string; outcome: string; revision: number }) => [entry.action, entry.outcome, entry.revision])).toEqual([
      ['create', 'applied', 1],
      ['change', 'returned', 1],
      ['change', 'applied', 2],
    ]);
    expect(JSON.stringify(history)).not.toContain(newPassword);

    const disabled = await submit({ action: 'disable', deviceId, reason: 'Replaced by the new gate camera' });
    const disableCheck = await openCheck(disabled.workflowId);
    expect(await healthOf(deviceId)).toBeDefined();
    await approve(disableCheck.id);
    await stack.client.workflow.getHandle(disabled.workflowId).result();
    expect((await people.admin.get(`${API}/registered-devices/${deviceId}`)).body).toMatchObject({ active: false });
    // No longer watched: no health row for the sweep to mark down (and so no repair); a further change is refused.
    expect(await healthOf(deviceId)).toBeUndefined();
    expectProblem(await people.admin.post(`${API}/device-changes`, { changeId: randomUUID(), action: 'change', deviceId, device: { name: 'Again' } }), 422, 'change.invalid', 'deviceId');
  }, 120_000);
});

describe('the device register a page at a time', () => {
  it('finds devices by id, name or zone name, by zone and system, in keyset pages; bad input named', async () => {
    const ids = (page: { items: Array<{ deviceId: string }> }) => page.items.map((item) => item.deviceId);
    const first = (await people.admin.get(`${API}/registered-devices?q=door&system=access-control&limit=1`)).body;
    expect(ids(first)).toEqual(['door-b1']);
    expect(first.items[0]).toMatchObject({ name: 'B1 door controller', zoneId: 'z-b1-lobby', zoneName: '1号楼大堂 B1 lobby', system: 'access-control' });
    const second = (await people.admin.get(`${API}/registered-devices?q=door&system=access-control&limit=1&cursor=${first.nextCursor}`)).body;
    expect(ids(second)).toEqual(['door-b2']);
    expect(second.nextCursor).toBeNull();
    // By the zone's name: the car park's devices.
    const carPark = (await people.admin.get(`${API}/registered-devices?q=${encodeURIComponent('车库')}`)).body;
    expect(ids(carPark)).toEqual(expect.arrayContaining(['cam-car-park', 'pir-car-park']));
    expect(carPark.items.every((item: { zoneId: string }) => item.zoneId === 'z-car-park')).toBe(true);
    expect(ids((await people.admin.get(`${API}/registered-devices?zoneId=z-main-gate&system=network`)).body)).toEqual(['switch-core']);
    expectProblem(await people.admin.get(`${API}/registered-devices?system=toaster`), 400, 'request.query-invalid', 'query.system');
    expectProblem(await people.monitor.get(`${API}/registered-devices`), 403, 'auth.needs-role');
  }, 60_000);
});
