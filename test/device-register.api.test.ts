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
import { dataChangeHistory, dataChanges, deviceHealth, tasks } from '../db/schema';
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
    expect(registered.body).toEqual({ deviceId, name: '花园摄像机 Garden camera', zoneId: 'z-b2-lobby', system: 'cctv', baseUrl: connection.baseUrl, username: 'admin', cameraChannel: 1, health: 'unknown', lastSeenAt: null });
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
