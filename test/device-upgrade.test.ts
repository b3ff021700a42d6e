/**
 * P3.3a–b over the wire: plans drafted and approved through the API, upgrades run by the device-upgrade process
 * against the spawned device simulator (whose heartbeats reach the API's listener, so the health sweeper sees its
 * silences), each device's record read back from the database and the simulator's own state.
 */
import { createHash } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirmwareReleaseView } from '../contracts/upgrades';
import { alarmIncidents, attachments, backupDrills, backupRuns, deviceHealth, processInstances, processLinks, stepEvents } from '../db/schema';
import { DEMO_DEVICES, reportedModel, simulatedDeviceUrl } from '../db/seed/demo-devices';
import { openAttachmentContent } from '../db/sealed/records';
import { readDeviceFirmware } from '../domain/device-firmware';
import type { DeviceConnection } from '../integrations/devices/device-adapter';
import { IsapiAdapter } from '../integrations/devices/isapi-adapter';
import type { BackupOutcome } from '../workflows/backup/messages';
import { stewardBackupId, upgradeDrillId, type DeviceUpgradeOutcome } from '../workflows/device-upgrade/messages';
import { startBackupStack, type BackupStack } from './support/backup-stack';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { firmwareRelease, registerFirmware } from './support/firmware';
import { signIn, type SignedInClient } from './support/http-client';
import { eventually } from './support/poll';
import { approve, completeTask, deviceRows, draft, openStepTask, planRow, QUICK_FIRMWARE, TEST_UPGRADE_TIMINGS, upgradePlan } from './support/upgrade-scenarios';

let stack: DeviceTestStack;
let techsup: SignedInClient;
let manager: SignedInClient;
const vendors = new Map<string, SignedInClient>();
const workflows: string[] = [];
const adapter = new IsapiAdapter();

