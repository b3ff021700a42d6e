/**
 * The access log of personal data (P5.3c): what logging costs a read, and how long `verify` takes.
 *
 *   npm run bench:access-log
 *
 * 1. Fills access_log to BENCH_LOG_ROWS (1M) rows through the chaining trigger (rows/s reported).
 * 2. GET /api/v1/tasks as tech1 over BENCH_TASKS (100k) tasks, open loop at BENCH_RATE (50 req/s, below the
 *    capacity of every variant on the standard machine; the capacity is probed too), on copies of the
 *    real worklist route in this process, each mounted with mountRoutes like the API: `off` (as shipped: the
 *    worklist reads no personal data), `logged` (declared as a list read: one chained row per request naming
 *    the 50 tasks, with the default settings) and `logged-sync` (the same with ACCESS_LOG_SYNCHRONOUS_COMMIT=on:
 *    each read also waits for the WAL flush). For comparison, a personal-data route as shipped: guard1 reading
 *    GET /access/people/ap-li (`person-logged`, a record read with the rules) and the same route with its
 *    declaration removed (`person-off`). Rounds alternate through the five, BENCH_ROUNDS (6) times,
 *    BENCH_SECONDS (10) each after BENCH_WARMUP_SECONDS (3). Other work on the machine comes in bursts, so the
 *    target is judged on the median over rounds of p99(variant) / p99(its unlogged twin) in the same round;
 *    pooled figures are printed too.
 * 3. The anomaly rules' own cost, sequentially (BENCH_RULE_CALLS, 500 each): the log write of a list read, of a
 *    record read of someone read before in the window, and of someone new, for a user with 200 reads in the window.
 * 4. `verify` (the use case behind GET /api/v1/access-log/verify and npm run access-log:verify) over the
 *    filled log, BENCH_VERIFY_RUNS (3) times.
 *
 * Targets: median per-round p99(logged) / p99(off) ≤ 1.10; verify over 1M rows ≤ 10 s.
 * No Temporal: the rules' limits are set so that nothing fires (firing starts a process, not measured here).
 */
import cookieParser from 'cookie-parser';
import express from 'express';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { loadSession } from '../api/auth/session';
import type { ApiContext } from '../api/context';
import { listed, mountRoutes, type RouteSpec } from '../api/http/route';
import { accessControlRoutes } from '../api/routes/access-control';
import { authRoutes } from '../api/routes/auth';
import { taskRoutes } from '../api/routes/tasks';
import { accessLogWriter, verifyAccessLog } from '../api/use-cases/access-log';
import { loadConfig } from '../config';
import type { Database } from '../db/client';
import { DEMO_PASSWORD } from '../db/seed/demo-community';
import { diagnosisForm } from '../workflows/fault-repair/messages';
import { envNumber, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, STEWARD_DEFAULTS, summarize, type Summary } from './lib/common';
import { logPostgresVersion, startDemoDatabase } from './lib/demo-database';
import { baseUrlOf, probeCapacity, runOpenLoop, signIn } from './lib/open-loop';

const LOG_ROWS = envNumber('BENCH_LOG_ROWS', 1_000_000);
const TASKS = envNumber('BENCH_TASKS', 100_000);
const RATE = envNumber('BENCH_RATE', 50);
const SECONDS = envNumber('BENCH_SECONDS', 10);
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', 3);
const ROUNDS = envNumber('BENCH_ROUNDS', 6);
const CAPACITY_SECONDS = envNumber('BENCH_CAPACITY_SECONDS', 5);
const VERIFY_RUNS = envNumber('BENCH_VERIFY_RUNS', 3);
const TARGET_RATIO = 1.1;
const TARGET_VERIFY_MS = 10_000;
const BATCH = 100_000;

