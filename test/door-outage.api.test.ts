/**
 * Revocation never gives up silently (P4.2b): a door taken off the network in the device simulator is
 * retried until it answers, each door on its own; the person's record shows the credential pending there;
 * the security supervisor is told when it stays silent past the limit; the validity end stops the retries.
 * Face deletion logs each device's real result and retries the same way. Everything over the wire.
 */
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessRevocations, credentials, tasks, unitOwners } from '../db/schema';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { signIn, type HttpResponse, type SignedInClient } from './support/http-client';
import { eventually } from './support/poll';

const API = '/api/v1';
const FACE = `data:image/jpeg;base64,${Buffer.from('\xff\xd8\xff\xe0face-at-an-offline-door\xff\xd9', 'latin1').toString('base64')}`;

let stack: DeviceTestStack;
const started: string[] = [];

interface DeviceState {
  users: Array<{ employeeNo: string; pin: string | null }>;
  cards: Array<{ cardNo: string; employeeNo: string }>;
  faces: Array<{ employeeNo: string }>;
}
const sim = {
  state: (deviceId: string) => stack.simulator.control('GET', `/_sim/devices/${deviceId}/state`) as Promise<DeviceState>,
  unplug: (deviceId: string) => stack.simulator.control('POST', `/_sim/devices/${deviceId}/unplug`),
  plugIn: (deviceId: string) => stack.simulator.control('POST', `/_sim/devices/${deviceId}/plug-in`),
};
const cardsOn = async (deviceId: string, personId: string) => (await sim.state(deviceId)).cards.filter((card) => card.employeeNo === personId).map((card) => card.cardNo);
const faceOn = async (deviceId: string, personId: string) => (await sim.state(deviceId)).faces.some((face) => face.employeeNo === personId);

