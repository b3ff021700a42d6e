import { ApplicationFailure } from '@temporalio/activity';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES, simulatedDeviceUrl, type DemoDeviceModel } from '../db/seed/demo-devices';
import { asActivity } from '../integrations/devices/connections';
import { DeviceCommandError, type DeviceConnection, type FirmwareImage, type UpgradeStatus } from '../integrations/devices/device-adapter';
import { IsapiAdapter } from '../integrations/devices/isapi-adapter';
import { sha256Hex, simulatedFirmware } from '../scripts/device-simulator/firmware-image';
import { spawnSimulator, type SimulatorProcess } from '../scripts/device-simulator/spawn';
import { eventually } from './support/poll';

/**
 * The device side of upgrades and rollbacks (P3.3b) over the wire: the ISAPI adapter against the spawned
 * simulator, whose heartbeats land on a listener of this test's own, so a device's silence is observed.
 */

let simulator: SimulatorProcess;
let listener: Server;
const heartbeats: Array<{ deviceId: string; at: string }> = [];
const adapter = new IsapiAdapter();

beforeAll(async () => {
  listener = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const alert = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { eventType?: string; deviceID: string; dateTime: string };
      if (alert.eventType === 'heartBeat') heartbeats.push({ deviceId: alert.deviceID, at: alert.dateTime });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  simulator = await spawnSimulator({ HEARTBEAT_SECONDS: '200ms', STEWARD_EVENTS_URL: `http://127.0.0.1:${(listener.address() as AddressInfo).port}/events` });
});
afterAll(async () => {
  await simulator?.stop();
  await new Promise((resolve) => listener?.close(resolve));
});

function connection(deviceId: string): DeviceConnection {
  const device = DEMO_DEVICES.find((candidate) => candidate.id === deviceId)!;
  return { deviceId, baseUrl: simulatedDeviceUrl(simulator.url, deviceId), username: device.username, password: device.password, protocol: 'isapi' };
}

/** A firmware file as a supplier registers it: its version and the SHA-256 of the file. */
function release(version: string, models: DemoDeviceModel[], options: { declaredSha256?: string } = {}): FirmwareImage {
  const bytes = simulatedFirmware({ version, models, sha256: options.declaredSha256 });
  return { version, bytes, sha256: sha256Hex(bytes) };
}

const state = (deviceId: string) => simulator.control('GET', `/_sim/devices/${deviceId}/state`);
const faults = (deviceId: string, body: Record<string, unknown>) => simulator.control('POST', `/_sim/devices/${deviceId}/firmware-faults`, body);

async function failure(promise: Promise<unknown>): Promise<DeviceCommandError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DeviceCommandError);
  return error as DeviceCommandError;
}

/** What the device answers now: its firmware version, or the type of the failure. */
const probe = (device: DeviceConnection) =>
  adapter.deviceInfo(device).then(
    (info) => info.firmwareVersion,
    (error: unknown) => `failed: ${(error as DeviceCommandError).type}`,
  );

/** Waits until the device has been through a reboot it is now back from. */
const backFromReboot = (deviceId: string) => eventually(async () => ((await state(deviceId)).lastBootAt ? true : undefined));

/** Waits until the device is rebooting: off the air, its ISAPI unreachable. */
const rebooting = (deviceId: string) => eventually(async () => ((await state(deviceId)).rebooting ? true : undefined));

const holder = (personId: string) => ({ personId, name: personId, validity: { from: '2026-01-01T00:00:00', until: '2026-12-31T23:59:59' } });