/** Reads as the API logs them: 40 staff, 3,000 people, the routes that read personal data. */
async function fillLog(db: Database, rows: number): Promise<number> {
  const started = performance.now();
  for (let from = 1; from <= rows; from += BATCH) {
    const to = Math.min(rows, from + BATCH - 1);
    await db.$client.unsafe(`
      insert into access_log (actor_id, actor_roles, kind, scope, record_ids, subject_ids, route, ip, prev_hash, hash)
      select 'u-staff' || (g % 40), array[(array['guard','hr','admin','security-supervisor','auditor'])[1 + g % 5]],
        (array['person-record','fault-report','process-instance','task-context'])[1 + g % 4], 'record',
        array['ap-' || (g::bigint * 7919 % 3000)], array['ap-' || (g::bigint * 7919 % 3000)],
        (array['GET /api/v1/access/people/:personId','GET /api/v1/faults/:workflowId','GET /api/v1/processes/:workflowId','GET /api/v1/tasks/:taskId'])[1 + g % 4],
        '10.0.' || (g % 4) || '.' || (g % 250), '', ''
      from generate_series(${from}, ${to}) g`);
    log(`  access_log: ${to.toLocaleString('en')} rows, ${fmt((to / (performance.now() - started)) * 1000, 0)} rows/s`);
  }
  await db.$client.unsafe('vacuum (analyze) access_log');
  return (performance.now() - started) / 1000;
}

/** Tasks as the worklist bench has them, simplified: ~5 % open, a third of them for technicians. */
async function fillTasks(db: Database, count: number): Promise<void> {
  const formSchema = JSON.stringify(z.toJSONSchema(diagnosisForm, { io: 'input' }));
  await db.$client.unsafe(
    `insert into tasks (id, workflow_id, process, step_id, title, status, candidate_roles, candidate_users, assignee, priority, due_at, created_at, form_schema, context)
     select 'fault-repair-' || g || '.diagnoseFault.1', 'fault-repair-' || g, 'fault-repair', 'diagnoseFault', 'Diagnose: cctv: Lobby camera #' || g,
       case when g % 20 = 0 then 'open' else 'completed' end,
       case when g % 3 = 0 then array['technician','tech-supervisor'] else array['finance'] end, '{}', null, 50,
       now() + ((g % 600) - 300) * interval '1 hour', now() - interval '3 days', $1::json, '{"system":"cctv"}'::json
     from generate_series(1, ${count}) g`,
    [formSchema],
  );
  await db.$client.unsafe('vacuum (analyze) tasks');
}

const VARIANTS = ['off', 'logged', 'logged-sync', 'person-off', 'person-logged'] as const;
type Variant = (typeof VARIANTS)[number];
/** What each variant serves and to whom: the worklist to tech1, a person's record to guard1. */
const REQUEST: Record<Variant, { path: string; user: 'tech1' | 'guard1'; baseline: Variant }> = {
  off: { path: '/api/v1/tasks', user: 'tech1', baseline: 'off' },
  logged: { path: '/api/v1/tasks', user: 'tech1', baseline: 'off' },
  'logged-sync': { path: '/api/v1/tasks', user: 'tech1', baseline: 'off' },
  'person-off': { path: '/api/v1/access/people/ap-li', user: 'guard1', baseline: 'person-off' },
  'person-logged': { path: '/api/v1/access/people/ap-li', user: 'guard1', baseline: 'person-off' },
};
const RULE_CALLS = envNumber('BENCH_RULE_CALLS', 500);

/**
 * The real routes mounted like the API mounts them: GET /tasks as shipped (no personal data) or declared as a
 * list read; GET /access/people/:personId as shipped (a logged record read) or with its declaration removed.
 */
function listenVariant(base: ApiContext, variant: Variant): Promise<Server> {
  const ctx = variant === 'logged-sync' ? { ...base, settings: { ...base.settings, accessLog: { ...base.settings.accessLog, synchronousCommit: true } } } : base;
  const worklist = taskRoutes(ctx).find((route) => route.method === 'get' && route.path === '/tasks')! as RouteSpec<unknown, unknown, { items: Array<{ id: string }> }>;
  const person = accessControlRoutes(ctx).find((route) => route.method === 'get' && route.path === '/access/people/:personId')!;
  const declared: RouteSpec<unknown, unknown, { items: Array<{ id: string }> }> | RouteSpec =
    variant === 'off'
      ? worklist
      : variant === 'person-off'
        ? { ...person, personalData: undefined }
        : variant === 'person-logged'
          ? person
          : { ...worklist, personalData: { kind: 'task-context', scope: 'list', read: ({ result }: { result: { items: Array<{ id: string }> } }) => listed(result.items.map((task) => task.id), { subjectIds: [] }) } };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/api/v1', express.json(), cookieParser(), loadSession(ctx.db, ctx.settings.security.sessionIdleMs), mountRoutes([...authRoutes(ctx), declared as RouteSpec], { recordRead: accessLogWriter(ctx) }));
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
    server.once('error', reject);
  });
}

