/**
 * An upgrade of a large estate: one device-upgrade plan for BENCH_DEVICES simulated cameras (default 200) in waves
 * of BENCH_WAVE_SIZE (default 20), run by the real worker against the device simulator over HTTP, with Steward's
 * default upgrade timings and the simulator's default firmware timing (2 s writing, 3 s rebooting).
 *
 *   npm run bench:upgrade
 *
 * Baseline, in the same process first: a plan of one camera (the canary alone). Figures: the total time of each
 * (approval to outcome), the ratio of the large plan's time to the baseline's times its waves (the canary and
 * each wave: 1.0 would be waves costing no more than one device does), and the process history's size (events,
 * bytes as Temporal stores it), against Temporal's own limits (50,000 events, 50 MB). Env: BENCH_DEVICES,
 * BENCH_WAVE_SIZE, BENCH_WAVE_PAUSE_SECONDS (default 5), BENCH_HEARTBEAT_SECONDS (the simulated devices', default 5).
 * The backup of Steward's data a plan takes before its devices is left out (UPGRADE_BACKS_UP_STEWARD off): bench:backups
 * measures what a backup costs.
 */
import proto from '@temporalio/proto';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { and, eq, sql } from 'drizzle-orm';
import { DeviceGateway } from '../api/devices/gateway';
import { installDeviceGateway } from '../api/devices/registry';
import { connectApiContext, listen } from '../api/server';
import type { UpgradePlanRequest } from '../contracts/upgrades';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../db/client';
import { deviceConnections, deviceHealth, devices, guardRoster, tasks, upgradeDevices } from '../db/schema';
import { sealDeviceSecrets } from '../db/sealed/records';
import { DEMO_PASSWORD, seedDemoCommunity } from '../db/seed/demo-community';
import { INSTALLED_FIRMWARE, reportedModel, simulatedDeviceUrl, type DemoDevice } from '../db/seed/demo-devices';
import { hashPushSecret } from '../db/seed/devices';
import { recordDeviceFirmware } from '../domain/device-firmware';
import { sha256Hex, simulatedFirmware } from '../scripts/device-simulator/firmware-image';
import { startDeviceSimulator } from '../scripts/device-simulator/simulator';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import type { DeviceUpgradeOutcome } from '../workflows/device-upgrade/messages';
import { bundleWorkflows, createStewardWorker } from '../worker/worker';
import { envNumber, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, scratchDir, sleep, startBenchDatabase, STEWARD_DEFAULTS, TEMPORAL_CLI } from './lib/common';
import { signIn } from './lib/open-loop';

const DEVICES = envNumber('BENCH_DEVICES', 200);
const WAVE_SIZE = envNumber('BENCH_WAVE_SIZE', 20);
const WAVE_PAUSE_SECONDS = envNumber('BENCH_WAVE_PAUSE_SECONDS', 5);
const HEARTBEAT_SECONDS = envNumber('BENCH_HEARTBEAT_SECONDS', 5);
/** Temporal's limits on one workflow's history (it warns at a fifth of them). */
const HISTORY_EVENT_LIMIT = 50_000;
const HISTORY_BYTE_LIMIT = 50 * 1024 * 1024;
const VERSION = 'V5.8.0';

const camera = (index: number): DemoDevice => ({
  id: `bench-cam-${String(index).padStart(3, '0')}`,
  model: 'camera',
  username: 'admin',
  password: `bench-cam-${index}-pw`,
  pushSecret: `bench-cam-${index}-push`,
  firmwareVersion: INSTALLED_FIRMWARE.camera,
});

