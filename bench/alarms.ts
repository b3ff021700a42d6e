/**
 * Alarm throughput against the raw-engine baseline, in one run on one Temporal dev server:
 *
 *   npm run bench:alarms
 *
 * X0: highest sustained rate of the engine baseline (the 3-activity no-op workflow of bench/engine.ts).
 * X1: highest sustained rate of new alarms through the whole device path: the simulator process pushes
 *     an ISAPI alert per alarm (a new zone/type each time, so each opens an incident) to the listener,
 *     which deduplicates, stores, and signalWithStarts alarm linkage, which calls up cameras and creates
 *     the guard's dispatch task. A rate is sustained when p99 (first event accepted → dispatch task visible
 *     in the worklist table) stays under BENCH_MAX_P99_MS and ≥ 99 % of dispatches are visible 2 s after the
 *     last alarm. Then at X1/2: p50/p99 of that latency. Then a burst of 10 × (X1/2) alarm events/s for
 *     BENCH_BURST_SECONDS as repeats across every alarm device's zone (8 incidents): lost events, duplicate
 *     incidents, and the time until every repeat is counted. Each step also logs this process's CPU (API, gateway,
 *     worker, client) per workflow or incident, to see where the cost of an incident goes.
 *
 * Env: BENCH_ENGINE_RATES (10,20,40,80,160), BENCH_ALARM_RATES (5,10,20,40,80,160), BENCH_STEP_SECONDS (10),
 * BENCH_MAX_P99_MS (2000), BENCH_LATENCY_SECONDS (20), BENCH_BURST_SECONDS (60), BENCH_DATABASE_URL.
 */
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DeviceGateway } from '../api/devices/gateway';
import { installDeviceGateway } from '../api/devices/registry';
import { connectApiContext, listen } from '../api/server';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../db/client';
import { alarmIncidents, deviceEvents, tasks } from '../db/schema';
import { DEMO_DEVICES } from '../db/seed/demo-devices';
import { seedDemoCommunity } from '../db/seed/demo-community';
import { pointDemoDevicesAt } from '../db/seed/devices';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { spawnSimulator } from '../scripts/device-simulator/spawn';
import { bundleWorkflows, createStewardWorker } from '../worker/worker';
import { createEngineBenchActivities } from './engine-activities';
import { envList, envNumber, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, scratchDir, sleep, startBenchDatabase, STEWARD_DEFAULTS, summarize, TEMPORAL_CLI, type Summary } from './lib/common';

const ENGINE_RATES = envList('BENCH_ENGINE_RATES', [10, 20, 40, 80, 160]);
const ALARM_RATES = envList('BENCH_ALARM_RATES', [5, 10, 20, 40, 80, 160]);
const STEP_SECONDS = envNumber('BENCH_STEP_SECONDS', 10);
const MAX_P99_MS = envNumber('BENCH_MAX_P99_MS', 2000);
const LATENCY_SECONDS = envNumber('BENCH_LATENCY_SECONDS', 20);
const BURST_SECONDS = envNumber('BENCH_BURST_SECONDS', 60);
const GRACE_MS = 2000;
const ALARM_DEVICES = DEMO_DEVICES.filter((device) => device.alarmType).map((device) => device.id);

interface Step {
  rate: number;
  sent: number;
  latency: Summary;
  doneInGrace: number;
  sustained: boolean;
  /** CPU of this process (API, gateway, worker, client) per workflow or incident during the step, in ms. */
  cpuMsEach: number;
}

const quiet = { log: () => {}, trace: () => {}, debug: () => {}, info: () => {}, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };

/** Calls `fire(i)` `rate` times a second for `seconds`, on schedule (open loop): never waits for an answer. */
async function openLoop(rate: number, seconds: number, fire: (index: number) => void): Promise<number> {
  const total = Math.round(rate * seconds);
  const t0 = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = t0 + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    fire(index);
  }
  return total;
}

const sustainedBy = (latency: Summary, done: number, sent: number) => latency.p99 < MAX_P99_MS && done >= 0.99 * sent;
const cpuMsSince = (start: NodeJS.CpuUsage, items: number) => {
  const used = process.cpuUsage(start);
  return items ? (used.user + used.system) / 1000 / items : 0;
};