/** Sequential log writes through the real writer, rules included: median and p99 ms per write. */
async function ruleCosts(ctx: ApiContext): Promise<Array<{ read: string; summary: Summary }>> {
  const write = accessLogWriter(ctx);
  const user = { id: 'u-bench-reader', username: 'bench-reader', displayName: 'Bench reader', roles: ['hr'], ownerId: null, vendorId: null };
  const record = (personId: string) => ({ user, kind: 'person-record' as const, scope: 'record' as const, recordIds: [personId], subjectIds: [personId], self: false, route: 'GET /api/v1/access/people/:personId', ip: '127.0.0.1' });
  // A busy but ordinary user: 200 reads of 150 people in the window.
  for (let i = 0; i < 200; i++) await write(record(`ap-${i % 150}`));
  const tasks = Array.from({ length: 50 }, (_, i) => `fault-repair-${i}.diagnoseFault.1`);
  const cases: Array<{ read: string; next: (i: number) => Parameters<typeof write>[0] }> = [
    { read: 'list read (no rule counts)', next: () => ({ ...record('none'), kind: 'task-context', scope: 'list', recordIds: tasks, subjectIds: [] }) },
    { read: 'record read, person read before in the window', next: (i) => record(`ap-${i % 150}`) },
    { read: 'record read, a person new in the window (the many-people count)', next: (i) => record(`ap-new-${i}`) },
  ];
  const results = [];
  for (const { read, next } of cases) {
    const times: number[] = [];
    for (let i = 0; i < RULE_CALLS; i++) {
      const started = performance.now();
      await write(next(i));
      times.push(performance.now() - started);
    }
    results.push({ read, summary: summarize(times) });
  }
  return results;
}