/** The fleet as cameras of the demo community, in zones that have guards, their secrets sealed and their firmware as read. */
async function registerFleet(db: Database, fleet: DemoDevice[], simulatorUrl: string): Promise<void> {
  const zones = [...new Set((await db.select({ zoneId: guardRoster.zoneId }).from(guardRoster)).map((row) => row.zoneId))];
  await db.insert(devices).values(fleet.map((device, index) => ({ id: device.id, name: `Bench camera ${index}`, zoneId: zones[index % zones.length]!, system: 'cctv' as const })));
  for (const device of fleet) {
    const sealed = await sealDeviceSecrets(db, device.id, { password: device.password, pushKey: hashPushSecret(device.pushSecret) });
    await db.insert(deviceConnections).values({ deviceId: device.id, baseUrl: simulatedDeviceUrl(simulatorUrl, device.id), username: device.username, ...sealed });
    await recordDeviceFirmware(db, device.id, { model: reportedModel('camera'), firmwareVersion: device.firmwareVersion });
  }
  await db.insert(deviceHealth).values(fleet.map((device) => ({ deviceId: device.id }))).onConflictDoNothing();
}

async function post(baseUrl: string, cookie: string, route: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}/api/v1${route}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

interface PlanFigures {
  devices: number;
  waves: number;
  totalMs: number;
  outcome: DeviceUpgradeOutcome;
  historyEvents: number;
  historyBytes: number;
  meanUpgradeMs: number;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log(`Upgrade of ${DEVICES} cameras in waves of ${WAVE_SIZE}, ${WAVE_PAUSE_SECONDS} s between waves. ${machineNote()}`);
  const dir = await scratchDir('steward-bench-upgrade-');
  const [temporalServer, database] = await Promise.all([startTemporalDevServer({ cli: TEMPORAL_CLI, dbFile: path.join(dir, 'temporal.sqlite'), log }), startBenchDatabase('steward_bench_upgrade')]);
  onCleanup('stop Temporal dev server', () => temporalServer.stop());
  const db = openDatabase(database.url, { max: 20 });
  onCleanup('close database', () => closeDatabase(db));
  await migrateDatabase(db);
  await seedDemoCommunity(db);