async function engineStep(client: Client, connection: NativeConnection, workflowsPath: string, rate: number): Promise<Step> {
  const taskQueue = `bench-engine-${rate}-${randomUUID().slice(0, 8)}`;
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: quiet });
  const worker = await Worker.create({ connection, namespace: 'default', taskQueue, workflowBundle: bundle, activities: createEngineBenchActivities() });
  const running = worker.run();
  const cpu = process.cpuUsage();
  const latencies: number[] = [];
  const pending: Array<Promise<void>> = [];
  let endAt = 0;
  let doneInGrace = 0;
  const sent = await openLoop(rate, STEP_SECONDS, (index) => {
    const started = performance.now();
    pending.push(
      client.workflow.execute('threeActivities', { taskQueue, workflowId: `${taskQueue}-${index}` }).then(
        () => {
          const now = performance.now();
          latencies.push(now - started);
          if (endAt === 0 || now <= endAt + GRACE_MS) doneInGrace += 1;
        },
        () => undefined,
      ),
    );
  });
  endAt = performance.now();
  await Promise.race([Promise.all(pending), sleep(30_000)]);
  const cpuMsEach = cpuMsSince(cpu, sent);
  worker.shutdown();
  await running;
  const latency = summarize(latencies);
  return { rate, sent, latency, doneInGrace, sustained: sustainedBy(latency, doneInGrace, sent), cpuMsEach };
}

/** Watches the worklist table for dispatch tasks, as a guard's screen would see them. */
function watchDispatches(db: Database): { seen: Map<string, number>; stop(): void } {
  const seen = new Map<string, number>();
  let since = new Date(Date.now() - 1000);
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const rows = await db
        .select({ workflowId: tasks.workflowId, createdAt: tasks.createdAt })
        .from(tasks)
        .where(and(eq(tasks.stepId, 'dispatchGuard'), gt(tasks.createdAt, since)));
      const now = Date.now();
      for (const row of rows) {
        if (!seen.has(row.workflowId)) seen.set(row.workflowId, now);
        if (row.createdAt.getTime() - 2000 > since.getTime()) since = new Date(row.createdAt.getTime() - 2000);
      }
      await sleep(20);
    }
  })();
  return { seen, stop: () => (stopped = true) };
}

async function alarmStep(db: Database, control: (path: string, body: unknown) => Promise<unknown>, rate: number, seconds: number, label: string): Promise<Step> {
  const watch = watchDispatches(db);
  const cpu = process.cpuUsage();
  const types: string[] = [];
  const sent = await openLoop(rate, seconds, (index) => {
    const type = `${label}-${index}`;
    types.push(type);
    void control(`/_sim/devices/${ALARM_DEVICES[index % ALARM_DEVICES.length]}/alarm`, { type, repeat: 1 }).catch(() => undefined);
  });
  const endAt = Date.now();
  await sleep(GRACE_MS);
  const doneAtGrace = [...watch.seen.entries()].filter(([workflowId, at]) => workflowId.includes(`-${label}-`) && at <= endAt + GRACE_MS).length;
  // Let this step's backlog drain (up to 60 s) so it does not weigh on the next step.
  for (let waited = 0; waited < 60_000 && [...watch.seen.keys()].filter((workflowId) => workflowId.includes(`-${label}-`)).length < sent; waited += 500) await sleep(500);
  watch.stop();
  const cpuMsEach = cpuMsSince(cpu, sent);
  // Accepted = the listener's receive time of the incident's first event (same clock as the watcher).
  const firsts = await db
    .select({ workflowId: deviceEvents.incidentWorkflowId, receivedAt: sql<string>`min(${deviceEvents.receivedAt})` })
    .from(deviceEvents)
    .where(inArray(deviceEvents.type, types))
    .groupBy(deviceEvents.incidentWorkflowId);
  const latencies = firsts.flatMap((row) => {
    const seenAt = row.workflowId ? watch.seen.get(row.workflowId) : undefined;
    return seenAt ? [seenAt - Date.parse(row.receivedAt)] : [];
  });
  const latency = summarize(latencies);
  return { rate, sent, latency, doneInGrace: doneAtGrace, sustained: sustainedBy(latency, doneAtGrace, sent), cpuMsEach };
}

