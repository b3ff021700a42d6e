/**
 * P3.3a: the periodic assessment. Its Schedule (created once, its first run at once) reads every device's firmware
 * from the simulator, compares it with the releases suppliers registered and proposes upgrades for the tech
 * supervisor, weighed by open fault repairs and the age of what each device runs.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirmwareAssessmentSchedule, firmwareAssessmentScheduleId } from '../api/use-cases/upgrade-assessment';
import { deviceFirmware, notifications } from '../db/schema';
import { DEMO_DEVICES, simulatedDeviceUrl } from '../db/seed/demo-devices';
import { compareVersions } from '../domain/device-firmware';
import type { DeviceConnection } from '../integrations/devices/device-adapter';
import { IsapiAdapter } from '../integrations/devices/isapi-adapter';
import { sha256Hex, simulatedFirmware } from '../scripts/device-simulator/firmware-image';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { firmwareRelease, registerFirmware } from './support/firmware';
import { signIn, type SignedInClient } from './support/http-client';
import { eventually } from './support/poll';
import { expectProblem } from './support/problems';

const API = '/api/v1';
let stack: DeviceTestStack;
let techsup: SignedInClient;
let scheduleId: string;
const workflows: string[] = [];

beforeAll(async () => {
  stack = await startDeviceTestStack();
  techsup = await signIn(stack.baseUrl, 'techsup');
  scheduleId = firmwareAssessmentScheduleId(stack.ctx);
});
afterAll(async () => {
  await stack.client.schedule.getHandle(scheduleId).delete().catch(() => undefined);
  await Promise.all(workflows.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

interface Proposal {
  deviceId: string;
  currentVersion: string;
  releaseId: string;
  version: string;
  priority: string;
  openFaults: number;
  currentAgeDays: number | null;
}
const proposals = async () => (await techsup.get(`${API}/upgrade-proposals`)).body.items as Proposal[];

/** The runs the Schedule has started so far (terminated at the end, should one still run). */
async function runsOf(): Promise<number> {
  const described = await stack.client.schedule.getHandle(scheduleId).describe();
  workflows.push(...described.info.recentActions.map((action) => action.action.workflow.workflowId));
  return described.info.numActionsTaken;
}