  const taskQueue = 'bench-upgrade';
  const nativeConnection = await NativeConnection.connect({ address: temporalServer.address });
  onCleanup('close worker connection', () => nativeConnection.close());
  // The devices' side only: the backup of Steward's data a plan takes first is bench:backups' to measure.
  const ctx = await connectApiContext(db, { address: temporalServer.address, namespace: 'default', taskQueue }, { ...STEWARD_DEFAULTS.api, upgradeBacksUpSteward: false });
  onCleanup('close API context', () => ctx.close());
  // The gateway hears the devices' heartbeats (verification waits for one after a reboot); nobody sweeps for silences.
  const gateway = installDeviceGateway(ctx, new DeviceGateway(ctx, { ...STEWARD_DEFAULTS.api.devices, staleAfterMs: 3_600_000, downAfterMs: 7_200_000 }));
  onCleanup('stop gateway', () => gateway.stop());
  const server = await listen(ctx, 0, '127.0.0.1');
  onCleanup('stop API server', () => new Promise<void>((resolve) => server.close(() => resolve())));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const worker = await createStewardWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, settings: STEWARD_DEFAULTS.worker.activities, workflowBundle: { code: (await bundleWorkflows()).code } });
  const workerRun = worker.run();
  onCleanup('stop worker', async () => {
    worker.shutdown();
    await workerRun;
  });

  const fleet = Array.from({ length: DEVICES + 1 }, (_, index) => camera(index));
  const simulator = await startDeviceSimulator({ devices: fleet, listenerUrl: `${baseUrl}/api/v1/device-events`, heartbeatSeconds: HEARTBEAT_SECONDS });
  onCleanup('stop simulator', () => simulator.stop());
  await registerFleet(db, fleet, simulator.url);
  log(`${fleet.length} simulated cameras registered`);

  const [vendor, techsup] = await Promise.all([signIn(baseUrl, 'vendor-cctv', DEMO_PASSWORD), signIn(baseUrl, 'techsup', DEMO_PASSWORD)]);
  const image = simulatedFirmware({ version: VERSION, models: ['camera'] });
  const release = await post(baseUrl, vendor, '/firmware-releases', {
    releaseId: randomUUID(),
    version: VERSION,
    models: [reportedModel('camera')],
    releasedOn: '2026-11-20',
    notes: 'Bench release',
    fileName: `digicap-${VERSION}.dav`,
    file: image.toString('base64'),
    sha256: sha256Hex(image),
  });

  /** Drafts a plan of these cameras, approves it, and waits for its outcome; the time is approval to outcome. */
  async function runPlan(deviceIds: string[]): Promise<PlanFigures> {
    const plan: UpgradePlanRequest = {
      planId: randomUUID(),
      title: `Bench: ${deviceIds.length} cameras to ${VERSION}`,
      targets: [{ model: reportedModel('camera'), releaseId: String(release.id) }],
      deviceIds,
      canaryDeviceId: deviceIds[0]!,
      windowStartsAt: new Date(Date.now() - 1_000).toISOString(),
      windowEndsAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
      waveSize: WAVE_SIZE,
      maxFailures: 0,
      wavePauseSeconds: WAVE_PAUSE_SECONDS,
      risk: 'low',
      riskAssessment: 'Bench plan: simulated cameras only',
      rollbackPlan: 'Previous firmware and the saved configuration',
    };
    const { workflowId } = (await post(baseUrl, techsup, '/upgrade-plans', plan)) as { workflowId: string };
    let review: { id: string } | undefined;
    while (!review) {
      [review] = await db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, 'reviewPlan'), eq(tasks.status, 'open')));
      if (!review) await sleep(100);
    }
    const started = performance.now();
    await post(baseUrl, techsup, `/tasks/${encodeURIComponent(review.id)}/complete`, { payload: { decision: 'approved' } });
    const handle = ctx.temporal.workflow.getHandle(workflowId);
    const outcome = (await handle.result()) as DeviceUpgradeOutcome;
    const totalMs = performance.now() - started;
    const history = await handle.fetchHistory();
    const [{ mean }] = await db.select({ mean: sql<number>`avg(${upgradeDevices.upgradeMs})::float` }).from(upgradeDevices).where(eq(upgradeDevices.planId, plan.planId));
    return {
      devices: deviceIds.length,
      waves: 1 + Math.ceil((deviceIds.length - 1) / WAVE_SIZE),
      totalMs,
      outcome,
      historyEvents: history.events?.length ?? 0,
      historyBytes: proto.temporal.api.history.v1.History.encode(history).finish().byteLength,
      meanUpgradeMs: mean,
    };
  }

  log('Baseline: one camera');
  const baseline = await runPlan([fleet[0]!.id]);
  log(`Baseline done in ${fmt(baseline.totalMs / 1000)} s; now ${DEVICES} cameras`);
  const large = await runPlan(fleet.slice(1).map((device) => device.id));
  const flashes = [...simulator.devices.values()].filter((device) => device.flashes > 1).length;

  printTable(
    ['plan', 'devices', 'waves', 'outcome', 'upgraded', 'total (s)', 'mean device upgrade (s)', 'history events', 'history (kB)'],
    [baseline, large].map((figures, index) => [
      index === 0 ? 'baseline' : 'estate',
      figures.devices,
      figures.waves,
      `${figures.outcome.status} (${figures.outcome.reason})`,
      figures.outcome.upgraded,
      fmt(figures.totalMs / 1000),
      fmt(figures.meanUpgradeMs / 1000),
      figures.historyEvents,
      fmt(figures.historyBytes / 1024),
    ]),
  );
  const ratio = large.totalMs / (baseline.totalMs * large.waves);
  const pauses = (large.waves - 2) * WAVE_PAUSE_SECONDS;
  log(`Estate time / (baseline × ${large.waves} waves) = ${fmt(ratio, 2)}; of the estate's time ${pauses} s are the pauses between waves.`);
  log(`History: ${fmt((100 * large.historyEvents) / HISTORY_EVENT_LIMIT, 1)} % of Temporal's event limit, ${fmt((100 * large.historyBytes) / HISTORY_BYTE_LIMIT, 2)} % of its size limit; ${fmt(large.historyEvents / large.devices, 1)} events per device.`);
  log(`Devices written more than once: ${flashes}.`);
  const file = await saveResults('upgrade', { devices: DEVICES, waveSize: WAVE_SIZE, wavePauseSeconds: WAVE_PAUSE_SECONDS, baseline, large, ratio, flashedTwice: flashes, machine: machineNote() });
  log(`Results saved to ${file}`);
}

runBench(main);
