/**
 * P3.3b: the worker (a process of its own, as in production) killed in the middle of a wave. Each device step reads
 * the device and its record before acting, so the new worker carries the wave on without writing any image twice.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SessionUser } from '../api/auth/session';
import { draftPlan } from '../api/use-cases/upgrades';
import { tasks } from '../db/schema';
import { reportedModel } from '../db/seed/demo-devices';
import { readDeviceFirmware } from '../domain/device-firmware';
import type { DeviceUpgradeOutcome } from '../workflows/device-upgrade/messages';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { firmwareRelease, registerFirmware } from './support/firmware';
import { signIn, type SignedInClient } from './support/http-client';
import { eventually } from './support/poll';
import { spawnWorker, type StewardProcess } from './support/processes';
import { approve, deviceRows, TEST_UPGRADE_TIMINGS, upgradePlan } from './support/upgrade-scenarios';

const CAMERAS = ['cam-b1-lobby', 'cam-b2-lobby', 'cam-gate', 'cam-car-park'];

let stack: DeviceTestStack;
let techsup: SignedInClient;
let worker: StewardProcess | undefined;
const workflows: string[] = [];

beforeAll(async () => {
  stack = await startDeviceTestStack({ heartbeatSeconds: 1 });
  stack.ctx.settings.upgrades = TEST_UPGRADE_TIMINGS;
  techsup = await signIn(stack.baseUrl, 'techsup');
  expect((await readDeviceFirmware(stack.db, { deviceIds: CAMERAS })).unread).toEqual([]);
});
afterAll(async () => {
  await Promise.all(workflows.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await worker?.stop();
  await stack?.stop();
});

const state = (deviceId: string) => stack.simulator.control('GET', `/_sim/devices/${deviceId}/state`);

describe('device upgrades when the worker dies (P3.3b)', () => {
  it('the worker killed in the middle of a wave: no device is written twice, and the plan completes', async () => {
    const taskQueue = `upgrade-kill-${randomUUID()}`;
    const env = { DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: inject('temporalAddress'), TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'WARN' };
    worker = await spawnWorker(env);
    const camera = await registerFirmware(await signIn(stack.baseUrl, 'vendor-cctv'), firmwareRelease('V5.8.0', ['camera']));
    // Slow enough to write that the kill lands while the wave's devices are at it.
    for (const deviceId of CAMERAS) await stack.simulator.control('POST', `/_sim/devices/${deviceId}/firmware-faults`, { flashMs: 1_500, rebootMs: 600 });
    const before = new Map(await Promise.all(CAMERAS.map(async (deviceId) => [deviceId, (await state(deviceId)).flashes as number] as const)));
    const plan = upgradePlan({ title: 'Cameras to V5.8.0', targets: [{ model: reportedModel('camera'), releaseId: camera.id }], deviceIds: CAMERAS, canaryDeviceId: 'cam-gate', waveSize: 3 });
    // Started on the spawned worker's task queue.
    const user: SessionUser = { ...techsup.user, ownerId: null, vendorId: null };
    const { workflowId } = await draftPlan({ ...stack.ctx, taskQueue }, user, plan);
    workflows.push(workflowId);
    await approve(stack.db, workflowId, techsup);

    // The worker dies while the wave's devices write their images (each seen writing by its step).
    await eventually(async () => ((await deviceRows(stack.db, plan.planId)).filter((row) => row.wave === 1 && row.writingSeenAt).length === 3 ? true : undefined), 30_000);
    await worker.kill();
    worker = await spawnWorker(env);

    const outcome = (await stack.client.workflow.getHandle(workflowId).result()) as DeviceUpgradeOutcome;
    expect(outcome).toMatchObject({ status: 'completed', upgraded: 4, failedDevices: [] });
    for (const deviceId of CAMERAS) expect(await state(deviceId), deviceId).toMatchObject({ firmwareVersion: 'V5.8.0', flashes: before.get(deviceId)! + 1 });
    // The kill cut into the wave: some of its device steps were tried again by the new worker.
    const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
    const retried = (history.events ?? []).filter((event) => (event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect((await deviceRows(stack.db, plan.planId)).map((row) => [row.deviceId, row.state, row.attempt])).toEqual(['cam-gate', 'cam-b1-lobby', 'cam-b2-lobby', 'cam-car-park'].map((deviceId) => [deviceId, 'upgraded', 1]));
    expect(await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.status, 'open')))).toEqual([]);
  }, 120_000);
});