beforeAll(async () => {
  stack = await startDeviceTestStack();
  // Seconds, not minutes: two quick tries, then at most a second between tries; the supervisor is told after 3 s.
  stack.ctx.settings.accessControl.deviceRetry = { maximumAttempts: 2, initialIntervalMs: 500 };
  stack.ctx.settings.accessControl.doorOutage = { maximumIntervalMs: 1000, alertAfterMs: 3000 };
});
afterEach(async () => {
  for (const door of ['door-b1', 'door-b2']) await sim.plugIn(door);
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

async function startedProcess(response: HttpResponse): Promise<string> {
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return response.body.workflowId as string;
}

const resultOf = <T>(workflowId: string) => stack.client.workflow.getHandle(workflowId).result() as Promise<T>;
const isRunning = async (workflowId: string) => (await stack.client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';

async function enrol(http: SignedInClient, personId: string, credential: Record<string, unknown>, validUntil?: Date) {
  const response = await http.post(`${API}/access/people/${personId}/credentials`, { credentialId: randomUUID(), credential, validUntil: validUntil?.toISOString() });
  const workflowId = await startedProcess(response);
  const outcome = await resultOf<{ status: string; enrolled: string[] }>(workflowId);
  return { credentialId: response.body.credentialId as string, outcome };
}

interface DeviceRow {
  deviceId: string;
  state: string;
  lastError: string | null;
  attempts: number;
  pendingSince: string | null;
}
async function devicesOf(http: SignedInClient, personId: string, credentialId: string): Promise<{ status: string; devices: DeviceRow[] }> {
  const detail = await http.get(`${API}/access/people/${personId}`);
  expect(detail.status, JSON.stringify(detail.body)).toBe(200);
  return detail.body.credentials.find((row: { id: string }) => row.id === credentialId);
}

/** The security supervisor's open task about a door of this process, as the worklist shows it. */
async function doorTask(secsup: SignedInClient, workflowId: string) {
  const listed = await secsup.get(`${API}/tasks?step=checkOfflineDoor`);
  expect(listed.status, JSON.stringify(listed.body)).toBe(200);
  return (listed.body.items as Array<{ id: string; workflowId: string; title: string; candidateRoles: string[] }>).find((task) => task.workflowId === workflowId);
}

describe('a move-out while a door is off the network (P4.2b)', () => {
  it('revokes at once on the door that answers, shows the other pending, tells the supervisor, and revokes there once it is back', async () => {
    const [manager, secsup, guard] = await Promise.all(['manager', 'secsup', 'guard1'].map((name) => signIn(stack.baseUrl, name)));
    // Zhang also owns a flat in building 2, so both doors hold his card.
    await stack.db.insert(unitOwners).values({ unitId: 'b2-101', ownerId: 'o-zhang' });
    const card = await enrol(manager, 'ap-zhang', { kind: 'card', cardNo: '4201' });
    expect(card.outcome).toMatchObject({ status: 'active', enrolled: ['door-b1', 'door-b2'] });
    expect(await cardsOn('door-b2', 'ap-zhang')).toEqual(['4201']);

    expect(await sim.unplug('door-b2')).toEqual({ online: false, reachable: false });
    const workflowId = await startedProcess(await manager.post(`${API}/access/people/ap-zhang/leave`, { requestId: randomUUID(), reason: 'moved-out' }));

    // The door that answers loses the card at once; the silent one is shown pending, with why.
    await eventually(async () => ((await cardsOn('door-b1', 'ap-zhang')).length === 0 ? true : undefined));
    const pending = await eventually(async () => {
      const row = await devicesOf(guard, 'ap-zhang', card.credentialId);
      return row.devices.find((device) => device.deviceId === 'door-b2')?.state === 'revoke-pending' ? row : undefined;
    });
    expect(pending.status).toBe('revoking');
    expect(pending.devices.find((device) => device.deviceId === 'door-b1')).toMatchObject({ state: 'revoked' });
    const b2 = pending.devices.find((device) => device.deviceId === 'door-b2')!;
    expect(b2.attempts).toBeGreaterThanOrEqual(1);
    expect(b2.pendingSince).not.toBeNull();
    expect(b2.lastError).toMatch(/door-b2|127\.0\.0\.1/);

    // Past the limit the security supervisor is told which door still holds whose card; the retries go on.
    const task = await eventually(() => doorTask(secsup, workflowId));
    expect(task.title).toContain('张明 Zhang Ming');
    // The door by its name: the worklist names the device the title refers to.
    expect(task.title).toContain('B2 door controller');
    expect(task.candidateRoles).toEqual(['security-supervisor']);
    const view = await secsup.get(`${API}/tasks/${task.id}`);
    expect(view.body.context).toMatchObject({ personId: 'ap-zhang', deviceId: 'door-b2', credentialKinds: ['card'], reason: 'moved-out' });
    expect(await doorTask(guard, workflowId)).toBeUndefined();
    expect(await isRunning(workflowId)).toBe(true);
    expect(await cardsOn('door-b2', 'ap-zhang')).toEqual(['4201']);

    // The door comes back: the card leaves it, the process ends revoked, and the task leaves the worklist.
    await sim.plugIn('door-b2');
    expect(await resultOf(workflowId)).toEqual({ credentialsRevoked: 1, failed: [], visitorPassesEnded: [] });
    expect(await cardsOn('door-b2', 'ap-zhang')).toEqual([]);
    // The person's entry goes from both doors once neither holds anything of theirs, the late one included.
    for (const door of ['door-b1', 'door-b2']) expect((await sim.state(door)).users.map((user) => user.employeeNo)).not.toContain('ap-zhang');
    const [row] = await stack.db.select().from(credentials).where(eq(credentials.id, card.credentialId));
    expect(row).toMatchObject({ status: 'revoked', revokedReason: 'moved-out' });
    const after = await devicesOf(guard, 'ap-zhang', card.credentialId);
    expect(after.devices.map((device) => [device.deviceId, device.state, device.pendingSince])).toEqual([
      ['door-b1', 'revoked', null],
      ['door-b2', 'revoked', null],
    ]);
    const [closed] = await stack.db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(closed).toMatchObject({ status: 'cancelled', result: { reason: 'the door answered: done there' } });
    expect(await doorTask(secsup, workflowId)).toBeUndefined();
    const [record] = await stack.db.select().from(accessRevocations).where(eq(accessRevocations.workflowId, workflowId));
    expect(record).toMatchObject({ reason: 'moved-out', credentialsRevoked: 1, devicesFailed: [] });
  });
});

describe('a door silent until the credential’s validity ends (P4.2b)', () => {
  it('stops retrying then and records it: the door lapsed, the credential expired, the supervisor’s task kept until acknowledged', async () => {
    const [admin, secsup] = await Promise.all(['admin', 'secsup'].map((name) => signIn(stack.baseUrl, name)));
    const card = await enrol(admin, 'ap-guard1', { kind: 'card', cardNo: '4301' }, new Date(Date.now() + 8_000));
    expect(card.outcome).toMatchObject({ status: 'active', enrolled: ['door-b1', 'door-b2'] });
    await sim.unplug('door-b2');
    const workflowId = await startedProcess(await admin.post(`${API}/access/people/ap-guard1/leave`, { requestId: randomUUID(), reason: 'left' }));
    const task = await eventually(() => doorTask(secsup, workflowId));

    // The validity ends: the row says so, while the process waits for someone to have read the task.
    const lapsed = await eventually(async () => {
      const [row] = await stack.db.select().from(credentials).where(eq(credentials.id, card.credentialId));
      return row.status === 'expired' ? row : undefined;
    }, 30_000);
    expect(lapsed.revokedReason).toBe('left');
    const b2 = (await devicesOf(admin, 'ap-guard1', card.credentialId)).devices.find((device) => device.deviceId === 'door-b2');
    expect(b2).toMatchObject({ state: 'lapsed', lastError: expect.stringMatching(/^no longer valid before the door answered/) });
    expect(await isRunning(workflowId)).toBe(true);

    expectTaskCompleted(await secsup.post(`${API}/tasks/${task.id}/complete`, { payload: { acknowledged: true, note: 'controller replaced next week' } }));
    const outcome = await resultOf<{ credentialsRevoked: number; failed: Array<{ deviceId: string; type: string; credentialId: string }> }>(workflowId);
    expect(outcome).toMatchObject({ credentialsRevoked: 0, failed: [{ deviceId: 'door-b2', type: 'ValidityEnded', credentialId: card.credentialId }] });
    expect(await cardsOn('door-b1', 'ap-guard1')).toEqual([]);
    const [record] = await stack.db.select().from(accessRevocations).where(eq(accessRevocations.workflowId, workflowId));
    expect(record).toMatchObject({ credentialsRevoked: 0, devicesFailed: ['door-b2'] });
  });
});

describe('a face deletion where one door is off the network (P4.2b; PIPL art. 47)', () => {
  it('logs that door failed with the reason, tells the supervisor, keeps retrying after the acknowledgement, and ends deleted once it is back', async () => {
    const [li, admin, secsup] = await Promise.all(['owner-li', 'admin', 'secsup'].map((name) => signIn(stack.baseUrl, name)));
    expect((await li.post(`${API}/access/people/ap-li/consent`, { method: 'self' })).status).toBe(201);
    await enrol(admin, 'ap-li', { kind: 'card', cardNo: '4401' });
    const face = await enrol(admin, 'ap-li', { kind: 'face', faceImage: FACE });
    expect(face.outcome).toMatchObject({ status: 'active', enrolled: ['door-b1'] });
    expect(await faceOn('door-b1', 'ap-li')).toBe(true);

    await sim.unplug('door-b1');
    const deletionId = randomUUID();
    const workflowId = await startedProcess(await li.post(`${API}/access/people/ap-li/face-deletions`, { deletionId }));
    const logged = async () => (await admin.get(`${API}/access/face-deletions`)).body.items.find((item: { id: string }) => item.id === deletionId);

    // Its real result per device: deleted where the door answered, failed with the reason where it did not.
    const failing = await eventually(async () => {
      const entry = await logged();
      return entry?.devices.length === 2 ? entry : undefined;
    });
    expect(failing.status).toBe('running');
    expect(failing.devices.find((device: { deviceId: string }) => device.deviceId === 'door-b2')).toMatchObject({ result: 'deleted', error: null });
    expect(failing.devices.find((device: { deviceId: string }) => device.deviceId === 'door-b1')).toMatchObject({ result: 'failed', error: expect.stringMatching(/door-b1|127\.0\.0\.1/) });
    // Steward's own copy does not wait for the door; the face credential shows the door still pending.
    const pending = await eventually(async () => {
      const row = await devicesOf(admin, 'ap-li', face.credentialId);
      return row.devices[0]?.state === 'revoke-pending' ? row : undefined;
    });
    expect(pending.status).toBe('revoking');
    const [stored] = await stack.db.select().from(credentials).where(eq(credentials.id, face.credentialId));
    expect(stored.secretId).toBeNull();

    // The supervisor acknowledges; the door is still retried.
    const task = await eventually(() => doorTask(secsup, workflowId));
    expect(task.title).toContain('B1 door controller');
    expectTaskCompleted(await secsup.post(`${API}/tasks/${task.id}/complete`, { payload: { acknowledged: true } }));
    const retried = (await logged()).devices.find((device: { deviceId: string }) => device.deviceId === 'door-b1').attempts;
    await eventually(async () => ((await logged()).devices.find((device: { deviceId: string }) => device.deviceId === 'door-b1').attempts > retried ? true : undefined));
    expect(await isRunning(workflowId)).toBe(true);

    await sim.plugIn('door-b1');
    expect(await resultOf(workflowId)).toEqual({ status: 'completed', deletedFrom: ['door-b1', 'door-b2'], failed: [], imagesErased: 1 });
    expect(await faceOn('door-b1', 'ap-li')).toBe(false);
    expect(await cardsOn('door-b1', 'ap-li')).toEqual(['4401']);
    const done = await logged();
    expect(done.status).toBe('completed');
    expect(done.devices.map((device: { deviceId: string; result: string; error: string | null }) => [device.deviceId, device.result, device.error])).toEqual([
      ['door-b1', 'deleted', null],
      ['door-b2', 'deleted', null],
    ]);
    expect(done.devices[0].attempts).toBeGreaterThan(2);
    const [revoked] = await stack.db.select().from(credentials).where(and(eq(credentials.id, face.credentialId), eq(credentials.kind, 'face')));
    expect(revoked).toMatchObject({ status: 'revoked', revokedReason: 'face deletion request' });
    expect((await devicesOf(admin, 'ap-li', face.credentialId)).devices).toMatchObject([{ deviceId: 'door-b1', state: 'revoked' }]);
  });
});

function expectTaskCompleted(response: HttpResponse) {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}
