/**
 * Worklist latency at 100k and 1M tasks: GET /api/v1/tasks as a technician, open loop at a fixed rate.
 *
 *   npm run bench:worklist
 *
 * Env: BENCH_SECONDS (measured seconds per size, default 30), BENCH_WARMUP_SECONDS (5), BENCH_RATE (200 req/s),
 * BENCH_PAGE2_SHARE (0.2: share of requests that ask for the second page with nextCursor),
 * BENCH_DB_SECONDS (10: the direct-SQL comparison of the worklist query and its alternatives per size),
 * BENCH_CAPACITY_SECONDS (5: closed-loop capacity probe per route and size), BENCH_LOW_RATE (50 req/s: a second
 * open-loop run of GET /api/v1/tasks below the API's capacity, for a size ratio that is not a queue's),
 * BENCH_DATABASE_URL (use that server instead of an embedded PostgreSQL; the bench makes a database of its own on it).
 *
 * Targets: p99 ≤ 50 ms at 1M, p99(1M)/p99(100k) ≤ 1.2, and the plan an Index Scan on tasks_worklist_idx.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import type { SessionUser } from '../api/auth/session';
import type { ApiContext } from '../api/context';
import { connectApiContext, listen } from '../api/server';
import { listWorklist } from '../api/use-cases/worklist';
import { worklistFilters } from '../contracts/tasks';
import type { Database } from '../db/client';
import * as schema from '../db/schema';
import { DEMO_PASSWORD, DEMO_USERS } from '../db/seed/demo-community';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { envNumber, envText, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, STEWARD_DEFAULTS, summarize, type Summary, TEMPORAL_CLI } from './lib/common';
import { logPostgresVersion, startDemoDatabase } from './lib/demo-database';
import { baseUrlOf, type OpenLoopResult, probeCapacity, runOpenLoop, signIn } from './lib/open-loop';
import { listenScratchWorklist } from './lib/scratch-worklist';
import { fillTasks, tableFacts } from './lib/worklist-tasks';

const SECONDS = envNumber('BENCH_SECONDS', 30);
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', 5);
const RATE = envNumber('BENCH_RATE', 200);
const PAGE2_SHARE = Math.min(0.9, Number(envText('BENCH_PAGE2_SHARE', '0.2')));
const DB_SECONDS = envNumber('BENCH_DB_SECONDS', 10);
const CAPACITY_SECONDS = envNumber('BENCH_CAPACITY_SECONDS', 5);
const LOW_RATE = envNumber('BENCH_LOW_RATE', 50);
const SMALL = 100_000;
const LARGE = 1_000_000;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 1.2;

// ---- the worklist query exactly as the API sends it ----

interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/** Runs a query function on a drizzle instance that records the SQL it sends; returns the tasks query. */
async function captureQuery(url: string, run: (db: Database) => Promise<unknown>): Promise<CapturedQuery> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const captured: CapturedQuery[] = [];
  const db = drizzle(client, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } }) as unknown as Database;
  try {
    await run(db);
  } finally {
    await client.end();
  }
  const select = captured.find((entry) => entry.sql.includes('from "tasks"'));
  if (!select) throw new Error('did not see the worklist query');
  return select;
}

/** listWorklist, the real use case, as GET /api/v1/tasks runs it. */
const captureWorklistQuery = (url: string, user: SessionUser, query: Record<string, string>) =>
  captureQuery(url, (db) => listWorklist({ db } as unknown as ApiContext, user, worklistFilters.parse(query)));

interface Plan {
  text: string;
  indexScan: boolean;
  seqScan: boolean;
  executionMs: number;
  rowsRemoved: number;
  buffers: number;
}

