import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradeDevices, upgradePlans } from '../db/schema';
import { reportedModel } from '../db/seed/demo-devices';
import { recordDeviceFirmware } from '../domain/device-firmware';
import { firmwareRelease, registerFirmware } from './support/firmware';
import { signIn, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { startApiTestStack, type ApiTestStack } from './support/stack';
import { upgradePlan } from './support/upgrade-scenarios';

/** P3.3a: a draft is checked against the devices' reported firmware, the releases and the other open plans before anything is written. */

const API = '/api/v1';
const CAMERA = reportedModel('camera');
let stack: ApiTestStack;
let techsup: SignedInClient;
const workflows: string[] = [];
let camera58: string;
let camera573: string;
let door: string;

beforeAll(async () => {
  stack = await startApiTestStack();
  techsup = await signIn(stack.baseUrl, 'techsup');
  // What the devices reported (the assessment's reading); lift-b1 has reported nothing yet.
  for (const deviceId of ['cam-b1-lobby', 'cam-b2-lobby', 'cam-gate']) await recordDeviceFirmware(stack.db, deviceId, { model: CAMERA, firmwareVersion: 'V5.7.3' });
  await recordDeviceFirmware(stack.db, 'cam-car-park', { model: CAMERA, firmwareVersion: 'V5.8.0' });
  await recordDeviceFirmware(stack.db, 'door-b1', { model: reportedModel('door-controller'), firmwareVersion: 'V2.2.1' });
  const cctv = await signIn(stack.baseUrl, 'vendor-cctv');
  camera58 = (await registerFirmware(cctv, firmwareRelease('V5.8.0', ['camera']))).id;
  camera573 = (await registerFirmware(cctv, firmwareRelease('V5.7.3', ['camera']))).id;
  door = (await registerFirmware(await signIn(stack.baseUrl, 'vendor-access-control'), firmwareRelease('V2.3.0', ['door-controller']))).id;
});
afterAll(async () => {
  await Promise.all(workflows.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const fields = (body: { errors?: Array<{ field: string; message: string }> }) => (body.errors ?? []).map((error) => error.field).sort();

describe('drafting an upgrade plan (P3.3a)', () => {
  it('refuses a plan naming each field at fault, and writes nothing', async () => {
    const plan = upgradePlan({
      targets: [
        { model: CAMERA, releaseId: camera58, rollbackReleaseId: door },
        { model: reportedModel('barrier'), releaseId: 'no-such-release' },
      ],
      deviceIds: ['cam-b1-lobby', 'cam-car-park', 'lift-b1', 'door-b1', 'no-such-device'],
      canaryDeviceId: 'cam-b1-lobby',
      windowStartsAt: new Date(Date.now() - 7_200_000).toISOString(),
      windowEndsAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const response = await techsup.post(`${API}/upgrade-plans`, plan);
    expectProblem(response, 422, 'upgrade.plan-invalid');
    expect(fields(response.body)).toEqual([
      'deviceIds.1', // already runs the target
      'deviceIds.2', // has not reported its firmware
      'deviceIds.3', // no target for its model
      'deviceIds.4', // no such device
      'targets.0.rollbackReleaseId', // a door's release for cameras
      'targets.1.releaseId', // no such release
      'windowEndsAt', // the window has closed
    ]);
    expect(await stack.db.select().from(upgradePlans).where(eq(upgradePlans.id, plan.planId))).toEqual([]);
    expect(await stack.db.select().from(upgradeDevices).where(eq(upgradeDevices.planId, plan.planId))).toEqual([]);
  });

  it('refuses bad shapes with a 400 naming the field: a canary not among the devices, a window ending before it starts, a device twice', async () => {
    const base = { targets: [{ model: CAMERA, releaseId: camera58 }], deviceIds: ['cam-b1-lobby'], canaryDeviceId: 'cam-b1-lobby' };
    expectProblem(await techsup.post(`${API}/upgrade-plans`, upgradePlan({ ...base, canaryDeviceId: 'cam-gate' })), 400, 'request.body-invalid', 'canaryDeviceId');
    expectProblem(await techsup.post(`${API}/upgrade-plans`, upgradePlan({ ...base, windowEndsAt: new Date(Date.now() - 60_000).toISOString() })), 400, 'request.body-invalid', 'windowEndsAt');
    expectProblem(await techsup.post(`${API}/upgrade-plans`, upgradePlan({ ...base, deviceIds: ['cam-b1-lobby', 'cam-b1-lobby'] })), 400, 'request.body-invalid', 'deviceIds');
    expectProblem(await techsup.post(`${API}/upgrade-plans`, upgradePlan({ ...base, waveSize: 0 })), 400, 'request.body-invalid', 'waveSize');
    expectProblem(await (await signIn(stack.baseUrl, 'tech1')).post(`${API}/upgrade-plans`, upgradePlan(base)), 403, 'auth.needs-role');
  });

  it('stores a plan with its devices in waves, the canary first; management approves one touching access control; a device is in one open plan at a time; the id is the plan', async () => {
    const plan = upgradePlan({
      targets: [
        { model: CAMERA, releaseId: camera58, rollbackReleaseId: camera573 },
        { model: reportedModel('door-controller'), releaseId: door },
      ],
      deviceIds: ['cam-b1-lobby', 'cam-b2-lobby', 'cam-gate', 'door-b1'],
      canaryDeviceId: 'cam-gate',
      waveSize: 2,
      windowStartsAt: new Date(Date.now() + 3_600_000).toISOString(),
      windowEndsAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    const response = await techsup.post(`${API}/upgrade-plans`, plan);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    workflows.push(response.body.workflowId);
    expect((await techsup.post(`${API}/upgrade-plans`, plan)).body).toEqual(response.body);
    expectProblem(await techsup.post(`${API}/upgrade-plans`, { ...plan, title: 'Another plan' }), 409, 'upgrade.id-taken', 'planId');

    const detail = (await techsup.get(`${API}/upgrade-plans/${plan.planId}`)).body;
    expect(detail).toMatchObject({ status: 'in-review', needsManagement: true, canaryDeviceId: 'cam-gate', deviceCount: 4, counts: [{ state: 'pending', count: 4 }] });
    expect(detail.targets).toEqual([
      { model: CAMERA, releaseId: camera58, version: 'V5.8.0', rollbackReleaseId: camera573, rollbackVersion: 'V5.7.3' },
      { model: reportedModel('door-controller'), releaseId: door, version: 'V2.3.0', rollbackReleaseId: null, rollbackVersion: null },
    ]);
    expect(detail.devices.map((device: { deviceId: string; wave: number; targetVersion: string }) => [device.deviceId, device.wave, device.targetVersion])).toEqual([
      ['cam-gate', 0, 'V5.8.0'],
      ['cam-b1-lobby', 1, 'V5.8.0'],
      ['cam-b2-lobby', 1, 'V5.8.0'],
      ['door-b1', 2, 'V2.3.0'],
    ]);
    expect((await techsup.get(`${API}/upgrade-plans`)).body.items.map((item: { id: string }) => item.id)).toContain(plan.planId);
    const devices = (await techsup.get(`${API}/device-firmware`)).body.items as Array<{ deviceId: string; openPlanId: string | null; firmwareVersion: string | null }>;
    expect(devices.find((device) => device.deviceId === 'cam-gate')).toMatchObject({ openPlanId: plan.planId, firmwareVersion: 'V5.7.3' });
    expect(devices.find((device) => device.deviceId === 'lift-b1')).toMatchObject({ openPlanId: null, firmwareVersion: null });

    const again = await techsup.post(`${API}/upgrade-plans`, upgradePlan({ planId: randomUUID(), targets: [{ model: CAMERA, releaseId: camera58 }], deviceIds: ['cam-gate'], canaryDeviceId: 'cam-gate' }));
    expectProblem(again, 422, 'upgrade.plan-invalid', 'deviceIds.0');
    expect(again.body.errors[0].message).toMatch(/another open plan/);
    expectProblem(await techsup.get(`${API}/upgrade-plans/${randomUUID()}`), 404, 'upgrade.unknown');
  });
});
