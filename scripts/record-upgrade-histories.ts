import type { AddressInfo } from 'node:net';
import type { SessionUser } from '../api/auth/session';
import type { ApiContext } from '../api/context';
import { DeviceGateway } from '../api/devices/gateway';
import { installDeviceGateway } from '../api/devices/registry';
import { listen } from '../api/server';
import { registerRelease } from '../api/use-cases/firmware-releases';
import { draftPlan } from '../api/use-cases/upgrades';
import { firmwareReleaseRequest, upgradePlanRequest } from '../contracts/upgrades';
import { pointDemoDevicesAt } from '../db/seed/devices';
import { readDeviceFirmware } from '../domain/device-firmware';
import { actor, complete } from '../test/support/fault-scenarios';
import { firmwareRelease } from '../test/support/firmware';
import { openStepTask, upgradePlan } from '../test/support/upgrade-scenarios';
import { reportedModel } from '../db/seed/demo-devices';
import { firmwareAssessment, type FirmwareAssessmentInput } from '../workflows/device-upgrade/definition';
import { startDeviceSimulator, type RunningSimulator } from './device-simulator/simulator';
import { recordHistories } from './history-recording';

const user = (id: string, roles: string[], vendorId: string | null = null): SessionUser => ({ id, username: id, displayName: id, roles, ownerId: null, vendorId });
const techsup = user('u-techsup', ['tech-supervisor']);

const register = async (ctx: ApiContext, version: string, models: Parameters<typeof firmwareRelease>[1], vendorId: string) =>
  (await registerRelease(ctx, techsup, firmwareReleaseRequest.parse(firmwareRelease(version, models, { vendorId })))).id;

/** The plans as first recorded: no backup of Steward's data (the scenario `steward-backed-up` takes one). */
const draft = (ctx: ApiContext, plan: Parameters<typeof upgradePlan>[0], backsUpSteward = false) =>
  draftPlan({ ...ctx, settings: { ...ctx.settings, upgradeBacksUpSteward: backsUpSteward } }, techsup, upgradePlanRequest.parse(upgradePlan(plan)));

/**
 * Records device-upgrade histories into test/replay/device-upgrade/ (npm run record-histories:upgrades): the plans
 * drafted and decided through the use cases, the devices the simulator's, their heartbeats through the listener;
 * then a round of the periodic assessment.
 */
recordHistories<{ simulator: RunningSimulator }>({
  taskQueue: 'record-upgrade-histories',
  setUp: async ({ ctx, db }) => {
    const gateway = installDeviceGateway(ctx, new DeviceGateway(ctx, ctx.settings.devices));
    const server = await listen(ctx, 0, '127.0.0.1');
    const simulator = await startDeviceSimulator({ listenerUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/device-events`, heartbeatSeconds: 0 });
    await pointDemoDevicesAt(db, simulator.url);
    await readDeviceFirmware(db);
    return {
      simulator,
      tearDown: async () => {
        await simulator.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await gateway.stop();
      },
    };
  },
  scenarios: {
    'device-upgrade/two-waves': async ({ ctx, client, db }) => {
      const release = await register(ctx, 'V5.8.0', ['camera'], 'v-cctv');
      const { workflowId } = await draft(ctx, {
        targets: [{ model: reportedModel('camera'), releaseId: release }],
        deviceIds: ['cam-b1-lobby', 'cam-b2-lobby', 'cam-gate'],
        canaryDeviceId: 'cam-b1-lobby',
        waveSize: 1,
      });
      await complete(client, workflowId, (await openStepTask(db, workflowId, 'reviewPlan')).id, actor('techsup'), { decision: 'approved' });
      await client.workflow.getHandle(workflowId).result();
      return workflowId;
    },
    'device-upgrade/rolled-back-then-aborted': async ({ ctx, client, db, simulator }) => {
      const release = await register(ctx, 'V2.3.0', ['door-controller'], 'v-access-control');
      const previous = await register(ctx, 'V2.2.1', ['door-controller'], 'v-access-control');
      simulator.devices.get('door-b1')!.firmwareFaults.reportsWrongVersion = true;
      const { workflowId } = await draft(ctx, {
        title: 'Door controllers V2.3.0',
        targets: [{ model: reportedModel('door-controller'), releaseId: release, rollbackReleaseId: previous }],
        deviceIds: ['door-b2', 'door-b1'],
        canaryDeviceId: 'door-b2',
        waveSize: 1,
        maxFailures: 1,
      });
      await complete(client, workflowId, (await openStepTask(db, workflowId, 'reviewPlan')).id, actor('techsup'), { decision: 'approved' });
      await complete(client, workflowId, (await openStepTask(db, workflowId, 'approvePlan')).id, actor('manager'), { decision: 'approved' });
      await complete(client, workflowId, (await openStepTask(db, workflowId, 'decideAfterFailure', 120_000)).id, actor('techsup'), { decision: 'abort', note: 'The vendor is asked for a fixed image' });
      await client.workflow.getHandle(workflowId).result();
      return workflowId;
    },
    'device-upgrade/rejected': async ({ ctx, client, db }) => {
      const release = await register(ctx, 'V1.1.0', ['lift-monitor'], 'v-elevator-monitoring');
      const { workflowId } = await draft(ctx, { title: 'Lift monitor V1.1.0', targets: [{ model: reportedModel('lift-monitor'), releaseId: release }], deviceIds: ['lift-b1'], canaryDeviceId: 'lift-b1' });
      await complete(client, workflowId, (await openStepTask(db, workflowId, 'reviewPlan')).id, actor('techsup'), { decision: 'rejected', reasons: 'Wait for the vendor’s next release' });
      await client.workflow.getHandle(workflowId).result();
      return workflowId;
    },
    // P3.3b, P5.2b: the plan backs Steward up first (a child run of the backup process) and starts a drill once it
    // ends. This worker has no backup tools: both runs fail and open their repairs, the plan goes on.
    'device-upgrade/steward-backed-up': async ({ ctx, client, db, taskQueue }) => {
      const release = await register(ctx, 'V3.1.0', ['network-switch'], 'v-network');
      const { workflowId } = await draft(
        { ...ctx, settings: { ...ctx.settings, backups: { ...ctx.settings.backups, toolsTaskQueue: taskQueue } } },
        { title: 'Core switch V3.1.0', targets: [{ model: reportedModel('network-switch'), releaseId: release }], deviceIds: ['switch-core'], canaryDeviceId: 'switch-core' },
        true,
      );
      await complete(client, workflowId, (await openStepTask(db, workflowId, 'reviewPlan')).id, actor('techsup'), { decision: 'approved' });
      await client.workflow.getHandle(workflowId).result();
      return workflowId;
    },
    // The periodic assessment (the Schedule's round), after the plans above: the door and the lift are proposed.
    'device-upgrade/assessment': async ({ client, taskQueue, config }) => {
      const workflowId = 'firmware-assessment-recorded';
      const input: FirmwareAssessmentInput = { maxAgeMs: config.api.upgradeAssessment.maxAgeMs };
      await client.workflow.start(firmwareAssessment.workflowType, { taskQueue, workflowId, args: [input] });
      return workflowId;
    },
  },
});