async function explain(db: Database, query: CapturedQuery): Promise<Plan> {
  const rows = await db.$client.unsafe<Array<{ 'QUERY PLAN': string }>>(`explain (analyze, buffers) ${query.sql}`, query.params as never[]);
  const text = rows.map((row) => row['QUERY PLAN']).join('\n');
  return {
    text,
    indexScan: /Index Scan( Backward)? using tasks_worklist_idx on tasks/.test(text),
    seqScan: /Seq Scan on tasks/.test(text),
    executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN),
    rowsRemoved: Number(/Rows Removed by Filter: (\d+)/.exec(text)?.[1] ?? 0),
    buffers: Number(/Buffers: shared hit=(\d+)(?: read=(\d+))?/.exec(text)?.slice(1, 3).reduce((sum, value) => sum + Number(value ?? 0), 0) ?? 0),
  };
}

const planLine = (plan: Plan) =>
  `${plan.indexScan ? 'Index Scan on tasks_worklist_idx' : 'NO Index Scan on tasks_worklist_idx'}${plan.seqScan ? ' + Seq Scan on tasks!' : ''}, ${fmt(plan.executionMs, 2)} ms, ${plan.rowsRemoved} rows removed by filter, ${plan.buffers} buffers`;

// ---- direct SQL, open loop: the worklist query and alternatives without the HTTP layer ----

interface SqlVariant {
  name: string;
  page1: CapturedQuery;
  page2: CapturedQuery;
}

type SqlResult = { name: string; page1: Summary; page2: Summary; all: Summary };

async function sqlOpenLoop(url: string, variant: SqlVariant, seconds: number): Promise<SqlResult> {
  const client = postgres(url, { max: 10, onnotice: () => {} });
  try {
    for (let i = 0; i < 20; i++) await client.unsafe(variant.page1.sql, variant.page1.params as never[]);
    const interval = 1000 / RATE;
    const total = Math.round(seconds * RATE);
    const every = PAGE2_SHARE > 0 ? Math.round(1 / PAGE2_SHARE) : Infinity;
    const t0 = performance.now() + 50;
    const results: Array<{ kind: 'page1' | 'page2'; ms: number }> = [];
    const failures: string[] = [];
    const pending: Array<Promise<void>> = [];
    await new Promise<void>((resolve) => {
      let next = 0;
      const tick = () => {
        const now = performance.now();
        while (next < total && t0 + next * interval <= now) {
          const scheduled = t0 + next * interval;
          const kind = (next + 1) % every === 0 ? 'page2' : 'page1';
          const query = variant[kind];
          pending.push(
            client.unsafe(query.sql, query.params as never[]).then(
              () => void results.push({ kind, ms: performance.now() - scheduled }),
              (error: unknown) => void failures.push(String(error)),
            ),
          );
          next++;
        }
        if (next < total) setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
        else resolve();
      };
      setTimeout(tick, 50);
    });
    await Promise.all(pending);
    if (failures.length > 0) throw new Error(`${variant.name}: ${failures.length} queries failed, e.g. ${failures[0]}`);
    return {
      name: variant.name,
      page1: summarize(results.filter((r) => r.kind === 'page1').map((r) => r.ms)),
      page2: summarize(results.filter((r) => r.kind === 'page2').map((r) => r.ms)),
      all: summarize(results.map((r) => r.ms)),
    };
  } finally {
    await client.end();
  }
}

/**
 * The keyset condition as a row comparison, which an index scan can start from instead of filtering;
 * null when the query already has one (api/ switched to it in 11a5bf5).
 */