beforeAll(async () => {
  stack = await startDeviceTestStack({ heartbeatSeconds: 1 });
  stack.ctx.settings.upgrades = TEST_UPGRADE_TIMINGS;
  [techsup, manager] = await Promise.all(['techsup', 'manager'].map((username) => signIn(stack.baseUrl, username)));
  for (const system of ['cctv', 'access-control', 'intrusion-alarm', 'network', 'elevator-monitoring']) vendors.set(system, await signIn(stack.baseUrl, `vendor-${system}`));
  for (const device of DEMO_DEVICES) await faults(device.id, QUICK_FIRMWARE);
  // What every device runs, as the periodic assessment would have read it.
  expect((await readDeviceFirmware(stack.db)).unread).toEqual([]);
});
afterAll(async () => {
  await Promise.all(workflows.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const state = (deviceId: string) => stack.simulator.control('GET', `/_sim/devices/${deviceId}/state`);
const faults = (deviceId: string, body: Record<string, unknown>) => stack.simulator.control('POST', `/_sim/devices/${deviceId}/firmware-faults`, body);
const result = (workflowId: string) => stack.client.workflow.getHandle(workflowId).result() as Promise<DeviceUpgradeOutcome>;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function connection(deviceId: string): DeviceConnection {
  const device = DEMO_DEVICES.find((candidate) => candidate.id === deviceId)!;
  return { deviceId, baseUrl: simulatedDeviceUrl(stack.simulator.url, deviceId), username: device.username, password: device.password, protocol: 'isapi' };
}

const release = (system: string, version: string, models: Parameters<typeof firmwareRelease>[1]): Promise<FirmwareReleaseView> => registerFirmware(vendors.get(system)!, firmwareRelease(version, models));

async function started(plan: Parameters<typeof draft>[1]): Promise<string> {
  const workflowId = await draft(techsup, plan);
  workflows.push(workflowId);
  return workflowId;
}

const holder = (personId: string) => ({ personId, name: personId, validity: { from: '2026-01-01T00:00:00', until: '2027-12-31T23:59:59' } });

describe('device upgrades (P3.3b)', () => {
  it('two waves succeed: the canary, then two waves with a pause between them; every device reports the new version, was written once, its configuration backed up sealed with its SHA-256', async () => {
    const camera = await release('cctv', 'V5.8.0', ['camera']);
    const lift = await release('elevator-monitoring', 'V1.1.0', ['lift-monitor']);
    const deviceIds = ['cam-b1-lobby', 'cam-b2-lobby', 'cam-gate', 'cam-car-park', 'lift-b1'];
    const plan = upgradePlan({
      targets: [
        { model: reportedModel('camera'), releaseId: camera.id },
        { model: reportedModel('lift-monitor'), releaseId: lift.id },
      ],
      deviceIds,
      canaryDeviceId: 'cam-b1-lobby',
      waveSize: 2,
    });
    const workflowId = await started(plan);
    // The same draft again joins the same plan.
    expect(await draft(techsup, plan)).toBe(workflowId);
    expect((await planRow(stack.db, plan.planId)).status).toBe('in-review');
    await approve(stack.db, workflowId, techsup);

    expect(await result(workflowId)).toEqual({ status: 'completed', reason: 'done', upgraded: 5, rolledBack: 0, rollbackFailed: 0, skipped: 0, failedDevices: [] });
    for (const deviceId of deviceIds) {
      expect(await state(deviceId), deviceId).toMatchObject({ firmwareVersion: deviceId === 'lift-b1' ? 'V1.1.0' : 'V5.8.0', flashes: 1, online: true });
    }
    const rows = await deviceRows(stack.db, plan.planId);
    expect(rows.map((row) => [row.deviceId, row.wave, row.state, row.attempt, row.versionBefore, row.versionAfter])).toEqual([
      ['cam-b1-lobby', 0, 'upgraded', 1, 'V5.7.3', 'V5.8.0'],
      ['cam-b2-lobby', 1, 'upgraded', 1, 'V5.7.3', 'V5.8.0'],
      ['cam-gate', 1, 'upgraded', 1, 'V5.7.3', 'V5.8.0'],
      ['cam-car-park', 2, 'upgraded', 1, 'V5.7.3', 'V5.8.0'],
      ['lift-b1', 2, 'upgraded', 1, 'V1.0.8', 'V1.1.0'],
    ]);
    for (const row of rows) {
      expect((row.checks as Array<{ check: string; passed: boolean }>).map(({ check, passed }) => [check, passed])).toEqual([
        ['comes-back', true],
        ['version', true],
        ['heartbeat', true],
        ['functional', true],
      ]);
      expect(row.upgradeMs).toBeGreaterThan(0);
      // The backup: sealed (the stored text is not the file), and its SHA-256 is the file's.
      const [file] = await stack.db.select().from(attachments).where(eq(attachments.id, row.backupFileId!));
      expect(file).toMatchObject({ kind: 'device-configuration', recordId: `${plan.planId}/${row.deviceId}` });
      expect(file.dataKeyId).not.toBeNull();
      const opened = Buffer.from(await openAttachmentContent(stack.db, file), 'base64');
      expect(file.content).not.toBe(opened.toString('base64'));
      expect(sha256(opened)).toBe(row.backupSha256);
      expect(opened.toString('utf8')).toContain(`"deviceId":"${row.deviceId}"`);
    }
    // The second wave began after the first was verified and the pause had passed.
    const wave1End = Math.max(...rows.filter((row) => row.wave === 1).map((row) => row.finishedAt!.getTime()));
    const wave2Start = Math.min(...rows.filter((row) => row.wave === 2).map((row) => row.startedAt!.getTime()));
    expect(wave2Start - wave1End).toBeGreaterThanOrEqual(1_000);

    const planned = await planRow(stack.db, plan.planId);
    expect(planned).toMatchObject({ status: 'completed', needsManagement: false, approvals: [{ userId: techsup.user.id, role: 'tech-supervisor' }] });
    const events = await stack.db.select().from(stepEvents).where(eq(stepEvents.workflowId, workflowId));
    const visits = (stepId: string) => events.filter((event) => event.stepId === stepId && event.event === 'entered').length;
    expect([visits('testCanary'), visits('applyWave'), visits('verifyWave'), visits('pauseBetweenWaves'), visits('rollBackDevices'), visits('decideAfterFailure')]).toEqual([1, 2, 2, 1, 0, 0]);
    const [instance] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, workflowId));
    expect(instance.data).toMatchObject({ stepCounts: { testCanary: { upgraded: 1 }, verifyWave: { upgraded: 4 } }, deviceCounts: [{ state: 'upgraded', count: 5 }] });
    // The instance page: its diagram's steps badged with the devices' counts, which the data card does not list.
    const page = await techsup.get(`/api/v1/processes/${workflowId}`);
    expect(page.body.steps.verifyWave).toEqual({ status: 'completed', visits: 2, counts: { upgraded: 4 } });
    expect(page.body.steps.testCanary.counts).toEqual({ upgraded: 1 });
    expect(page.body.data.stepCounts).toBeUndefined();
    const listed = await techsup.get(`/api/v1/device-firmware`);
    expect(listed.body.items.find((device: { deviceId: string }) => device.deviceId === 'lift-b1')).toMatchObject({ firmwareVersion: 'V1.1.0', openPlanId: null });
  });

  it('a failing canary stops the plan with nothing else touched; its silence opens no fault repair during the window, and one once the plan has stopped', async () => {
    const camera = await release('cctv', 'V5.9.0', ['camera']);
    const network = await release('network', 'V3.1.0', ['network-switch']);
    await faults('switch-core', { ...QUICK_FIRMWARE, neverComesBack: true });
    const before = await Promise.all(['cam-b1-lobby', 'cam-b2-lobby'].map(state));
    const plan = upgradePlan({
      title: 'Core switch and lobby cameras',
      targets: [
        { model: reportedModel('network-switch'), releaseId: network.id },
        { model: reportedModel('camera'), releaseId: camera.id },
      ],
      deviceIds: ['switch-core', 'cam-b1-lobby', 'cam-b2-lobby'],
      canaryDeviceId: 'switch-core',
    });
    const workflowId = await started(plan);
    await approve(stack.db, workflowId, techsup);
    try {
      // The canary writes its image and never comes back: it goes down while the plan runs in its window.
      const health = async () => (await stack.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, 'switch-core')))[0];
      await eventually(async () => ((await health()).status === 'down' ? true : undefined), 20_000);
      expect((await planRow(stack.db, plan.planId)).status).toBe('running');

      const outcome = await result(workflowId);
      expect(outcome).toMatchObject({ status: 'stopped', reason: 'canary-failed', upgraded: 0, rolledBack: 0, rollbackFailed: 1, skipped: 2 });
      expect(outcome.failedDevices.map((failed) => [failed.deviceId, failed.state])).toEqual([['switch-core', 'rollback-failed']]);
      expect(outcome.failedDevices[0].error).toContain('comes-back');
      const rows = await deviceRows(stack.db, plan.planId);
      expect(rows.map((row) => [row.deviceId, row.state, row.uploadSentAt === null])).toEqual([
        ['switch-core', 'rollback-failed', false],
        ['cam-b1-lobby', 'skipped', true],
        ['cam-b2-lobby', 'skipped', true],
      ]);
      // Nothing else touched: the cameras were backed up, never sent an image.
      const after = await Promise.all(['cam-b1-lobby', 'cam-b2-lobby'].map(state));
      expect(after.map((camera) => [camera.firmwareVersion, camera.flashes])).toEqual(before.map((camera) => [camera.firmwareVersion, camera.flashes]));
      expect(await state('switch-core')).toMatchObject({ rebooting: true, flashes: 1 });

      // Down during the window, but its repair opened only once the plan had stopped.
      const { endedAt } = await planRow(stack.db, plan.planId);
      const repairId = await eventually(async () => (await health()).faultWorkflowId ?? undefined, 20_000);
      workflows.push(repairId);
      expect(repairId).toBe(`${stack.settings.workflowIdPrefix}fault-repair-device-switch-core-1`);
      const [repair] = await eventually(async () => {
        const found = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, repairId));
        return found.length ? found : undefined;
      });
      expect((await health()).statusSince.getTime()).toBeLessThan(endedAt!.getTime());
      expect(repair.startedAt.getTime()).toBeGreaterThanOrEqual(endedAt!.getTime());
      expect(await stack.db.select().from(processInstances).where(like(processInstances.workflowId, `${stack.settings.workflowIdPrefix}fault-repair-device-cam-%`))).toEqual([]);
    } finally {
      await faults('switch-core', QUICK_FIRMWARE);
      await stack.simulator.control('POST', '/_sim/devices/switch-core/plug-in');
    }
  });

  it('a device failing verification in wave 2 is rolled back (the simulator shows its old firmware and configuration) and the plan waits for the decision; retried, it is upgraded', async () => {
    const door = await release('access-control', 'V2.3.0', ['door-controller']);
    const doorBefore = await release('access-control', 'V2.2.1', ['door-controller']);
    const barrier = await release('access-control', 'V1.5.0', ['barrier']);
    const door1 = connection('door-b1');
    await adapter.enrolCredential(door1, { kind: 'card', holder: holder('p-before'), cardNo: '0030000001' });
    const configured = await state('door-b1');
    await faults('door-b1', { ...QUICK_FIRMWARE, reportsWrongVersion: true });
    const plan = upgradePlan({
      title: 'Door controllers and barrier',
      targets: [
        { model: reportedModel('door-controller'), releaseId: door.id, rollbackReleaseId: doorBefore.id },
        { model: reportedModel('barrier'), releaseId: barrier.id },
      ],
      deviceIds: ['door-b2', 'barrier-gate', 'door-b1'],
      canaryDeviceId: 'door-b2',
      waveSize: 1,
      maxFailures: 1,
      risk: 'medium',
    });
    const workflowId = await started(plan);
    // Access control: management approves after the tech supervisor.
    await approve(stack.db, workflowId, techsup, manager);

    // A card enrolled on the door after its backup: the rollback restores the configuration as it was saved.
    await eventually(async () => ((await deviceRows(stack.db, plan.planId)).find((row) => row.deviceId === 'door-b1')?.backupSha256 ? true : undefined));
    await adapter.enrolCredential(door1, { kind: 'card', holder: holder('p-after'), cardNo: '0030000002' });

    const decision = await openStepTask(stack.db, workflowId, 'decideAfterFailure', 60_000);
    expect(decision.candidateRoles).toEqual(['tech-supervisor']);
    expect(decision.context).toMatchObject({ wave: 2, failures: 1, maxFailures: 1, failedDevices: [{ deviceId: 'door-b1', state: 'rolled-back' }] });
    expect((decision.context as { failedDevices: Array<{ error: string }> }).failedDevices[0].error).toContain('version: reports V2.2.1, expected V2.3.0');
    expect((await planRow(stack.db, plan.planId)).status).toBe('paused');
    const rows = await deviceRows(stack.db, plan.planId);
    expect(rows.map((row) => [row.deviceId, row.wave, row.state])).toEqual([
      ['door-b2', 0, 'upgraded'],
      ['barrier-gate', 1, 'upgraded'],
      ['door-b1', 2, 'rolled-back'],
    ]);
    // A door controller's functional check: it opened on a remote command, and its report of it reached Steward.
    const canaryFunctional = (rows[0].checks as Array<{ check: string; passed: boolean; detail: string }>).find((check) => check.check === 'functional')!;
    expect(canaryFunctional).toMatchObject({ passed: true, detail: expect.stringMatching(/^opened on a remote command; its report arrived at /) });
    expect((await state('door-b2')).doorOpens).toEqual([expect.objectContaining({ door: 1 })]);
    const failed = rows[2];
    expect((failed.rollbackChecks as Array<{ check: string; passed: boolean }>).map(({ check, passed }) => [check, passed])).toEqual([
      ['comes-back', true],
      ['version', true],
      ['configuration', true],
      ['heartbeat', true],
      ['functional', true],
    ]);
    // The simulator: its old firmware, written once, and its configuration as backed up (the later card is gone).
    const restored = await state('door-b1');
    expect(restored).toMatchObject({ firmwareVersion: 'V2.2.1', flashes: 1 });
    expect(restored.cards).toEqual(configured.cards);
    expect(restored.users).toEqual(configured.users);
    expect(sha256(await adapter.exportConfiguration(door1))).toBe(failed.backupSha256);

    // Retried once its fault is gone: the next attempt sends the image again and passes.
    await faults('door-b1', QUICK_FIRMWARE);
    await completeTask(techsup, decision.id, { decision: 'retry', note: 'The vendor replaced the bad image' });
    expect(await result(workflowId)).toEqual({ status: 'completed', reason: 'done', upgraded: 3, rolledBack: 0, rollbackFailed: 0, skipped: 0, failedDevices: [] });
    expect(await state('door-b1')).toMatchObject({ firmwareVersion: 'V2.3.0', flashes: 2 });
    expect((await deviceRows(stack.db, plan.planId)).find((row) => row.deviceId === 'door-b1')).toMatchObject({ state: 'upgraded', attempt: 2, versionBefore: 'V2.2.1', versionAfter: 'V2.3.0' });
    expect((await planRow(stack.db, plan.planId)).approvals).toMatchObject([{ role: 'tech-supervisor' }, { userId: manager.user.id, role: 'management' }]);
  });

  it('an intrusion alarm of a device being upgraded is dispatched as ever during the window', async () => {
    const detector = await release('intrusion-alarm', 'V1.2.0', ['intrusion-detector']);
    await faults('pir-car-park', { flashMs: 3_000, rebootMs: 600 });
    const plan = upgradePlan({ title: 'Car park detector', targets: [{ model: reportedModel('intrusion-detector'), releaseId: detector.id }], deviceIds: ['pir-car-park'], canaryDeviceId: 'pir-car-park', risk: 'low' });
    const workflowId = await started(plan);
    await approve(stack.db, workflowId, techsup, manager);
    // Writing its image (still on the network): someone walks into the car park.
    await eventually(async () => ((await state('pir-car-park')).upgrade.upgrading ? true : undefined));
    expect((await stack.simulator.control('POST', '/_sim/devices/pir-car-park/alarm', { type: 'intrusion' })).delivered).toBe(1);
    const incidentId = `${stack.settings.workflowIdPrefix}alarm-z-car-park-intrusion-1`;
    workflows.push(incidentId);
    const dispatch = await openStepTask(stack.db, incidentId, 'dispatchGuard');
    expect(dispatch.candidateUsers.length).toBeGreaterThan(0);
    const incident = await eventually(async () => (await stack.db.select().from(alarmIncidents).where(and(eq(alarmIncidents.workflowId, incidentId), eq(alarmIncidents.status, 'dispatched'))))[0]);
    expect(incident).toMatchObject({ zoneId: 'z-car-park', alarmType: 'intrusion' });
    expect((await planRow(stack.db, plan.planId)).status).toBe('running');
    expect(await result(workflowId)).toMatchObject({ status: 'completed', upgraded: 1 });
    expect(await state('pir-car-park')).toMatchObject({ firmwareVersion: 'V1.2.0', flashes: 1 });
  });

});

