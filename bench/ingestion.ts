/**
 * Ingestion of repeating device events: the highest sustained rate with nothing lost, over HTTP and over MQTT.
 *
 *   npm run bench:ingestion
 *
 * A fleet of BENCH_FLEET detectors (registered as devices in the demo zones, secrets sealed as for any device)
 * repeats alarms: each device one alarm type per step, so a step opens BENCH_FLEET incidents and every further
 * event is a repeat folded into its incident. The fleet runs in a process of its own (bench/lib/event-sender.ts)
 * and sends open loop at each rate for BENCH_STEP_SECONDS: over HTTP to the listener (ISAPI JSON, Basic auth),
 * then over MQTT QoS 1 through a broker of its own (or BENCH_MQTT_URL's) to the API's persistent-session subscriber. A rate
 * is sustained when every event was accepted (2xx / PUBACK), the fleet kept the schedule, and within
 * BENCH_GRACE_MS of the window's end every event is stored once and counted once in its incident.
 *
 * Env: BENCH_HTTP_RATES, BENCH_MQTT_RATES (250,500,750,1000,1250,1500,2000), BENCH_STEP_SECONDS (10), BENCH_FLEET (100),
 * BENCH_GRACE_MS (2000), BENCH_MQTT_URL (unset: a Mosquitto of the bench's own), BENCH_DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { inArray, sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DeviceGateway } from '../api/devices/gateway';
import { subscribeDeviceEvents } from '../api/devices/mqtt-subscriber';
import { installDeviceGateway } from '../api/devices/registry';
import { connectApiContext, listen } from '../api/server';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../db/client';
import { alarmIncidents, deviceConnections, deviceEvents, deviceHealth, devices, guardRoster } from '../db/schema';
import { sealDeviceSecrets } from '../db/sealed/records';
import { seedDemoCommunity } from '../db/seed/demo-community';
import { hashPushSecret } from '../db/seed/devices';
import { startOwnBroker } from '../scripts/dev-services/mosquitto';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { bundleWorkflows, createStewardWorker } from '../worker/worker';
import type { FleetDevice, SendCommand, SendReport } from './lib/event-sender';
import { envList, envNumber, envText, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, scratchDir, sleep, startBenchDatabase, STEWARD_DEFAULTS, TEMPORAL_CLI } from './lib/common';

const HTTP_RATES = envList('BENCH_HTTP_RATES', [250, 500, 750, 1000, 1250, 1500, 2000]);
const MQTT_RATES = envList('BENCH_MQTT_RATES', [250, 500, 750, 1000, 1250, 1500, 2000]);
const STEP_SECONDS = envNumber('BENCH_STEP_SECONDS', 10);
const FLEET = envNumber('BENCH_FLEET', 100);
const GRACE_MS = envNumber('BENCH_GRACE_MS', 2000);
/** Unset: a Mosquitto of the bench's own, queueing as deploy/mosquitto.conf does (the default drops past 1,000 queued). */
const MQTT_URL = envText('BENCH_MQTT_URL', '');
/** How long a step's backlog may take to drain before the next step starts. */
const DRAIN_LIMIT_MS = 60_000;

interface Step {
  transport: 'http' | 'mqtt';
  rate: number;
  send: SendReport;
  stored: number;
  counted: number;
  incidents: number;
  countedAtGrace: number;
  drainedSecondsAfterWindow: number | null;
  /** CPU of this process (API, gateway, worker) per event sent, from the send until drained. */
  cpuMsPerEvent: number;
  sustained: boolean;
}

/** The fleet as devices of the demo community: zones that have a guard roster, secrets sealed. */
async function registerFleet(db: Database): Promise<Array<Omit<FleetDevice, 'type'>>> {
  const zones = [...new Set((await db.select({ zoneId: guardRoster.zoneId }).from(guardRoster)).map((row) => row.zoneId))];
  const fleet = Array.from({ length: FLEET }, (_, index) => ({ id: `bench-detector-${index + 1}`, pushSecret: `bench-detector-${index + 1}-push`, zoneId: zones[index % zones.length] }));
  await db.insert(devices).values(fleet.map((device) => ({ id: device.id, name: device.id, zoneId: device.zoneId, system: 'intrusion-alarm' as const })));
  for (const device of fleet) {
    const sealed = await sealDeviceSecrets(db, device.id, { password: 'unused', pushKey: hashPushSecret(device.pushSecret) });
    await db.insert(deviceConnections).values({ deviceId: device.id, baseUrl: 'http://127.0.0.1:9/unused', username: 'admin', ...sealed });
  }
  await db.insert(deviceHealth).values(fleet.map((device) => ({ deviceId: device.id }))).onConflictDoNothing();
  return fleet.map(({ id, pushSecret }) => ({ id, pushSecret }));
}