async function ladder(rates: number[], step: (rate: number) => Promise<Step>, name: string): Promise<{ steps: Step[]; best: number }> {
  const steps: Step[] = [];
  let best = 0;
  let failed: number | null = null;
  for (const rate of rates) {
    const result = await step(rate);
    steps.push(result);
    log(`${name} ${rate}/s: p50 ${fmt(result.latency.p50, 0)} ms, p99 ${fmt(result.latency.p99, 0)} ms, ${result.doneInGrace}/${result.sent} in time, ${fmt(result.cpuMsEach, 1)} ms CPU each in this process → ${result.sustained ? 'sustained' : 'not sustained'}`);
    if (!result.sustained) {
      failed = rate;
      break;
    }
    best = rate;
  }
  if (failed !== null && best > 0) {
    const middle = Math.round((best + failed) / 2);
    if (middle > best && middle < failed) {
      const result = await step(middle);
      steps.push(result);
      log(`${name} ${middle}/s: p99 ${fmt(result.latency.p99, 0)} ms → ${result.sustained ? 'sustained' : 'not sustained'}`);
      if (result.sustained) best = middle;
    }
  }
  return { steps, best };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log(machineNote());
  const dir = await scratchDir('steward-bench-alarms-');
  const [temporal, database] = await Promise.all([
    startTemporalDevServer({ cli: TEMPORAL_CLI, dbFile: path.join(dir, 'temporal.sqlite'), log }),
    startBenchDatabase('steward_bench_alarms'),
  ]);
  onCleanup('stop Temporal dev server', () => temporal.stop());
  const db = openDatabase(database.url, { max: 20 });
  onCleanup('close database', () => closeDatabase(db));
  await migrateDatabase(db);
  await seedDemoCommunity(db);
  const connection = await Connection.connect({ address: temporal.address });
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  onCleanup('close connections', async () => {
    await nativeConnection.close();
    await connection.close();
  });
  const client = new Client({ connection });

  // X0: the raw engine, same server, same process.
  const engineWorkflows = fileURLToPath(new URL('./engine-workflows.ts', import.meta.url));
  const engine = await ladder(ENGINE_RATES, (rate) => engineStep(client, nativeConnection, engineWorkflows, rate), 'engine (3-activity no-op)');

  // X1: the device path, with the simulator as its own process.
  const taskQueue = 'bench-alarms';
  const ctx = await connectApiContext(db, { address: temporal.address, namespace: 'default', taskQueue }, STEWARD_DEFAULTS.api);
  const gateway = installDeviceGateway(ctx, new DeviceGateway(ctx, { ...STEWARD_DEFAULTS.api.devices, staleAfterMs: 3_600_000, downAfterMs: 7_200_000 }));
  const server = await listen(ctx, 0, '127.0.0.1');
  const worker = await createStewardWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, settings: STEWARD_DEFAULTS.worker.activities, workflowBundle: { code: (await bundleWorkflows()).code } });
  const workerRun = worker.run();
  const simulator = await spawnSimulator({ STEWARD_EVENTS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/device-events`, HEARTBEAT_SECONDS: '0' });
  onCleanup('stop device side', async () => {
    await simulator.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.stop();
    worker.shutdown();
    await workerRun;
    await ctx.close();
  });
  await pointDemoDevicesAt(db, simulator.url);
  const control = (pathname: string, body: unknown) => simulator.control('POST', pathname, body);
  let stepNo = 0;
  const alarms = await ladder(ALARM_RATES, (rate) => alarmStep(db, control, rate, STEP_SECONDS, `s${(stepNo += 1)}`), 'alarms (new incident each)');
  const x0 = engine.best;
  const x1 = alarms.best;

  const half = Math.max(1, Math.round(x1 / 2));
  const atHalf = await alarmStep(db, control, half, LATENCY_SECONDS, 'half');
  log(`at X1/2 = ${half}/s: accepted → dispatch visible p50 ${fmt(atHalf.latency.p50, 0)} ms, p99 ${fmt(atHalf.latency.p99, 0)} ms (n=${atHalf.latency.n})`);

  // Burst: 10 × X1/2 events/s as repeats across all alarm devices, each in its own zone/type incident.
  const burstRate = 10 * half;
  const perDevice = burstRate / ALARM_DEVICES.length;
  const repeat = Math.round(perDevice * BURST_SECONDS);
  log(`burst: ${burstRate} events/s for ${BURST_SECONDS} s (${repeat} repeats on each of ${ALARM_DEVICES.length} devices)…`);
  const burstStart = Date.now();
  const burstResults = (await Promise.all(
    ALARM_DEVICES.map((deviceId) => control(`/_sim/devices/${deviceId}/alarm`, { type: `burst-${deviceId}`, repeat, intervalMs: 1000 / perDevice })),
  )) as Array<{ sequences: number[]; delivered: number }>;
  const pushedAt = Date.now();
  const sentEvents = burstResults.reduce((total, result) => total + result.sequences.length, 0);
  const burstTypes = ALARM_DEVICES.map((deviceId) => `burst-${deviceId}`);
  let counted = 0;
  let drainedAt: number | null = null;
  while (Date.now() - pushedAt < 120_000) {
    const [row] = await db.select({ total: sql<number>`coalesce(sum(${alarmIncidents.repeatCount}), 0)::int` }).from(alarmIncidents).where(inArray(alarmIncidents.alarmType, burstTypes));
    counted = row.total;
    if (counted >= sentEvents) {
      drainedAt = Date.now();
      break;
    }
    await sleep(100);
  }
  const [stored] = await db.select({ n: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct (${deviceEvents.deviceId}, ${deviceEvents.sequence}))::int` }).from(deviceEvents).where(inArray(deviceEvents.type, burstTypes));
  const incidents = await db.select({ zoneId: alarmIncidents.zoneId, alarmType: alarmIncidents.alarmType, n: sql<number>`count(*)::int` }).from(alarmIncidents).where(inArray(alarmIncidents.alarmType, burstTypes)).groupBy(alarmIncidents.zoneId, alarmIncidents.alarmType);
  const burst = {
    ratePerSecond: burstRate,
    seconds: BURST_SECONDS,
    sentEvents,
    deliveredByDevices: burstResults.reduce((total, result) => total + result.delivered, 0),
    storedEvents: stored.n,
    lostEvents: sentEvents - stored.distinct,
    duplicateIncidents: incidents.reduce((total, group) => total + group.n - 1, 0),
    incidents: incidents.length,
    countedRepeats: counted,
    pushSeconds: (pushedAt - burstStart) / 1000,
    drainedSecondsAfterPush: drainedAt ? (drainedAt - pushedAt) / 1000 : null,
    drainedSecondsAfterBurstWindow: drainedAt ? Math.max(0, (drainedAt - burstStart) / 1000 - BURST_SECONDS) : null,
  };

  console.log('\n## Alarm throughput vs the engine baseline\n');
  printTable(['', 'highest sustained /s'], [
    ['X0 engine, 3-activity no-op workflow', x0],
    ['X1 alarms (each a new incident, through simulator → listener → workflow → worklist)', x1],
    ['X1 / X0 (target ≥ 0.8)', fmt(x0 ? x1 / x0 : Number.NaN, 2)],
  ]);
  console.log(`\nAt X1/2 = ${half} alarms/s: accepted → dispatch task visible p50 ${fmt(atHalf.latency.p50, 0)} ms, p99 ${fmt(atHalf.latency.p99, 0)} ms (target p99 ≤ 250 ms), n = ${atHalf.latency.n}`);
  console.log(`\nBurst: ${JSON.stringify(burst)}`);
  console.log(`\n${machineNote()}`);
  const file = await saveResults('alarms', { machine: machineNote(), engine, alarms, x0, x1, ratio: x0 ? x1 / x0 : null, atHalf, burst });
  log(`results in ${file}`);
}

runBench(main);