describe("Steward's data backed up before an upgrade, a restore drill after it (P3.3b, P5.2b)", () => {
  // Its own stack on an archiving PostgreSQL 15 with pgBackRest, restic and a real off-site target: the backup tools.
  let backups: BackupStack;
  let tooled: DeviceTestStack;
  const startedIds: string[] = [];

  beforeAll(async () => {
    backups = await startBackupStack();
    tooled = await startDeviceTestStack({
      heartbeatSeconds: 1,
      env: { BACKUP_OFFSITE_URL: backups.offsite.url },
      stack: { database: { url: backups.url, db: backups.db, drop: async () => undefined }, backups: backups.settings },
    });
    tooled.ctx.settings.upgrades = TEST_UPGRADE_TIMINGS;
    for (const deviceId of ['cam-b1-lobby', 'cam-gate']) await tooled.simulator.control('POST', `/_sim/devices/${deviceId}/firmware-faults`, QUICK_FIRMWARE);
    await readDeviceFirmware(tooled.db);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(startedIds.map((workflowId) => tooled.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
    await tooled?.stop();
    await backups?.stop();
  });

  it('the backup step backs Steward up as a run of the backup process, recorded in the plan, before any device is written; once the plan ends a drill restores that backup', async () => {
    expect(tooled.ctx.settings.upgradeBacksUpSteward).toBe(true);
    const [supervisor, vendor] = await Promise.all([signIn(tooled.baseUrl, 'techsup'), signIn(tooled.baseUrl, 'vendor-cctv')]);
    const camera = await registerFirmware(vendor, firmwareRelease('V5.8.0', ['camera']));
    const plan = upgradePlan({ targets: [{ model: reportedModel('camera'), releaseId: camera.id }], deviceIds: ['cam-b1-lobby', 'cam-gate'], canaryDeviceId: 'cam-b1-lobby', waveSize: 1 });
    const workflowId = await draft(supervisor, plan);
    startedIds.push(workflowId, upgradeDrillId(plan.planId));
    await approve(tooled.db, workflowId, supervisor);
    const outcome = (await tooled.client.workflow.getHandle(workflowId).result()) as DeviceUpgradeOutcome;
    expect(outcome).toMatchObject({ status: 'completed', upgraded: 2, failedDevices: [] });

    // The plan names the backup it took; the backup is a succeeded run of the backup process, done before any upload.
    const backupId = stewardBackupId(plan.planId);
    const [run] = await tooled.db.select().from(backupRuns).where(eq(backupRuns.id, backupId));
    expect(run, run?.error ?? '').toMatchObject({ status: 'succeeded', requestedBy: '技术主管 王磊 Wang Lei' });
    expect(await planRow(tooled.db, plan.planId)).toMatchObject({ stewardBackupRunId: backupId, stewardBackupStatus: 'succeeded', drillId: upgradeDrillId(plan.planId) });
    const rows = await deviceRows(tooled.db, plan.planId);
    expect(run!.finishedAt!.getTime()).toBeLessThanOrEqual(Math.min(...rows.map((row) => row.startedAt!.getTime())));
    const [instance] = await tooled.db.select().from(processInstances).where(eq(processInstances.workflowId, backupId));
    expect(instance).toMatchObject({ process: 'backup', status: 'completed' });

    // The drill outlives the plan and restores the backup the plan took, every table equal.
    const drill = (await tooled.client.workflow.getHandle(upgradeDrillId(plan.planId)).result()) as BackupOutcome;
    expect(drill).toMatchObject({ kind: 'drill', status: 'succeeded', problems: [] });
    const [drilled] = await tooled.db.select().from(backupDrills).where(eq(backupDrills.id, upgradeDrillId(plan.planId)));
    expect(drilled).toMatchObject({ status: 'passed', backupRunId: backupId, mismatches: 0 });
    const links = await tooled.db.select().from(processLinks).where(eq(processLinks.fromWorkflowId, workflowId));
    expect(links.map((link) => [link.toWorkflowId, link.relation]).sort()).toEqual([
      [upgradeDrillId(plan.planId), 'drill'],
      [backupId, 'backup'],
    ]);
    expect((await supervisor.get(`/api/v1/upgrade-plans/${plan.planId}`)).body).toMatchObject({ stewardBackupRunId: backupId, stewardBackupStatus: 'succeeded', drillId: upgradeDrillId(plan.planId) });
  }, 300_000);
});

