/**
 * The engine baseline: how many no-op workflows per second the Temporal dev server and one worker
 * sustain on this machine, then fault report → diagnosis task in the worklist through the real stack.
 *
 *   npm run bench:engine
 *
 * Env: BENCH_ENGINE_RATES (start rates to try, default 10,20,40,80,160,320 wf/s; stops at the first
 * rate not sustained, then tries the midpoint), BENCH_STEP_SECONDS (15 s per rate), BENCH_MAX_P99_MS
 * (2000: a rate is sustained when p99 scheduled-start→complete stays under it and no more than 1 % is
 * still running 2 s after the last start), BENCH_ENGINE_MODES (memory,sqlite,sqlite-full; the last is
 * a SQLite file with synchronous=FULL, the CLI's default, for comparison), BENCH_ENGINE_KINDS
 * (oneActivity,threeActivities), BENCH_FAULT_RATE (5 reports/s), BENCH_FAULT_SECONDS (20),
 * BENCH_DATABASE_URL (PostgreSQL for the fault part; embedded otherwise).
 */
import { Client, Connection, type WorkflowExecutionInfo } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { connectApiContext, listen } from '../api/server';
import { DEMO_PASSWORD } from '../db/seed/demo-community';
import { startTemporalDevServer, type TemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { bundleWorkflows, createStewardWorker } from '../worker/worker';
import { createEngineBenchActivities } from './engine-activities';
import { envList, envNumber, envText, fmt, log, machineNote, onCleanup, printTable, processCpuMs, runBench, saveResults, scratchDir, sleep, STEWARD_DEFAULTS, summarize, type Summary, TEMPORAL_CLI } from './lib/common';
import { startDemoDatabase } from './lib/demo-database';
import { baseUrlOf, runOpenLoop, signIn } from './lib/open-loop';

const RATES = envList('BENCH_ENGINE_RATES', [10, 20, 40, 80, 160, 320]);
const STEP_SECONDS = envNumber('BENCH_STEP_SECONDS', 15);
const MAX_P99_MS = envNumber('BENCH_MAX_P99_MS', 2000);
const GRACE_MS = 2000;
const DRAIN_TIMEOUT_MS = 30_000;
type Mode = 'memory' | 'sqlite' | 'sqlite-full';
const MODES = envText('BENCH_ENGINE_MODES', 'memory,sqlite,sqlite-full').split(',') as Mode[];
const MODE_LABEL: Record<Mode, string> = {
  memory: 'dev server, in memory',
  sqlite: 'dev server, SQLite file, WAL with synchronous=NORMAL (as npm start)',
  'sqlite-full': 'dev server, SQLite file with synchronous=FULL (the CLI default)',
};
const KINDS = envText('BENCH_ENGINE_KINDS', 'oneActivity,threeActivities').split(',') as Array<'oneActivity' | 'threeActivities'>;
const FAULT_RATE = envNumber('BENCH_FAULT_RATE', 5);
const FAULT_SECONDS = envNumber('BENCH_FAULT_SECONDS', 20);

const quietLogger = { log: () => {}, trace: () => {}, debug: () => {}, info: () => {}, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };

interface StepResult {
  mode: string;
  kind: string;
  rate: number;
  started: number;
  startErrors: number;
  achievedStartRate: number;
  latency: Summary;
  /** Still not complete 2 s after the last scheduled start. */
  backlogAtEnd: number;
  completedPerSecond: number;
  sustained: boolean;
  /** CPU used during the step, in % of one core: the dev server, and this process (client + worker). */
  serverCpuPercent: number;
  benchCpuPercent: number;
  load: string;
}

/** Starts `rate` workflows per second for STEP_SECONDS on a fresh task queue with its own worker; waits for them to finish. */
async function runStep(mode: string, temporal: TemporalDevServer, client: Client, connection: NativeConnection, bundle: WorkflowBundleWithSourceMap, kind: string, rate: number): Promise<StepResult> {
  const taskQueue = `bench-${kind}-${rate}-${randomUUID().slice(0, 8)}`;
  const worker = await Worker.create({ connection, namespace: 'default', taskQueue, workflowBundle: bundle, activities: createEngineBenchActivities() });
  const running = worker.run();
  const serverMatch = `--port\0${temporal.address.split(':')[1]}\0`;
  const cpuStart = { server: processCpuMs(serverMatch), bench: process.cpuUsage(), at: performance.now() };
  try {
    const total = Math.round(rate * STEP_SECONDS);
    const interval = 1000 / rate;
    const t0 = performance.now() + 200;
    const epoch0 = Date.now() + (t0 - performance.now());
    const scheduled = new Map<string, number>();
    const starts: Array<Promise<void>> = [];
    let startErrors = 0;
    let lastStartDone = 0;
    let firstError = '';
    await new Promise<void>((resolve) => {
      let next = 0;
      const tick = () => {
        const now = performance.now();
        while (next < total && t0 + next * interval <= now) {
          const workflowId = `${taskQueue}-${next}`;
          scheduled.set(workflowId, epoch0 + next * interval);
          starts.push(
            client.workflow.start(kind, { taskQueue, workflowId }).then(
              () => void (lastStartDone = performance.now()),
              (error: unknown) => {
                startErrors++;
                firstError ||= String(error);
              },
            ),
          );
          next++;
        }
        if (next < total) setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
        else resolve();
      };
      setTimeout(tick, Math.max(0, t0 - performance.now()));
    });
    await Promise.all(starts);
    if (startErrors > 0) log(`!! ${startErrors} start calls failed, e.g. ${firstError}`);
    const windowEnd = epoch0 + total * interval;
    // Drain: until nothing of this task queue runs (or the timeout), as the visibility store sees it.
    const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
    await sleep(Math.max(0, windowEnd + GRACE_MS - Date.now()));
    for (;;) {
      const { count } = await client.workflow.count(`TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`);
      if (count === 0 || Date.now() > drainDeadline) break;
      await sleep(500);
    }
    // Close times as the server recorded them.
    const closed = new Map<string, number>();
    const collect = async () => {
      for await (const info of client.workflow.list({ query: `TaskQueue = "${taskQueue}"`, pageSize: 1000 }) as AsyncIterable<WorkflowExecutionInfo>) {
        if (info.closeTime) closed.set(info.workflowId, info.closeTime.getTime());
      }
    };
    await collect();
    if (closed.size < scheduled.size - startErrors) {
      await sleep(1000);
      await collect();
    }
    const latencies: number[] = [];
    let backlogAtEnd = 0;
    let lastClose = windowEnd;
    for (const [workflowId, at] of scheduled) {
      const closeTime = closed.get(workflowId);
      latencies.push(closeTime === undefined ? Infinity : closeTime - at);
      if (closeTime === undefined || closeTime > windowEnd + GRACE_MS) backlogAtEnd++;
      if (closeTime !== undefined) lastClose = Math.max(lastClose, closeTime);
    }
    const latency = summarize(latencies);
    const wallMs = performance.now() - cpuStart.at;
    const benchCpu = process.cpuUsage(cpuStart.bench);
    const achievedStartRate = (total - startErrors) / Math.max(STEP_SECONDS, (lastStartDone - t0) / 1000);
    const sustained = startErrors === 0 && latency.p99 < MAX_P99_MS && backlogAtEnd <= Math.max(1, Math.floor(total * 0.01));
    return {
      mode,
      kind,
      rate,
      started: total - startErrors,
      startErrors,
      achievedStartRate,
      latency,
      backlogAtEnd,
      completedPerSecond: closed.size / ((lastClose - epoch0) / 1000),
      sustained,
      serverCpuPercent: ((processCpuMs(serverMatch) - cpuStart.server) / wallMs) * 100,
      benchCpuPercent: ((benchCpu.user + benchCpu.system) / 1000 / wallMs) * 100,
      load: machineNote(),
    };
  } finally {
    worker.shutdown();
    await running;
  }
}

/** Rates in order until the first that is not sustained, then the midpoint below it. */
async function sweep(mode: string, temporal: TemporalDevServer, client: Client, connection: NativeConnection, bundle: WorkflowBundleWithSourceMap, kind: string): Promise<{ steps: StepResult[]; sustained: number }> {
  const steps: StepResult[] = [];
  let best = 0;
  let failed: number | null = null;
  for (const rate of RATES) {
    const step = await runStep(mode, temporal, client, connection, bundle, kind, rate);
    steps.push(step);
    log(`${mode} ${kind} @ ${rate}/s: p50 ${fmt(step.latency.p50, 0)} p99 ${fmt(step.latency.p99, 0)} ms, backlog ${step.backlogAtEnd}, ${fmt(step.completedPerSecond)} done/s → ${step.sustained ? 'sustained' : 'NOT sustained'}`);
    if (!step.sustained) {
      failed = rate;
      break;
    }
    best = rate;
    await sleep(1000);
  }
  // The first rate already too high: halve it (at most three times).
  for (let rate = RATES[0] / 2, tries = 0; best === 0 && tries < 3 && rate >= 1; rate /= 2, tries++) {
    await sleep(2000);
    const step = await runStep(mode, temporal, client, connection, bundle, kind, rate);
    steps.push(step);
    log(`${mode} ${kind} @ ${rate}/s: p50 ${fmt(step.latency.p50, 0)} p99 ${fmt(step.latency.p99, 0)} ms, backlog ${step.backlogAtEnd}, ${fmt(step.completedPerSecond)} done/s → ${step.sustained ? 'sustained' : 'NOT sustained'}`);
    if (step.sustained) best = rate;
    else failed = rate;
  }
  if (failed !== null && best > 0 && failed / best > 1.3) {
    const rate = Math.round((best + failed) / 2);
    await sleep(2000);
    const step = await runStep(mode, temporal, client, connection, bundle, kind, rate);
    steps.push(step);
    log(`${mode} ${kind} @ ${rate}/s: p50 ${fmt(step.latency.p50, 0)} p99 ${fmt(step.latency.p99, 0)} ms, backlog ${step.backlogAtEnd}, ${fmt(step.completedPerSecond)} done/s → ${step.sustained ? 'sustained' : 'NOT sustained'}`);
    if (step.sustained) best = rate;
  }
  return { steps, sustained: best };
}

// ---- fault report → diagnosis task in tech1's worklist ----

interface FaultResult {
  reports: number;
  errors: number;
  reportToTask: Summary;
  post: Summary;
  allInWorklist: boolean;
}

async function faultToWorklist(temporal: TemporalDevServer): Promise<FaultResult> {
  const { db } = await startDemoDatabase('steward_bench_engine');
  const settings = { address: temporal.address, namespace: 'default', taskQueue: `steward-bench-${randomUUID().slice(0, 8)}` };
  const connection = await NativeConnection.connect({ address: temporal.address });
  onCleanup('close worker connection', () => connection.close());
  const worker = await createStewardWorker({ connection, namespace: settings.namespace, taskQueue: settings.taskQueue, db, settings: STEWARD_DEFAULTS.worker.activities, workflowBundle: await bundleWorkflows() });
  const workerRun = worker.run();
  onCleanup('stop Steward worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
  });
  const ctx = await connectApiContext(db, settings, STEWARD_DEFAULTS.api);
  onCleanup('close API Temporal client', () => ctx.close());
  const server = await listen(ctx, 0, '127.0.0.1');
  server.keepAliveTimeout = 30_000;
  onCleanup('close HTTP server', () => new Promise<void>((resolve) => server.close(() => resolve())));
  const baseUrl = baseUrlOf(server);
  const ownerCookie = await signIn(baseUrl, 'owner-zhang', DEMO_PASSWORD);
  const techCookie = await signIn(baseUrl, 'tech1', DEMO_PASSWORD);

  // Poll the worklist table every 10 ms: the first moment each diagnosis task row is there to read.
  const seen = new Map<string, number>();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const rows = await db.$client<Array<{ workflow_id: string }>>`select workflow_id from tasks where step_id = 'diagnoseFault' and status = 'open'`;
      const now = Date.now();
      for (const row of rows) if (!seen.has(row.workflow_id)) seen.set(row.workflow_id, now);
      await sleep(10);
    }
  })();

  const body = JSON.stringify({
    reportId: '{{uuid}}',
    occurredAt: new Date().toISOString(),
    location: { buildingId: 'b1', unitId: 'b1-101' },
    system: 'cctv',
    symptoms: 'Lobby camera shows a black image',
  });
  log(`fault reports: POST /api/v1/faults as owner-zhang at ${FAULT_RATE}/s for ${FAULT_SECONDS} s (+2 s warm-up)…`);
  const result = await runOpenLoop({
    baseUrl,
    cookie: ownerCookie,
    ratePerSecond: FAULT_RATE,
    warmupSeconds: 2,
    seconds: FAULT_SECONDS,
    requests: [{ kind: 'report', method: 'POST', path: '/api/v1/faults', body, weight: 1 }],
    keepBodyKinds: ['report'],
    timeoutMs: 30_000,
  });
  if (result.errors > 0) log(`!! ${result.errors} failed reports, e.g. ${result.errorExamples.join(' / ')}`);
  const reports = result.samples
    .filter((sample) => sample.status === 201)
    .map((sample) => ({ workflowId: (JSON.parse(sample.body!) as { workflowId: string }).workflowId, scheduledAt: result.windowStartEpochMs + sample.scheduledMs, postMs: sample.latencyMs }));
  const deadline = Date.now() + 60_000;
  while (reports.some((report) => !seen.has(report.workflowId)) && Date.now() < deadline) await sleep(50);
  polling = false;
  await poller;

  // Every diagnosis task is in tech1's worklist through the API.
  const listed = new Set<string>();
  let cursor: string | null = null;
  do {
    const response = await fetch(`${baseUrl}/api/v1/tasks?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { cookie: techCookie } });
    const page = (await response.json()) as { items: Array<{ workflowId: string; stepId: string }>; nextCursor: string | null };
    for (const item of page.items) if (item.stepId === 'diagnoseFault') listed.add(item.workflowId);
    cursor = page.nextCursor;
  } while (cursor);
  return {
    reports: reports.length,
    errors: result.errors,
    reportToTask: summarize(reports.map((report) => (seen.has(report.workflowId) ? seen.get(report.workflowId)! - report.scheduledAt : Infinity))),
    post: summarize(reports.map((report) => report.postMs)),
    allInWorklist: reports.every((report) => listed.has(report.workflowId)),
  };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  log(`engine bench: rates ${RATES.join(', ')} wf/s, ${STEP_SECONDS} s each, sustained = p99 < ${MAX_P99_MS} ms and ≤ 1 % still running ${GRACE_MS / 1000} s after the last start`);
  log(`machine: ${machineNote()}`);
  const bundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./engine-workflows.ts', import.meta.url)), logger: quietLogger });
  const dir = await scratchDir('steward-bench-engine-');

  const results: Array<{ mode: string; kind: string; sustained: number; steps: StepResult[] }> = [];
  let faultServer: TemporalDevServer | null = null;
  for (const mode of MODES) {
    const dbFile = path.join(dir, `temporal-${mode}-${randomUUID().slice(0, 8)}.sqlite`);
    const temporal = await startTemporalDevServer({
      cli: TEMPORAL_CLI,
      dbFile: mode === 'memory' ? undefined : dbFile,
      sqlitePragmas: mode === 'sqlite-full' ? ['synchronous=FULL'] : undefined,
      log,
    });
    onCleanup(`stop Temporal dev server (${mode})`, () => temporal.stop());
    log(`Temporal dev server (${MODE_LABEL[mode]}) on ${temporal.address}`);
    const clientConnection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection: clientConnection });
    const workerConnection = await NativeConnection.connect({ address: temporal.address });
    for (const kind of KINDS) {
      const { steps, sustained } = await sweep(mode, temporal, client, workerConnection, bundle, kind);
      results.push({ mode, kind, sustained, steps });
    }
    await workerConnection.close();
    await clientConnection.close();
    if (mode === 'sqlite') faultServer = temporal;
    else await temporal.stop();
  }

  // The end-to-end part runs on the dev server with a SQLite file, as `npm start` does.
  if (!faultServer) {
    faultServer = await startTemporalDevServer({ cli: TEMPORAL_CLI, dbFile: path.join(dir, 'temporal-fault.sqlite'), log });
    const server = faultServer;
    onCleanup('stop Temporal dev server (fault)', () => server.stop());
  }
  const fault = await faultToWorklist(faultServer);

  console.log(`\n=== no-op workflows: fixed start rate for ${STEP_SECONDS} s; latency = scheduled start → workflow closed (server close time), ms ===`);
  printTable(
    ['dev server', 'workflow', 'rate wf/s', 'started', 'start errors', 'p50', 'p95', 'p99', 'max', 'running +2 s', 'done/s', 'server CPU %', 'bench CPU %', 'sustained'],
    results.flatMap((r) =>
      r.steps.map((s) => [s.mode, s.kind, s.rate, s.started, s.startErrors, fmt(s.latency.p50, 0), fmt(s.latency.p95, 0), fmt(s.latency.p99, 0), fmt(s.latency.max, 0), s.backlogAtEnd, fmt(s.completedPerSecond), fmt(s.serverCpuPercent, 0), fmt(s.benchCpuPercent, 0), s.sustained ? 'yes' : 'NO']),
    ),
  );
  console.log('\n=== highest sustained rate (of the rates tried) ===');
  printTable(['dev server', 'workflow', 'sustained wf/s', 'first rate not sustained'], results.map((r) => {
    const failing = r.steps.filter((s) => !s.sustained && s.rate > r.sustained).map((s) => s.rate);
    return [r.mode, r.kind, r.sustained, failing.length ? Math.min(...failing) : '(none up to the last rate tried)'];
  }));
  const x0 = (mode: string) => results.find((r) => r.mode === mode && r.kind === 'threeActivities')?.sustained;
  console.log('(server CPU % / bench CPU %: CPU time of the dev server / of this process (client + worker) over the step, in % of one core; the machine has 2.)');
  console.log(`\nX0 (3-activity no-op, sustained wf/s): ${MODES.map((mode) => `${x0(mode) ?? '–'} (${MODE_LABEL[mode]})`).join(', ')}`);

  console.log(`\n=== fault report → diagnosis task visible (POST /api/v1/faults as owner-zhang, ${FAULT_RATE}/s for ${FAULT_SECONDS} s; dev server with SQLite file; ms from scheduled POST) ===`);
  printTable(['measure', 'n', 'p50', 'p95', 'p99', 'max'], [
    ['report → diagnosis task row', fault.reportToTask.n, fmt(fault.reportToTask.p50, 0), fmt(fault.reportToTask.p95, 0), fmt(fault.reportToTask.p99, 0), fmt(fault.reportToTask.max, 0)],
    ['POST /api/v1/faults response', fault.post.n, fmt(fault.post.p50, 0), fmt(fault.post.p95, 0), fmt(fault.post.p99, 0), fmt(fault.post.max, 0)],
  ]);
  console.log(`failed reports: ${fault.errors}; every diagnosis task listed in tech1's GET /api/v1/tasks: ${fault.allInWorklist ? 'yes' : 'NO'}`);
  console.log(`machine: ${machineNote()}`);
  const file = await saveResults('engine', { date: new Date().toISOString(), machine: machineNote(), stepSeconds: STEP_SECONDS, maxP99Ms: MAX_P99_MS, results, fault });
  log(`raw results: ${file}`);
  if (!fault.allInWorklist || fault.errors > 0) throw new Error('the fault → worklist run had failures');
}

runBench(main);
