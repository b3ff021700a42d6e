/**
 * Recovery of the alarm outbox: an API died with alarms stored and not signalled; how long after the next API
 * starts is the last of them signalled to its incident?
 *
 *   npm run bench:alarm-recovery
 *
 * BENCH_PENDING alarms (default 1,000) are stored `pending` across every alarm device's zone, as a killed API
 * leaves them (their claims older than the lease), half as repeats of open incidents and half of zones with
 * none yet. Then a gateway starts with the default outbox settings and the time to the last one signalled is
 * taken, with each event counted once (the incidents' counts against the stored events). Env: BENCH_PENDING,
 * BENCH_DATABASE_URL.
 */
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { and, eq, sql } from 'drizzle-orm';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DeviceGateway } from '../api/devices/gateway';
import { connectApiContext } from '../api/server';
import { closeDatabase, migrateDatabase, openDatabase } from '../db/client';
import { alarmIncidents, deviceEvents, devices } from '../db/schema';
import { DEMO_DEVICES } from '../db/seed/demo-devices';
import { seedDemoCommunity } from '../db/seed/demo-community';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { bundleWorkflows, createStewardWorker } from '../worker/worker';
import { envNumber, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, scratchDir, sleep, startBenchDatabase, STEWARD_DEFAULTS, TEMPORAL_CLI } from './lib/common';

const PENDING = envNumber('BENCH_PENDING', 1_000);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log(`Alarm outbox recovery: ${PENDING} pending alarms. ${machineNote()}`);
  const dir = await scratchDir('steward-bench-recovery-');
  const [temporal, database] = await Promise.all([
    startTemporalDevServer({ cli: TEMPORAL_CLI, dbFile: path.join(dir, 'temporal.sqlite'), log }),
    startBenchDatabase('steward_bench_recovery'),
  ]);
  onCleanup('stop Temporal dev server', () => temporal.stop());
  const db = openDatabase(database.url, { max: 20 });
  onCleanup('close database', () => closeDatabase(db));
  await migrateDatabase(db);
  await seedDemoCommunity(db);
  const taskQueue = 'bench-recovery';
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const worker = await createStewardWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, settings: STEWARD_DEFAULTS.worker.activities, workflowBundle: { code: (await bundleWorkflows()).code } });
  const workerRun = worker.run();
  const ctx = await connectApiContext(db, { address: temporal.address, namespace: 'default', taskQueue }, STEWARD_DEFAULTS.api);
  onCleanup('stop worker and connections', async () => {
    worker.shutdown();
    await workerRun;
    await ctx.close();
    await nativeConnection.close();
  });
  const settings = { ...STEWARD_DEFAULTS.api.devices, staleAfterMs: 3_600_000, downAfterMs: 7_200_000 };

  // Half the zones already have an open incident (one alarm through a live gateway), half have none.
  const alarmDevices = DEMO_DEVICES.filter((device) => device.alarmType);
  const zones = new Map((await db.select({ id: devices.id, zoneId: devices.zoneId }).from(devices)).map((row) => [row.id, row.zoneId]));
  const live = new DeviceGateway(ctx, settings);
  const opened = alarmDevices.slice(0, Math.ceil(alarmDevices.length / 2));
  for (const device of opened) {
    const known = (await live.authenticate(device.id, device.pushSecret))!;
    await live.accept(known, { eventType: device.alarmType, eventState: 'active', serialNo: 1, dateTime: new Date().toISOString(), majorEventType: 1 }, 'http');
  }
  await live.stop();

  // What a killed API leaves: stored, pending, claimed long ago.
  const claimedAt = new Date(Date.now() - 3_600_000);
  const rows = Array.from({ length: PENDING }, (_, index) => {
    const device = alarmDevices[index % alarmDevices.length];
    const sequence = 2 + Math.floor(index / alarmDevices.length);
    const at = new Date(Date.now() - 60_000 + index);
    return {
      deviceId: device.id,
      sequence,
      kind: 'alarm' as const,
      type: device.alarmType!,
      state: 'active' as const,
      major: 1,
      minor: 0,
      occurredAt: at,
      receivedAt: at,
      source: 'http' as const,
      incidentWorkflowId: 'pending',
      claimedAt,
      raw: { serialNo: sequence },
    };
  });
  for (let start = 0; start < rows.length; start += 500) await db.insert(deviceEvents).values(rows.slice(start, start + 500));

  const gateway = new DeviceGateway(ctx, settings);
  const started = performance.now();
  gateway.start();
  onCleanup('stop gateway', () => gateway.stop());
  for (;;) {
    const [{ pending }] = await db.select({ pending: sql<number>`count(*)::int` }).from(deviceEvents).where(eq(deviceEvents.incidentWorkflowId, 'pending'));
    if (pending === 0) break;
    await sleep(20);
  }
  const recoveryMs = performance.now() - started;

  // Counted once: each incident's live count equals its stored active events.
  const incidents = await db.select().from(alarmIncidents);
  let mismatched = 0;
  for (const incident of incidents) {
    const [{ stored }] = await db
      .select({ stored: sql<number>`count(*)::int` })
      .from(deviceEvents)
      .where(and(eq(deviceEvents.incidentWorkflowId, incident.workflowId), eq(deviceEvents.state, 'active')));
    if (stored !== incident.repeatCount) mismatched += 1;
  }
  const counted = incidents.reduce((sum, incident) => sum + incident.repeatCount, 0);
  const expected = PENDING + opened.length;
  printTable(
    ['pending alarms', 'incidents', 'restart → last signalled ms', 'alarms/s', 'counted', 'expected', 'incidents miscounted'],
    [[PENDING, incidents.length, fmt(recoveryMs, 0), fmt((PENDING * 1000) / recoveryMs, 0), counted, expected, mismatched]],
  );
  log(`Zones: ${new Set(alarmDevices.map((device) => zones.get(device.id))).size}; outbox lease ${settings.outboxLeaseMs} ms, pass every ${settings.outboxEveryMs} ms.`);
  const file = await saveResults('alarm-recovery', { pending: PENDING, recoveryMs, incidents: incidents.length, counted, expected, mismatched, machine: machineNote() });
  log(`Raw results: ${file}`);
  if (counted !== expected || mismatched > 0) throw new Error(`counted ${counted} of ${expected}, ${mismatched} incidents miscounted`);
}

runBench(main);
