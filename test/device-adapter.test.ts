import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceCommandError, type DeviceConnection } from '../integrations/devices/device-adapter';
import { IsapiAdapter } from '../integrations/devices/isapi-adapter';
import { DEMO_DEVICES, simulatedDeviceUrl } from '../db/seed/demo-devices';
import { spawnSimulator, type SimulatorProcess } from '../scripts/device-simulator/spawn';

let simulator: SimulatorProcess;
const adapter = new IsapiAdapter();

beforeAll(async () => {
  simulator = await spawnSimulator({ HEARTBEAT_SECONDS: '0', STEWARD_EVENTS_URL: 'http://127.0.0.1:9/unused' });
});
afterAll(async () => {
  await simulator?.stop();
});

function connection(deviceId: string, password?: string): DeviceConnection {
  const device = DEMO_DEVICES.find((candidate) => candidate.id === deviceId)!;
  return { deviceId, baseUrl: simulatedDeviceUrl(simulator.url, deviceId), username: device.username, password: password ?? device.password, protocol: 'isapi' };
}

const state = (deviceId: string) => simulator.control('GET', `/_sim/devices/${deviceId}/state`);
const holder = { personId: 'p-zhang', name: '张明', validity: { from: '2026-01-01T00:00:00', until: '2026-12-31T23:59:59' }, doors: [1] };

async function failure(promise: Promise<unknown>): Promise<DeviceCommandError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DeviceCommandError);
  return error as DeviceCommandError;
}

describe('ISAPI adapter against the simulator (Digest over real HTTP)', () => {
  it('enrols card, face, fingerprint and PIN with the validity window, and revokes each; deleting the person removes the rest', async () => {
    const door = connection('door-b1');
    await adapter.enrolCredential(door, { kind: 'card', holder, cardNo: '0012345678' });
    await adapter.enrolCredential(door, { kind: 'face', holder, faceImage: Buffer.from('jpeg bytes').toString('base64') });
    await adapter.enrolCredential(door, { kind: 'fingerprint', holder, fingerIndex: 2, template: Buffer.from('template').toString('base64') });
    await adapter.enrolCredential(door, { kind: 'pin', holder, pin: '2468' });
    // Enrolling again is harmless (an activity retry).
    await adapter.enrolCredential(door, { kind: 'card', holder, cardNo: '0012345678' });
    const enrolled = await state('door-b1');
    expect(enrolled.users).toEqual([{ employeeNo: 'p-zhang', name: '张明', beginTime: '2026-01-01T00:00:00', endTime: '2026-12-31T23:59:59', doorRight: '1', pin: '2468' }]);
    expect(enrolled.cards).toEqual([{ cardNo: '0012345678', employeeNo: 'p-zhang', cardType: 'normalCard' }]);
    expect(enrolled.faces).toEqual([{ employeeNo: 'p-zhang', bytes: 10 }]);
    expect(enrolled.fingerprints).toEqual([{ employeeNo: 'p-zhang', fingerPrintID: 2 }]);

    await adapter.deleteFace(door, 'p-zhang');
    await adapter.revokeCredential(door, { kind: 'card', personId: 'p-zhang', cardNo: '0012345678' });
    await adapter.revokeCredential(door, { kind: 'pin', personId: 'p-zhang' });
    // Revoking what the device no longer holds succeeds.
    await adapter.revokeCredential(door, { kind: 'card', personId: 'p-zhang', cardNo: '0012345678' });
    const revoked = await state('door-b1');
    expect(revoked.faces).toEqual([]);
    expect(revoked.cards).toEqual([]);
    expect(revoked.users[0].pin).toBeNull();
    expect(revoked.fingerprints).toHaveLength(1);
    await adapter.deletePerson(door, 'p-zhang');
    const gone = await state('door-b1');
    expect({ users: gone.users, fingerprints: gone.fingerprints }).toEqual({ users: [], fingerprints: [] });
  });

  it('opens a door, keeps plate lists, calls up a camera and takes a snapshot', async () => {
    await adapter.openDoor(connection('door-b2'), 1);
    expect((await state('door-b2')).doorOpens).toEqual([expect.objectContaining({ door: 1 })]);
    const barrier = connection('barrier-gate');
    await adapter.setPlate(barrier, { plate: '沪A12345', list: 'allow', validity: { from: '2026-01-01', until: '2026-06-30' } });
    await adapter.setPlate(barrier, { plate: '沪B99999', list: 'refuse' });
    await adapter.removePlate(barrier, '沪A12345');
    expect((await state('barrier-gate')).plates).toEqual([{ plate: '沪B99999', list: 'refuse' }]);
    const camera = connection('cam-gate');
    const callUp = await adapter.callUpCamera(camera);
    expect(callUp).toMatchObject({ deviceId: 'cam-gate', channel: 1, streamUrl: expect.stringMatching(/^rtsp:\/\/127\.0\.0\.1:554\/devices\/cam-gate\/Streaming\/Channels\/101$/) });
    const jpeg = await adapter.snapshot(camera);
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
  });

  it('searches the event log by serial-number range, page by page', async () => {
    // Offline, the detector only logs its events: this is about its log, not its pushes.
    await simulator.control('POST', '/_sim/devices/pir-car-park/disconnect');
    await simulator.control('POST', '/_sim/devices/pir-car-park/alarm', { repeat: 7 });
    const device = connection('pir-car-park');
    const first = await adapter.searchEvents(device, { fromSequence: 2, toSequence: 6, maxResults: 3 });
    expect(first).toMatchObject({ totalMatches: 5, more: true });
    expect(first.events.map((event) => event.sequence)).toEqual([2, 3, 4]);
    const second = await adapter.searchEvents(device, { fromSequence: 2, toSequence: 6, maxResults: 3, position: 3 });
    expect(second.more).toBe(false);
    expect(second.events.map((event) => event.sequence)).toEqual([5, 6]);
    expect(second.events[0]).toMatchObject({ eventType: 'intrusion', state: 'active', major: 1 });
  });

  it('fails typed: wrong password, a command the device does not support, an invalid enrolment, an unreachable device', async () => {
    expect((await failure(adapter.openDoor(connection('door-b1', 'wrong'), 1))).type).toBe('DeviceAuthFailed');
    const unsupported = await failure(adapter.openDoor(connection('cam-gate'), 1));
    expect(unsupported).toMatchObject({ type: 'DeviceRejected', status: 404 });
    const invalid = await failure(adapter.enrolCredential(connection('door-b1'), { kind: 'fingerprint', holder, fingerIndex: 11, template: 'eA==' }));
    expect(invalid).toMatchObject({ type: 'DeviceRejected', status: 400, message: 'door-b1 fingerprint set-up: badParameters: fingerPrintID must be 1–10' });
    const unreachable = await failure(adapter.openDoor({ ...connection('door-b1'), baseUrl: 'http://127.0.0.1:9/devices/door-b1' }, 1));
    expect(unreachable.type).toBe('DeviceUnreachable');
  });
});