describe('the periodic firmware assessment (P3.3a)', () => {
  it('compares versions as their numbers read', () => {
    expect(compareVersions('V5.10.0', 'V5.9.2')).toBe(1);
    expect(compareVersions('V5.7.3', 'V5.7.3')).toBe(0);
    expect(compareVersions('2.2.1', '2.2.1_build231107')).toBe(-1);
    expect(compareVersions('V1.4.0', 'V1.4.1-rc')).toBe(-1);
  });

  it('is a Schedule created once, whose first run reads every device and proposes the newest release for each older one: urgent with an open repair, due when what it runs is old', async () => {
    const cctv = await signIn(stack.baseUrl, 'vendor-cctv');
    const access = await signIn(stack.baseUrl, 'vendor-access-control');
    await registerFirmware(cctv, firmwareRelease('V5.7.3', ['camera'], { releasedOn: '2024-01-10' }));
    const cameras = await registerFirmware(cctv, firmwareRelease('V5.8.0', ['camera']));
    const doors = await registerFirmware(access, firmwareRelease('V2.3.0', ['door-controller']));
    // The barrier runs V1.4.0: a release older than that is no upgrade.
    await registerFirmware(access, firmwareRelease('V1.3.9', ['barrier']));
    // An open repair of the gate camera.
    const fault = await techsup.post(`${API}/faults`, {
      reportId: randomUUID(),
      occurredAt: new Date().toISOString(),
      location: { zoneId: 'z-main-gate', deviceId: 'cam-gate' },
      system: 'cctv',
      symptoms: 'Gate camera image flickers at night',
    });
    expect(fault.status, JSON.stringify(fault.body)).toBe(201);
    workflows.push(fault.body.workflowId);

    const handle = await ensureFirmwareAssessmentSchedule(stack.client, stack.taskQueue, stack.ctx.settings.upgradeAssessment, scheduleId);
    const created = await handle.describe();
    expect(created.spec.intervals?.[0]?.every).toBe(stack.ctx.settings.upgradeAssessment.intervalMs);
    // Ensured again (every start does): the same Schedule, not run again.
    await ensureFirmwareAssessmentSchedule(stack.client, stack.taskQueue, stack.ctx.settings.upgradeAssessment, scheduleId);
    const first = await eventually(async () => {
      const items = await proposals();
      return items.length === 6 ? items : undefined;
    }, 30_000);
    expect((await handle.describe()).info.createdAt).toEqual(created.info.createdAt);
    expect(await runsOf()).toBe(1);

    expect(first.map((proposal) => [proposal.deviceId, proposal.currentVersion, proposal.version, proposal.priority, proposal.openFaults])).toEqual([
      ['cam-gate', 'V5.7.3', 'V5.8.0', 'urgent', 1],
      ['cam-b1-lobby', 'V5.7.3', 'V5.8.0', 'due', 0],
      ['cam-b2-lobby', 'V5.7.3', 'V5.8.0', 'due', 0],
      ['cam-car-park', 'V5.7.3', 'V5.8.0', 'due', 0],
      ['door-b1', 'V2.2.1', 'V2.3.0', 'available', 0],
      ['door-b2', 'V2.2.1', 'V2.3.0', 'available', 0],
    ]);
    expect(first.find((proposal) => proposal.deviceId === 'cam-b1-lobby')).toMatchObject({ releaseId: cameras.id });
    expect(first.find((proposal) => proposal.deviceId === 'cam-b1-lobby')!.currentAgeDays).toBeGreaterThan(365);
    expect(first.find((proposal) => proposal.deviceId === 'door-b1')).toMatchObject({ releaseId: doors.id, currentAgeDays: null });
    // Every device was read, and the tech supervisor told.
    expect(await stack.db.select().from(deviceFirmware)).toHaveLength(DEMO_DEVICES.length);
    // The notification follows the proposals (the run's next activity).
    const told = await eventually(async () => {
      const rows = (await stack.db.select().from(notifications)).filter((row) => row.dedupeKey.endsWith('.proposals'));
      return rows.length ? rows : undefined;
    });
    expect(told.map((row) => [row.recipientRoles, row.message])).toEqual([[['tech-supervisor'], '固件评估：6 台设备有更新的固件可升级，其中 1 台有未结束的报修']]);
  });

  it('assesses again on demand: a newer release replaces the proposal, a device upgraded meanwhile drops out; only the tech supervisor asks for it', async () => {
    await registerFirmware(await signIn(stack.baseUrl, 'vendor-cctv'), firmwareRelease('V5.10.0', ['camera']));
    // door-b2 is upgraded by hand meanwhile.
    await stack.simulator.control('POST', '/_sim/devices/door-b2/firmware-faults', { flashMs: 100, rebootMs: 100 });
    const door = DEMO_DEVICES.find((device) => device.id === 'door-b2')!;
    const connection: DeviceConnection = { deviceId: door.id, baseUrl: simulatedDeviceUrl(stack.simulator.url, door.id), username: door.username, password: door.password, protocol: 'isapi' };
    const image = simulatedFirmware({ version: 'V2.3.0', models: ['door-controller'] });
    expect(await new IsapiAdapter().uploadFirmware(connection, { version: 'V2.3.0', bytes: image, sha256: sha256Hex(image) })).toBe('started');
    await eventually(async () => ((await stack.simulator.control('GET', '/_sim/devices/door-b2/state')).firmwareVersion === 'V2.3.0' ? true : undefined));

    expectProblem(await (await signIn(stack.baseUrl, 'tech1')).post(`${API}/upgrade-assessments`), 403, 'auth.needs-role');
    const response = await techsup.post(`${API}/upgrade-assessments`);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ scheduleId });
    const next = await eventually(async () => {
      const items = await proposals();
      return items.some((proposal) => proposal.version === 'V5.10.0') ? items : undefined;
    }, 30_000);
    expect(next.map((proposal) => [proposal.deviceId, proposal.version])).toEqual([
      ['cam-gate', 'V5.10.0'],
      ['cam-b1-lobby', 'V5.10.0'],
      ['cam-b2-lobby', 'V5.10.0'],
      ['cam-car-park', 'V5.10.0'],
      ['door-b1', 'V2.3.0'],
    ]);
    expect(await runsOf()).toBe(2);
  });
});