describe('firmware upgrade and configuration over ISAPI (P3.3b)', () => {
  it('uploads an image that the device writes with rising progress, then reboots silent and unreachable, and comes back on the new version with a heartbeat', async () => {
    const camera = connection('cam-b1-lobby');
    await faults('cam-b1-lobby', { flashMs: 1_500, rebootMs: 1_500 });
    expect(await adapter.deviceInfo(camera)).toEqual({ model: 'Steward simulator camera', firmwareVersion: 'V5.7.3' });
    expect(await adapter.upgradeStatus(camera)).toEqual({ upgrading: false, percent: 0 });
    await eventually(async () => (heartbeats.some((beat) => beat.deviceId === 'cam-b1-lobby') ? true : undefined));

    const image = release('V5.8.0', ['camera']);
    expect(await adapter.uploadFirmware(camera, image)).toBe('started');
    // A retried upload while the device writes sends nothing.
    expect(await adapter.uploadFirmware(camera, image)).toBe('in-progress');

    // Progress until the device drops off the network to reboot.
    const statuses: UpgradeStatus[] = [];
    const silent = await eventually(() =>
      adapter.upgradeStatus(camera).then(
        (status) => void statuses.push(status),
        (error: unknown) => error,
      ),
    );
    expect(silent).toBeInstanceOf(DeviceCommandError);
    expect((silent as DeviceCommandError).type).toBe('DeviceUnreachable');
    expect(statuses.every((status) => status.upgrading)).toBe(true);
    const percents = statuses.map((status) => status.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.some((percent) => percent > 0 && percent < 100)).toBe(true);
    const during = await state('cam-b1-lobby');
    expect(during).toMatchObject({ rebooting: true, online: false, reachable: false, firmwareVersion: 'V5.7.3' });

    expect(await eventually(async () => ((await probe(camera)) === 'V5.8.0' ? 'V5.8.0' : undefined))).toBe('V5.8.0');
    const after = await state('cam-b1-lobby');
    expect(after).toMatchObject({ rebooting: false, online: true, firmwareVersion: 'V5.8.0', flashes: 1, upgrade: { upgrading: false, percent: 0 } });
    // Silent for the whole reboot (heartbeats every 200 ms otherwise), then heard from at once.
    const mine = heartbeats.filter((beat) => beat.deviceId === 'cam-b1-lobby');
    expect(mine.filter((beat) => beat.at >= during.rebootingSince && beat.at < after.lastBootAt)).toEqual([]);
    await eventually(async () => (heartbeats.some((beat) => beat.deviceId === 'cam-b1-lobby' && beat.at >= after.lastBootAt) ? true : undefined));
    // Uploading again once it runs the version writes nothing twice.
    expect(await adapter.uploadFirmware(camera, image)).toBe('installed');
    expect((await state('cam-b1-lobby')).flashes).toBe(1);
  });

  it('shows a device that comes back on the wrong version: its previous one, or another', async () => {
    await faults('cam-b2-lobby', { reportsWrongVersion: true, flashMs: 200, rebootMs: 300 });
    await faults('barrier-gate', { reportsWrongVersion: 'V1.4.1-rc', flashMs: 200, rebootMs: 300 });
    expect(await adapter.uploadFirmware(connection('cam-b2-lobby'), release('V5.8.0', ['camera']))).toBe('started');
    expect(await adapter.uploadFirmware(connection('barrier-gate'), release('V1.5.0', ['barrier']))).toBe('started');
    await backFromReboot('cam-b2-lobby');
    await backFromReboot('barrier-gate');
    expect(await adapter.deviceInfo(connection('cam-b2-lobby'))).toMatchObject({ firmwareVersion: 'V5.7.3' });
    expect(await adapter.deviceInfo(connection('barrier-gate'))).toMatchObject({ firmwareVersion: 'V1.4.1-rc' });
    expect(await state('cam-b2-lobby')).toMatchObject({ flashes: 1, online: true, rebooting: false });
  });

  it('shows a device whose new firmware never comes back: unreachable and silent after a twin with the same reboot time is back, until plugged in again on its previous firmware', async () => {
    await faults('cam-car-park', { neverComesBack: true, flashMs: 200, rebootMs: 300 });
    await faults('cam-gate', { flashMs: 200, rebootMs: 300 });
    const bricked = connection('cam-car-park');
    expect(await adapter.uploadFirmware(bricked, release('V5.8.0', ['camera']))).toBe('started');
    await rebooting('cam-car-park');
    expect(await adapter.uploadFirmware(connection('cam-gate'), release('V5.8.0', ['camera']))).toBe('started');
    await eventually(async () => ((await probe(connection('cam-gate'))) === 'V5.8.0' ? true : undefined));

    expect(await probe(bricked)).toBe('failed: DeviceUnreachable');
    const stuck = await state('cam-car-park');
    expect(stuck).toMatchObject({ rebooting: true, online: false, lastBootAt: null, firmwareVersion: 'V5.7.3' });
    expect(heartbeats.filter((beat) => beat.deviceId === 'cam-car-park' && beat.at >= stuck.rebootingSince)).toEqual([]);
    // Unreachable is a silence a process may wait out (retryable), unlike a refusal.
    const retried = await asActivity(() => adapter.deviceInfo(bricked)).catch((error: unknown) => error);
    expect(retried).toBeInstanceOf(ApplicationFailure);
    expect(retried).toMatchObject({ type: 'DeviceUnreachable', nonRetryable: false });

    await simulator.control('POST', '/_sim/devices/cam-car-park/plug-in');
    expect(await adapter.deviceInfo(bricked)).toMatchObject({ firmwareVersion: 'V5.7.3' });
  });

  it('refuses a reboot while it writes an image (busy, worth a retry), and reboots on command into the same firmware', async () => {
    await faults('switch-core', { flashMs: 1_000, rebootMs: 1_500 });
    const network = connection('switch-core');
    expect(await adapter.uploadFirmware(network, release('V3.1.0', ['network-switch']))).toBe('started');
    const busy = await failure(adapter.reboot(network));
    expect(busy).toMatchObject({ type: 'DeviceBadResponse', status: 503, code: 'deviceBusy' });
    await expect(asActivity(() => adapter.reboot(network))).rejects.toMatchObject({ type: 'DeviceBadResponse', nonRetryable: false });
    const upgraded = await eventually(async () => {
      const current = await state('switch-core');
      return current.lastBootAt ? current : undefined;
    });
    expect(upgraded).toMatchObject({ firmwareVersion: 'V3.1.0', flashes: 1 });

    await adapter.reboot(network);
    expect(await probe(network)).toBe('failed: DeviceUnreachable');
    const rebooted = await eventually(async () => {
      const current = await state('switch-core');
      return current.lastBootAt > upgraded.lastBootAt ? current : undefined;
    });
    expect(rebooted).toMatchObject({ firmwareVersion: 'V3.1.0', flashes: 1, online: true });
    expect(await probe(network)).toBe('V3.1.0');
  });

  it('restores an exported configuration: a card added and one removed after the export are undone, and the device reboots to load it', async () => {
    await faults('door-b1', { rebootMs: 1_500 });
    const door = connection('door-b1');
    await adapter.enrolCredential(door, { kind: 'card', holder: holder('p-li'), cardNo: '0010000001' });
    await adapter.enrolCredential(door, { kind: 'pin', holder: holder('p-wang'), pin: '1357' });
    const before = await state('door-b1');
    const exported = await adapter.exportConfiguration(door);

    await adapter.enrolCredential(door, { kind: 'card', holder: holder('p-zhao'), cardNo: '0010000002' });
    await adapter.revokeCredential(door, { kind: 'card', personId: 'p-li', cardNo: '0010000001' });
    await adapter.revokeCredential(door, { kind: 'pin', personId: 'p-wang' });
    const changed = await state('door-b1');
    expect(changed.cards).toEqual([{ cardNo: '0010000002', employeeNo: 'p-zhao', cardType: 'normalCard' }]);

    await adapter.importConfiguration(door, exported);
    expect(await probe(door)).toBe('failed: DeviceUnreachable');
    await eventually(async () => ((await probe(door)) === 'V2.2.1' ? true : undefined));
    const restored = await state('door-b1');
    expect({ users: restored.users, cards: restored.cards }).toEqual({ users: before.users, cards: before.cards });
    expect(restored.cards).toEqual([{ cardNo: '0010000001', employeeNo: 'p-li', cardType: 'normalCard' }]);
    expect(Buffer.from(await adapter.exportConfiguration(door)).equals(Buffer.from(exported))).toBe(true);
  });

  it('fails an import typed, leaving the device as it was: one it cannot apply, a damaged file, another model’s file', async () => {
    await faults('door-b2', { configImportFails: true });
    const door = connection('door-b2');
    const exported = await adapter.exportConfiguration(door);
    await adapter.enrolCredential(door, { kind: 'card', holder: holder('p-sun'), cardNo: '0020000001' });

    const failed = await failure(adapter.importConfiguration(door, exported));
    expect(failed).toMatchObject({ type: 'DeviceBadResponse', status: 500, code: 'importFailed', message: 'door-b2 configuration import: importFailed: the device could not apply the configuration' });
    const damaged = Buffer.from(exported);
    damaged[damaged.length - 2] ^= 0xff;
    await faults('door-b2', {});
    expect(await failure(adapter.importConfiguration(door, damaged))).toMatchObject({ type: 'DeviceRejected', status: 400, code: 'badConfigFile' });
    expect(await failure(adapter.importConfiguration(connection('barrier-gate'), exported))).toMatchObject({ type: 'DeviceRejected', status: 400, code: 'configDeviceMismatch' });
    // A refused file is final for a process; the device's own error may pass.
    await expect(asActivity(() => adapter.importConfiguration(door, damaged))).rejects.toMatchObject({ type: 'DeviceRejected', nonRetryable: true });

    const after = await state('door-b2');
    expect(after).toMatchObject({ rebooting: false, lastBootAt: null, cards: [{ cardNo: '0020000001', employeeNo: 'p-sun', cardType: 'normalCard' }] });
  });

  it('refuses firmware that is not what it claims, typed and not retried: a file altered after it was registered never leaves Steward; a corrupt or foreign image is refused by the device', async () => {
    const lift = connection('lift-b1');
    const registered = release('V1.1.0', ['lift-monitor']);
    const altered = { ...registered, bytes: Buffer.concat([Buffer.from(registered.bytes), Buffer.from('!')]) };
    const mismatch = await failure(adapter.uploadFirmware(lift, altered));
    expect(mismatch.type).toBe('FirmwareChecksumMismatch');
    expect(mismatch.message).toContain(`not the registered ${registered.sha256}`);
    await expect(asActivity(() => adapter.uploadFirmware(lift, altered))).rejects.toMatchObject({ type: 'FirmwareChecksumMismatch', nonRetryable: true });

    const corrupt = release('V1.1.0', ['lift-monitor'], { declaredSha256: sha256Hex(Buffer.from('another payload')) });
    expect(await failure(adapter.uploadFirmware(lift, corrupt))).toMatchObject({ type: 'DeviceRejected', status: 400, code: 'firmwareChecksumMismatch' });
    const foreign = release('V5.8.0', ['camera']);
    expect(await failure(adapter.uploadFirmware(lift, foreign))).toMatchObject({ type: 'DeviceRejected', status: 400, code: 'upgradePackageMismatch' });
    await expect(asActivity(() => adapter.uploadFirmware(lift, foreign))).rejects.toMatchObject({ type: 'DeviceRejected', nonRetryable: true });

    expect(await state('lift-b1')).toMatchObject({ firmwareVersion: 'V1.0.8', flashes: 0, rebooting: false, upgrade: { upgrading: false } });
  });
});