function rowCompare(query: CapturedQuery): CapturedQuery | null {
  if (/\("tasks"\."due_at", "tasks"\."id"\) > \(/.test(query.sql)) return null;
  const match = /\("tasks"\."due_at" > \$(\d+) or \("tasks"\."due_at" = \$(\d+) and "tasks"\."id" > \$(\d+)\)\)/.exec(query.sql);
  if (!match) throw new Error('keyset condition not found in the worklist query');
  const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const sql = query.sql.replace(match[0], `("tasks"."due_at", "tasks"."id") > ($${a}, $${c})`);
  // Drop the now unused parameter $b and renumber the ones after it.
  const renumbered = sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) > b ? Number(n) - 1 : Number(n)}`);
  return { sql: renumbered, params: query.params.filter((_p, index) => index !== b - 1) };
}

// ---- HTTP ----

type ApiResult = { page1: Summary; page2: Summary; all: Summary; service: Summary; errors: number; completedPerSecond: number; maxInFlight: number; sendLagP99Ms: number };

async function measureHttp(baseUrl: string, path: string, cookie: string, cursor: string, rate = RATE): Promise<ApiResult> {
  const result: OpenLoopResult = await runOpenLoop({
    baseUrl,
    cookie,
    ratePerSecond: rate,
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS,
    requests: [
      { kind: 'page1', method: 'GET', path, weight: 1 - PAGE2_SHARE },
      ...(PAGE2_SHARE > 0 ? [{ kind: 'page2', method: 'GET' as const, path: `${path}?cursor=${encodeURIComponent(cursor)}`, weight: PAGE2_SHARE }] : []),
    ],
    // Long enough that an overloaded API shows as latency, not as client timeouts.
    timeoutMs: 120_000,
  });
  if (result.errors > 0) log(`!! ${result.errors} failed requests, e.g. ${result.errorExamples.join(' / ')}`);
  const ok = result.samples.filter((sample) => sample.status === 200);
  // Completed per second while the measured window's requests were being answered.
  const lastDone = Math.max(SECONDS * 1000, ...ok.map((sample) => sample.scheduledMs + sample.latencyMs));
  return {
    page1: summarize(ok.filter((s) => s.kind === 'page1').map((s) => s.latencyMs)),
    page2: summarize(ok.filter((s) => s.kind === 'page2').map((s) => s.latencyMs)),
    all: summarize(result.samples.map((s) => (s.status === 200 ? s.latencyMs : Infinity))),
    service: summarize(ok.map((s) => s.serviceMs)),
    errors: result.errors,
    completedPerSecond: ok.length / (lastDone / 1000),
    maxInFlight: result.maxInFlight,
    sendLagP99Ms: result.sendLagP99Ms,
  };
}

async function capacity(baseUrl: string, path: string, cookie: string): Promise<number> {
  const probe = await probeCapacity({ baseUrl, cookie, concurrency: 4, warmupSeconds: 1, seconds: CAPACITY_SECONDS, requests: [{ kind: 'page1', method: 'GET', path, weight: 1 }] });
  if (probe.failed > 0) log(`!! capacity probe: ${probe.failed} failed`);
  return probe.perSecond;
}

// ---- the bench ----

const demoUser = (username: string): SessionUser => {
  const user = DEMO_USERS.find((candidate) => candidate.username === username)!;
  return { id: user.id, username: user.username, displayName: user.displayName, roles: [...user.roles], ownerId: null, vendorId: null };
};

interface SizeResult {
  size: number;
  facts: Awaited<ReturnType<typeof tableFacts>>;
  fillSeconds: number;
  plans: { page1: Plan; page2: Plan; sparse: Array<{ user: string; plan: Plan }> };
  sql: SqlResult[];
  capacity: { api: number; lean: number; sessionCache: number; noOutputCheck: number };
  /** With the partial GIN + assignee indexes and `candidate_users @> array[$n]`. */
  low: ApiResult;
  api: ApiResult;
  lean: ApiResult;
  loadBefore: string;
  loadAfter: string;
}

async function main(): Promise<void> {
  log(`worklist bench: ${RATE} req/s open loop, ${SECONDS} s measured (+${WARMUP_SECONDS} s warm-up) per size, page-2 share ${PAGE2_SHARE}`);
  log(`machine: ${machineNote()}`);
  const database = await startDemoDatabase('steward_bench_worklist');
  const { db } = database;
  await logPostgresVersion(database);

  // The API context wants a Temporal client; GET /tasks never uses it (the dev server stays idle).
  const temporal = await startTemporalDevServer({ cli: TEMPORAL_CLI, log });
  onCleanup('stop Temporal dev server', () => temporal.stop());
  const ctx = await connectApiContext(db, { address: temporal.address, namespace: 'default', taskQueue: 'bench-unused' }, STEWARD_DEFAULTS.api);
  onCleanup('close Temporal client', () => ctx.close());
  const server: Server = await listen(ctx, 0, '127.0.0.1');
  server.keepAliveTimeout = 30_000;
  onCleanup('close HTTP server', () => new Promise<void>((resolve) => server.close(() => resolve())));
  const scratchServer = await listenScratchWorklist(db);
  scratchServer.keepAliveTimeout = 30_000;
  onCleanup('close scratch HTTP server', () => new Promise<void>((resolve) => scratchServer.close(() => resolve())));
  const baseUrl = baseUrlOf(server);
  const scratchUrl = baseUrlOf(scratchServer);
  const cookie = await signIn(baseUrl, 'tech1', DEMO_PASSWORD);
  const tech1 = demoUser('tech1');
  log(`API on ${baseUrl} (scratch copy of the route with the proposed change on ${scratchUrl}), signed in as tech1 (roles: ${tech1.roles.join(', ')})`);

  const sizes: SizeResult[] = [];
  let filled = 0;
  for (const [index, size] of [SMALL, LARGE].entries()) {
    const label = size.toLocaleString('en');
    log(`filling tasks to ${label} rows…`);
    const fillSeconds = await fillTasks(db, filled + 1, size, 0.1 + index * 0.3);
    filled = size;
    await db.$client.unsafe('checkpoint');
    const facts = await tableFacts(db);
    log(`  ${fmt(fillSeconds)} s (insert + vacuum analyze): ${facts.total} rows, ${facts.open} open, ${facts.technicianOpen} open for tech1; table ${facts.tableSize}, indexes ${facts.indexesSize}`);

    const first = await fetch(`${baseUrl}/api/v1/tasks`, { headers: { cookie } });
    const firstPage = (await first.json()) as { items: unknown[]; nextCursor: string | null };
    if (first.status !== 200 || firstPage.items.length !== 50 || !firstPage.nextCursor) throw new Error(`unexpected first page: ${first.status} ${firstPage.items?.length}`);
    const cursor = firstPage.nextCursor;
    const scratchFirst = (await (await fetch(`${scratchUrl}/scratch/tasks-lean`, { headers: { cookie } })).json()) as { items: Array<{ id: string }>; nextCursor: string };
    if (scratchFirst.nextCursor !== cursor) throw new Error('the scratch list does not page like the API');

    const page1 = await captureWorklistQuery(database.url, tech1, {});
    const page2 = await captureWorklistQuery(database.url, tech1, { cursor });
    const plan1 = await explain(db, page1);
    const plan2 = await explain(db, page2);
    console.log(`\n--- EXPLAIN (ANALYZE, BUFFERS) worklist page 1, technician (tech1), ${label} rows ---\n${page1.sql}\n-- params: ${JSON.stringify(page1.params)}\n${plan1.text}`);
    console.log(`\n--- EXPLAIN (ANALYZE, BUFFERS) worklist page 2 (nextCursor), technician, ${label} rows ---\n${plan2.text}\n`);
    log(`plan at ${label}, page 1: ${planLine(plan1)}`);
    log(`plan at ${label}, page 2: ${planLine(plan2)}`);
    // Users few open tasks match: the index walk in due order has to pass many rows the OR filter drops.
    const sparse: Array<{ user: string; plan: Plan }> = [];
    for (const username of ['hr', 'owner-zhang']) {
      const plan = await explain(db, await captureWorklistQuery(database.url, demoUser(username), {}));
      sparse.push({ user: `${username} (${demoUser(username).roles.join('+')})`, plan });
      log(`plan at ${label}, page 1 for ${username}: ${planLine(plan)}`);
    }

    log(`worklist SQL alone, ${RATE}/s open loop, ${DB_SECONDS} s per variant…`);
    const sqlResults: SqlResult[] = [];
    for (const variant of [
      { name: 'current (as the API sends it)', page1, page2 },
      ...(rowCompare(page2) ? [{ name: 'keyset as row comparison', page1, page2: rowCompare(page2)! }] : []),
    ]) {
      sqlResults.push(await sqlOpenLoop(database.url, variant, DB_SECONDS));
    }

    log(`capacity probe (closed loop, 4 in flight, ${CAPACITY_SECONDS} s)…`);
    const capacityApi = await capacity(baseUrl, '/api/v1/tasks', cookie);
    const capacityLean = await capacity(scratchUrl, '/scratch/tasks-lean', cookie);
    const capacitySessionCache = await capacity(scratchUrl, '/scratch/tasks-session-cache', cookie);
    const capacityNoOutputCheck = await capacity(scratchUrl, '/scratch/tasks-no-output-check', cookie);
    log(`  GET /api/v1/tasks ${fmt(capacityApi, 0)} req/s; scratch: lean ${fmt(capacityLean, 0)}, session cache only ${fmt(capacitySessionCache, 0)}, no output check only ${fmt(capacityNoOutputCheck, 0)} req/s`);

    const loadBefore = machineNote();
    log(`HTTP GET /api/v1/tasks, ${RATE}/s open loop, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s…`);
    const api = await measureHttp(baseUrl, '/api/v1/tasks', cookie, cursor);
    log(`  p50 ${fmt(api.all.p50)} p99 ${fmt(api.all.p99)} ms, ${fmt(api.completedPerSecond, 0)} completed/s, max in flight ${api.maxInFlight}, sender lag p99 ${fmt(api.sendLagP99Ms)} ms`);
    log(`HTTP scratch lean route (session cache, no output re-validation), ${RATE}/s open loop, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s…`);
    const lean = await measureHttp(scratchUrl, '/scratch/tasks-lean', cookie, cursor);
    log(`  p50 ${fmt(lean.all.p50)} p99 ${fmt(lean.all.p99)} ms, ${fmt(lean.completedPerSecond, 0)} completed/s, max in flight ${lean.maxInFlight}; ${machineNote()}`);
    log(`HTTP GET /api/v1/tasks below capacity, ${LOW_RATE}/s open loop, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s…`);
    const low = await measureHttp(baseUrl, '/api/v1/tasks', cookie, cursor, LOW_RATE);
    log(`  p50 ${fmt(low.all.p50)} p99 ${fmt(low.all.p99)} ms, ${fmt(low.completedPerSecond, 0)} completed/s; ${machineNote()}`);

    sizes.push({ size, facts, fillSeconds, plans: { page1: plan1, page2: plan2, sparse }, sql: sqlResults, capacity: { api: capacityApi, lean: capacityLean, sessionCache: capacitySessionCache, noOutputCheck: capacityNoOutputCheck }, low, api, lean, loadBefore, loadAfter: machineNote() });
  }

  const [small, large] = sizes;
  const sizeLabel = (r: SizeResult) => r.size.toLocaleString('en');
  console.log(`\n=== HTTP, tech1, ${RATE} req/s open loop, ${SECONDS} s per size; latency from scheduled send (ms) ===`);
  const httpRows = (route: string, pick: (r: SizeResult) => ApiResult) =>
    [small, large].flatMap((r) => {
      const x = pick(r);
      return [
        [sizeLabel(r), route, 'all', x.all.n, fmt(x.all.p50), fmt(x.all.p95), fmt(x.all.p99), fmt(x.all.max), fmt(x.completedPerSecond, 0), x.errors],
        [sizeLabel(r), route, 'page 2 (cursor)', x.page2.n, fmt(x.page2.p50), fmt(x.page2.p95), fmt(x.page2.p99), fmt(x.page2.max), '', ''],
      ];
    });
  printTable(['tasks', 'route', 'requests', 'n', 'p50', 'p95', 'p99', 'max', 'done/s', 'errors'], [
    ...httpRows('GET /api/v1/tasks', (r) => r.api),
    ...httpRows('scratch: lean route', (r) => r.lean),
  ]);
  console.log(`\n=== HTTP GET /api/v1/tasks below capacity: ${LOW_RATE} req/s open loop, ${SECONDS} s per size (ms) ===`);
  printTable(['tasks', 'requests', 'n', 'p50', 'p95', 'p99', 'max', 'errors'], [small, large].flatMap((r) => [
    [sizeLabel(r), 'all', r.low.all.n, fmt(r.low.all.p50), fmt(r.low.all.p95), fmt(r.low.all.p99), fmt(r.low.all.max), r.low.errors],
    [sizeLabel(r), 'page 2 (cursor)', r.low.page2.n, fmt(r.low.page2.p50), fmt(r.low.page2.p95), fmt(r.low.page2.p99), fmt(r.low.page2.max), ''],
  ]));
  console.log(`p99(1M)/p99(100k) at ${LOW_RATE} req/s: ${fmt(large.low.all.p99 / small.low.all.p99, 2)}`);
  console.log('\n=== capacity (closed loop, 4 in flight): completed req/s ===');
  printTable(['tasks', 'GET /api/v1/tasks', 'scratch: lean (both)', 'scratch: session cache only', 'scratch: no output check only'], [small, large].map((r) => [sizeLabel(r), fmt(r.capacity.api, 0), fmt(r.capacity.lean, 0), fmt(r.capacity.sessionCache, 0), fmt(r.capacity.noOutputCheck, 0)]));
  console.log(`\n=== the worklist SQL alone (postgres.js, 10 connections), ${RATE}/s open loop, ${DB_SECONDS} s (ms) ===`);
  printTable(['tasks', 'variant', 'p50', 'p95', 'p99', 'page-2 p50', 'page-2 p99'], [small, large].flatMap((r) => r.sql.map((v) => [sizeLabel(r), v.name, fmt(v.all.p50, 2), fmt(v.all.p95, 2), fmt(v.all.p99, 2), fmt(v.page2.p50, 2), fmt(v.page2.p99, 2)])));
  console.log('\n=== plans (EXPLAIN ANALYZE, single run) ===');
  printTable(['tasks', 'query', 'plan'], [small, large].flatMap((r) => [
    [sizeLabel(r), 'tech1 page 1', planLine(r.plans.page1)],
    [sizeLabel(r), 'tech1 page 2', planLine(r.plans.page2)],
    ...r.plans.sparse.map((s) => [sizeLabel(r), `${s.user} page 1`, planLine(s.plan)]),
  ]));

  const ratio = large.api.all.p99 / small.api.all.p99;
  const leanRatio = large.lean.all.p99 / small.lean.all.p99;
  const p99Met = large.api.all.p99 <= TARGET_P99_MS;
  const ratioMet = ratio <= TARGET_RATIO;
  const plansMet = [small, large].every((r) => [r.plans.page1, r.plans.page2].every((plan) => plan.indexScan && !plan.seqScan));
  console.log('\n=== targets (GET /api/v1/tasks as it is) ===');
  printTable(['measure', 'value', 'target', 'met', 'scratch: lean route'], [
    ['p99 at 1M (ms)', fmt(large.api.all.p99), `≤ ${TARGET_P99_MS}`, p99Met ? 'yes' : 'NO', fmt(large.lean.all.p99)],
    ['p99(1M) / p99(100k)', fmt(ratio, 2), `≤ ${TARGET_RATIO}`, ratioMet ? 'yes' : 'NO', fmt(leanRatio, 2)],
    ['plan: Index Scan on tasks_worklist_idx, no Seq Scan', plansMet ? 'yes' : 'no', 'yes', plansMet ? 'yes' : 'NO', ''],
    [`p99(1M) / p99(100k) at ${LOW_RATE} req/s (below capacity)`, fmt(large.low.all.p99 / small.low.all.p99, 2), `≤ ${TARGET_RATIO}`, large.low.all.p99 / small.low.all.p99 <= TARGET_RATIO ? 'yes' : 'NO', ''],
    ['failed requests', small.api.errors + large.api.errors, '0', small.api.errors + large.api.errors === 0 ? 'yes' : 'NO', small.lean.errors + large.lean.errors],
  ]);
  console.log(`baseline (same process): p99 at 100k = ${fmt(small.api.all.p99)} ms. Machine: ${machineNote()}`);
  const file = await saveResults('worklist', {
    date: new Date().toISOString(),
    machine: machineNote(),
    rate: RATE,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    page2Share: PAGE2_SHARE,
    sizes,
    ratio,
    leanRatio,
    targetsMet: { p99Met, ratioMet, plansMet },
  });
  log(`raw results: ${file}`);
}

runBench(main);