async function main(): Promise<void> {
  log(`access-log bench: ${LOG_ROWS.toLocaleString('en')} log rows, ${TASKS.toLocaleString('en')} tasks, ${RATE} req/s × ${SECONDS} s × ${ROUNDS} rounds per variant`);
  log(`machine: ${machineNote()}`);
  const database = await startDemoDatabase('steward_bench_access_log');
  const { db } = database;
  await logPostgresVersion(database);

  log(`filling access_log through the chaining trigger…`);
  const fillSeconds = await fillLog(db, LOG_ROWS);
  const [{ size }] = await db.$client.unsafe<Array<{ size: string }>>(`select pg_size_pretty(pg_total_relation_size('access_log')) as size`);
  log(`  ${fmt(fillSeconds)} s (${fmt(LOG_ROWS / fillSeconds, 0)} rows/s), ${size} with indexes`);
  log(`filling tasks…`);
  await fillTasks(db, TASKS);

  // Limits no bench read reaches, every hour a shift: the rules run (the count query included) but never fire.
  const settings = { ...STEWARD_DEFAULTS.api, accessLog: loadConfig({ ACCESS_ANOMALY_PEOPLE_LIMIT: '1000000000', ACCESS_STAFF_HOURS: '00:00-24:00' }).api.accessLog };
  const ctx: ApiContext = { db, temporal: undefined as never, taskQueue: 'bench-unused', settings };
  const servers = {} as Record<Variant, Server>;
  for (const variant of VARIANTS) {
    servers[variant] = await listenVariant(ctx, variant);
    servers[variant].keepAliveTimeout = 30_000;
    onCleanup(`close ${variant} server`, () => new Promise<void>((resolve) => servers[variant].close(() => resolve())));
  }
  const cookies = { tech1: await signIn(baseUrlOf(servers.off), 'tech1', DEMO_PASSWORD), guard1: await signIn(baseUrlOf(servers.off), 'guard1', DEMO_PASSWORD) };
  const first = (await (await fetch(`${baseUrlOf(servers.logged)}/api/v1/tasks`, { headers: { cookie: cookies.tech1 } })).json()) as { items: unknown[] };
  if (first.items.length !== 50) throw new Error(`unexpected first page: ${first.items.length} tasks`);

  log(`capacity probe (closed loop, 4 in flight, ${CAPACITY_SECONDS} s per variant)…`);
  const capacity = {} as Record<Variant, number>;
  for (const variant of VARIANTS) {
    const { path, user } = REQUEST[variant];
    const probe = await probeCapacity({ baseUrl: baseUrlOf(servers[variant]), cookie: cookies[user], concurrency: 4, warmupSeconds: 1, seconds: CAPACITY_SECONDS, requests: [{ kind: 'page1', method: 'GET', path, weight: 1 }] });
    capacity[variant] = probe.perSecond;
    log(`  ${variant}: ${fmt(probe.perSecond, 0)} req/s, p50 ${fmt(probe.p50)} ms, ${probe.failed} failed`);
  }

  const samples = Object.fromEntries(VARIANTS.map((variant) => [variant, [] as number[]])) as Record<Variant, number[]>;
  const errors = Object.fromEntries(VARIANTS.map((variant) => [variant, 0])) as Record<Variant, number>;
  const perRound = Object.fromEntries(VARIANTS.map((variant) => [variant, [] as number[]])) as Record<Variant, number[]>;
  const logRowsBefore = Number((await db.$client.unsafe<Array<{ n: string }>>('select count(*) as n from access_log'))[0].n);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const result = await runOpenLoop({
        baseUrl: baseUrlOf(servers[variant]),
        cookie: cookies[REQUEST[variant].user],
        ratePerSecond: RATE,
        warmupSeconds: WARMUP_SECONDS,
        seconds: SECONDS,
        requests: [{ kind: 'page1', method: 'GET', path: REQUEST[variant].path, weight: 1 }],
        timeoutMs: 120_000,
      });
      errors[variant] += result.errors;
      samples[variant].push(...result.samples.map((sample) => (sample.status === 200 ? sample.latencyMs : Infinity)));
      const summary = summarize(result.samples.map((sample) => sample.latencyMs));
      perRound[variant].push(summary.p99);
      log(`round ${round}, ${variant}: p50 ${fmt(summary.p50)} p99 ${fmt(summary.p99)} ms, ${result.errors} errors; ${machineNote()}`);
    }
  }
  const logRowsAfter = Number((await db.$client.unsafe<Array<{ n: string }>>('select count(*) as n from access_log'))[0].n);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  /** Median over rounds of p99(variant) / p99(its unlogged twin), both from the same round. */
  const roundRatio = (variant: Variant) => median(perRound[variant].map((p99, round) => p99 / perRound[REQUEST[variant].baseline][round]));
  const summaries = Object.fromEntries(VARIANTS.map((variant) => [variant, summarize(samples[variant])])) as Record<Variant, Summary>;

  log(`the rules' cost: ${RULE_CALLS} sequential log writes per kind of read…`);
  const rules = await ruleCosts(ctx);
  const logRowsVerified = Number((await db.$client.unsafe<Array<{ n: string }>>('select count(*) as n from access_log'))[0].n);
  log(`verify over ${logRowsVerified.toLocaleString('en')} rows, ${VERIFY_RUNS} runs…`);
  const verifyRuns: Array<{ ms: number; intact: boolean }> = [];
  for (let run = 0; run < VERIFY_RUNS; run++) {
    const result = await verifyAccessLog(db);
    if (!result.intact || result.rows !== logRowsVerified) throw new Error(`verify: ${JSON.stringify(result)}`);
    verifyRuns.push({ ms: result.durationMs, intact: result.intact });
    log(`  run ${run + 1}: ${result.durationMs} ms, intact; ${machineNote()}`);
  }
  const verifyMs = [...verifyRuns.map((run) => run.ms)].sort((a, b) => a - b)[Math.floor(verifyRuns.length / 2)];

  console.log(`\n=== ${RATE} req/s open loop, ${ROUNDS} × ${SECONDS} s per variant; latency from scheduled send (ms) ===`);
  printTable(['variant', 'request', 'n', 'p50', 'p95', 'p99', 'max', 'errors', 'pooled p99 / unlogged', 'median of round p99 / unlogged'], VARIANTS.map((variant) => {
    const s = summaries[variant];
    return [variant, `${REQUEST[variant].user} GET ${REQUEST[variant].path}`, s.n, fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.max), errors[variant], fmt(s.p99 / summaries[REQUEST[variant].baseline].p99, 2), fmt(roundRatio(variant), 2)];
  }));
  console.log(`\n=== p99 per round (ms) ===`);
  printTable(['variant', ...perRound.off.map((_p99, round) => `round ${round + 1}`)], VARIANTS.map((variant) => [variant, ...perRound[variant].map((p99) => fmt(p99))]));
  console.log(`\n=== capacity (closed loop, 4 in flight): completed req/s ===`);
  printTable(['variant', 'req/s', '/ unlogged'], VARIANTS.map((variant) => [variant, fmt(capacity[variant], 0), fmt(capacity[variant] / capacity[REQUEST[variant].baseline], 2)]));
  console.log(`access_log rows written by the measured requests: ${(logRowsAfter - logRowsBefore).toLocaleString('en')}`);
  console.log(`\n=== one log write through the writer, rules included, sequential, default settings (ms) ===`);
  printTable(['read', 'n', 'p50', 'p95', 'p99'], rules.map(({ read, summary }) => [read, summary.n, fmt(summary.p50, 2), fmt(summary.p95, 2), fmt(summary.p99, 2)]));
  console.log(`\n=== verify over ${logRowsVerified.toLocaleString('en')} rows (ms) ===`);
  printTable(['run', 'ms'], verifyRuns.map((run, index) => [index + 1, run.ms]));

  const ratio = roundRatio('logged');
  const syncRatio = roundRatio('logged-sync');
  const personRatio = roundRatio('person-logged');
  console.log('\n=== targets ===');
  printTable(['measure', 'value', 'target', 'met'], [
    ['p99 logged / off, median of rounds (default: ACCESS_LOG_SYNCHRONOUS_COMMIT=off)', fmt(ratio, 2), `≤ ${TARGET_RATIO}`, ratio <= TARGET_RATIO ? 'yes' : 'NO'],
    ['p99 logged-sync / off, median of rounds (ACCESS_LOG_SYNCHRONOUS_COMMIT=on)', fmt(syncRatio, 2), `≤ ${TARGET_RATIO}`, syncRatio <= TARGET_RATIO ? 'yes' : 'NO'],
    ['p99 person-logged / person-off, median of rounds (a record read, rules included)', fmt(personRatio, 2), `≤ ${TARGET_RATIO}`, personRatio <= TARGET_RATIO ? 'yes' : 'NO'],
    [`verify, ${logRowsVerified.toLocaleString('en')} rows (median ms)`, verifyMs, `≤ ${TARGET_VERIFY_MS}`, verifyMs <= TARGET_VERIFY_MS ? 'yes' : 'NO'],
    ['failed requests', VARIANTS.reduce((sum, variant) => sum + errors[variant], 0), '0', VARIANTS.every((variant) => errors[variant] === 0) ? 'yes' : 'NO'],
  ]);
  console.log(`Machine: ${machineNote()}`);
  const file = await saveResults('access-log', { date: new Date().toISOString(), machine: machineNote(), logRows: LOG_ROWS, tasks: TASKS, rate: RATE, seconds: SECONDS, rounds: ROUNDS, fillSeconds, tableSize: size, summaries, perRound, capacity, errors, rules, verifyRuns, ratio, syncRatio, personRatio, verifyMs });
  log(`raw results: ${file}`);
}

runBench(main);