function startSender(): { send(command: SendCommand): Promise<SendReport>; stop(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./lib/event-sender.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const replies: Array<(report: SendReport) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => replies.shift()?.(JSON.parse(line) as SendReport));
  return {
    send: (command) =>
      new Promise((resolve) => {
        replies.push(resolve);
        child.stdin!.write(`${JSON.stringify(command)}\n`);
      }),
    stop: () => {
      child.stdin!.end();
      child.kill('SIGTERM');
    },
  };
}

async function progress(db: Database, types: string[]): Promise<{ stored: number; counted: number; incidents: number }> {
  const [stored] = await db.select({ n: sql<number>`count(distinct (${deviceEvents.deviceId}, ${deviceEvents.sequence}))::int` }).from(deviceEvents).where(inArray(deviceEvents.type, types));
  const [counted] = await db
    .select({ total: sql<number>`coalesce(sum(${alarmIncidents.repeatCount}), 0)::int`, incidents: sql<number>`count(*)::int` })
    .from(alarmIncidents)
    .where(inArray(alarmIncidents.alarmType, types));
  return { stored: stored.n, counted: counted.total, incidents: counted.incidents };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log(machineNote());
  const dir = await scratchDir('steward-bench-ingestion-');
  const [temporal, database] = await Promise.all([
    startTemporalDevServer({ cli: TEMPORAL_CLI, dbFile: path.join(dir, 'temporal.sqlite'), log }),
    startBenchDatabase('steward_bench_ingestion'),
  ]);
  onCleanup('stop Temporal dev server', () => temporal.stop());
  const db = openDatabase(database.url, { max: 20 });
  onCleanup('close database', () => closeDatabase(db));
  await migrateDatabase(db);
  await seedDemoCommunity(db);
  const fleet = await registerFleet(db);
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  onCleanup('close worker connection', () => nativeConnection.close());

  const broker = MQTT_URL ? null : await startOwnBroker(path.join(dir, 'mosquitto'));
  if (broker) onCleanup('stop the broker', () => broker.stop());
  const mqttUrl = broker?.url ?? MQTT_URL;
  const taskQueue = 'bench-ingestion';
  const ctx = await connectApiContext(db, { address: temporal.address, namespace: 'default', taskQueue }, STEWARD_DEFAULTS.api);
  const settings = { ...STEWARD_DEFAULTS.api.devices, staleAfterMs: 3_600_000, downAfterMs: 7_200_000 };
  const gateway = installDeviceGateway(ctx, new DeviceGateway(ctx, settings));
  const server = await listen(ctx, 0, '127.0.0.1');
  const worker = await createStewardWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, settings: STEWARD_DEFAULTS.worker.activities, workflowBundle: { code: (await bundleWorkflows()).code } });
  const workerRun = worker.run();
  // A fresh client id and group per run: sessions left at the broker by an earlier run must not replay into this one.
  const mqtt = await subscribeDeviceEvents(
    gateway,
    { url: mqttUrl, clientId: `steward-bench-${hostname()}-${process.pid}`, sharedGroup: `steward-bench-${process.pid}`, connections: STEWARD_DEFAULTS.mqtt.connections },
    (line) => log(`[mqtt] ${line}`),
  );
  const sender = startSender();
  onCleanup('stop device side', async () => {
    sender.stop();
    await mqtt.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.stop();
    worker.shutdown();
    await workerRun;
    await ctx.close();
  });
  const listenerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/device-events`;

  let stepNo = 0;
  let firstSequence = 1;
  const step = async (transport: 'http' | 'mqtt', rate: number): Promise<Step> => {
    stepNo += 1;
    const stepDevices = fleet.map((device, index) => ({ ...device, type: `ingest-s${stepNo}-${index + 1}` }));
    const types = stepDevices.map((device) => device.type);
    const windowEndsAt = Date.now() + STEP_SECONDS * 1000;
    const cpuBefore = process.cpuUsage();
    const send = await sender.send({ transport, rate, seconds: STEP_SECONDS, devices: stepDevices, firstSequence, listenerUrl, mqttUrl, topicPrefix: settings.mqttTopicPrefix });
    firstSequence += Math.ceil(send.sent / fleet.length);
    const graceAt = windowEndsAt + GRACE_MS;
    if (Date.now() < graceAt) await sleep(graceAt - Date.now());
    const atGrace = await progress(db, types);
    let now = atGrace;
    let drainedAt: number | null = now.counted >= send.sent ? Date.now() : null;
    while (drainedAt === null && Date.now() < windowEndsAt + DRAIN_LIMIT_MS) {
      await sleep(100);
      now = await progress(db, types);
      if (now.counted >= send.sent) drainedAt = Date.now();
    }
    // This process's CPU (API, gateway, worker) per event, from the send to the drain: a figure the machine's load
    // changes far less than the latencies.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerEvent = (cpu.user + cpu.system) / 1000 / Math.max(1, send.sent);
    const onSchedule = send.seconds <= STEP_SECONDS * 1.1;
    const sustained = send.refused === 0 && onSchedule && atGrace.stored === send.sent && atGrace.counted === send.sent;
    const result: Step = {
      transport,
      rate,
      send,
      stored: now.stored,
      counted: now.counted,
      incidents: now.incidents,
      countedAtGrace: atGrace.counted,
      drainedSecondsAfterWindow: drainedAt === null ? null : Math.max(0, (drainedAt - windowEndsAt) / 1000),
      cpuMsPerEvent,
      sustained,
    };
    log(
      `${transport} ${rate}/s: ${send.accepted}/${send.sent} accepted (refused ${JSON.stringify(send.refusals)}) in ${fmt(send.seconds, 1)} s (p50 ${fmt(send.p50, 0)} ms, p99 ${fmt(send.p99, 0)} ms), ` +
        `${atGrace.counted} counted at +${GRACE_MS} ms, stored ${now.stored}, counted ${now.counted} in ${now.incidents} incidents, ` +
        `drained ${result.drainedSecondsAfterWindow === null ? 'not within 60 s' : `${fmt(result.drainedSecondsAfterWindow, 1)} s`} after the window, ` +
        `API process ${fmt(cpuMsPerEvent, 2)} ms CPU per event → ${sustained ? 'sustained' : 'not sustained'}`,
    );
    return result;
  };

  const ladder = async (transport: 'http' | 'mqtt', rates: number[]) => {
    const steps: Step[] = [];
    let best = 0;
    for (const rate of rates) {
      const result = await step(transport, rate);
      steps.push(result);
      if (!result.sustained) break;
      best = rate;
    }
    return { steps, best };
  };

  const http = await ladder('http', HTTP_RATES);
  const overMqtt = await ladder('mqtt', MQTT_RATES);
  const all = [...http.steps, ...overMqtt.steps];
  const lost = all.reduce((total, item) => total + (item.send.accepted - item.stored), 0);
  const doubled = all.reduce((total, item) => total + Math.max(0, item.counted - item.send.sent), 0);

  console.log('\n## Ingestion of repeating device events\n');
  printTable(
    ['transport', 'rate /s', 'accepted', 'send p50 / p99 ms', 'counted at grace', 'stored', 'counted', 'incidents', 'drained after window', 'CPU ms / event', 'sustained'],
    all.map((item) => [
      item.transport,
      item.rate,
      `${item.send.accepted}/${item.send.sent}`,
      `${fmt(item.send.p50, 0)} / ${fmt(item.send.p99, 0)}`,
      item.countedAtGrace,
      item.stored,
      item.counted,
      item.incidents,
      item.drainedSecondsAfterWindow === null ? '> 60 s' : `${fmt(item.drainedSecondsAfterWindow, 1)} s`,
      fmt(item.cpuMsPerEvent, 2),
      item.sustained ? 'yes' : 'no',
    ]),
  );
  console.log(`\nHighest sustained: HTTP ${http.best} events/s, MQTT ${overMqtt.best} events/s (target ≥ 1,000). Accepted but not stored: ${lost}; counted twice: ${doubled}.`);
  console.log(`\n${machineNote()}`);
  const file = await saveResults('ingestion', { machine: machineNote(), fleet: FLEET, stepSeconds: STEP_SECONDS, http, mqtt: overMqtt, lost, doubled });
  log(`results in ${file}`);
}

runBench(main);
