/**
 * Worklist latency at 100k and 1M tasks: GET /api/v1/tasks as a technician, open loop at a fixed rate.
 *
 *   npm run bench:worklist
 *
 * Env: BENCH_SECONDS (measured seconds per size, default 30), BENCH_WARMUP_SECONDS (5), BENCH_RATE (200 req/s),
 * BENCH_PAGE2_SHARE (0.2: share of requests that ask for the second page with nextCursor),
 * BENCH_DB_SECONDS (10: the direct-SQL comparison of the worklist query and its alternatives per size),
 * BENCH_DATABASE_URL (use that server instead of an embedded PostgreSQL; the bench makes a database of its own on it).
 *
 * Targets: p99 ≤ 50 ms at 1M, p99(1M)/p99(100k) ≤ 1.2, and the plan an Index Scan on tasks_worklist_idx.
 */
import { z } from 'zod';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { connectApiContext, listen } from '../api/server';
import type { ApiContext } from '../api/context';
import type { SessionUser } from '../api/auth/session';
import { listWorklist, worklistFilters } from '../api/use-cases/worklist';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../db/client';
import * as schema from '../db/schema';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoCommunity } from '../db/seed/demo-community';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { diagnosisForm } from '../workflows/fault-repair/messages';
import { envNumber, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, startBenchDatabase, summarize, type Summary } from './lib/common';
import { runOpenLoop, signIn, type OpenLoopResult } from './lib/open-loop';

const SECONDS = envNumber('BENCH_SECONDS', 30);
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', 5);
const RATE = envNumber('BENCH_RATE', 200);
const PAGE2_SHARE = Math.min(0.9, Number(process.env.BENCH_PAGE2_SHARE ?? 0.2));
const DB_SECONDS = envNumber('BENCH_DB_SECONDS', 10);
const SMALL = 100_000;
const LARGE = 1_000_000;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 1.2;

// ---- the synthetic tasks table ----

/**
 * What kinds of human task the table holds, in percent of rows: candidate roles as the processes set
 * them (13 roles), with some tasks for named users (an owner's confirmation, a vendor's repair, one
 * technician picked by a supervisor) and claimed repairs (assignee). Technicians are candidates for ~34 %.
 */
const TASK_KINDS: Array<{ share: number; process: string; step: string; roles: string[]; users: 'none' | 'owner' | 'vendor' | 'technician'; assigned?: boolean }> = [
  { share: 22, process: 'fault-repair', step: 'diagnoseFault', roles: ['technician', 'tech-supervisor'], users: 'none' },
  { share: 11, process: 'fault-repair', step: 'repairFault', roles: ['technician'], users: 'none', assigned: true },
  { share: 1, process: 'fault-repair', step: 'repairFault', roles: ['tech-supervisor'], users: 'technician' },
  { share: 6, process: 'fault-repair', step: 'verifyRepair', roles: ['tech-supervisor'], users: 'none' },
  { share: 6, process: 'fault-repair', step: 'vendorRepair', roles: ['vendor'], users: 'vendor' },
  { share: 8, process: 'fault-repair', step: 'rateRepair', roles: ['owner'], users: 'owner' },
  { share: 10, process: 'patrol', step: 'patrolRound', roles: ['guard'], users: 'none' },
  { share: 8, process: 'alarm-handling', step: 'triageAlarm', roles: ['monitoring-operator'], users: 'none' },
  { share: 6, process: 'expense', step: 'approvePayment', roles: ['finance'], users: 'none' },
  { share: 5, process: 'purchase', step: 'compareQuotes', roles: ['procurement'], users: 'none' },
  { share: 5, process: 'purchase', step: 'approvePurchase', roles: ['management'], users: 'none' },
  { share: 4, process: 'owners-vote', step: 'reviewMotion', roles: ['committee-member'], users: 'none' },
  { share: 3, process: 'onboarding', step: 'checkCertificates', roles: ['hr'], users: 'none' },
  { share: 2, process: 'audit', step: 'reviewRecords', roles: ['auditor'], users: 'none' },
  { share: 1, process: 'access-rights', step: 'grantAccess', roles: ['admin'], users: 'none' },
  { share: 2, process: 'fault-repair', step: 'arrangeRepair', roles: ['tech-supervisor', 'management'], users: 'none' },
];

const sqlText = (value: string) => `'${value.replace(/'/g, "''")}'`;
const sqlArray = (values: string[]) => `ARRAY[${values.map(sqlText).join(',')}]::text[]`;

function kindsValues(): string {
  if (TASK_KINDS.reduce((sum, kind) => sum + kind.share, 0) !== 100) throw new Error('task kind shares must add up to 100');
  const rows: string[] = [];
  let bucket = 0;
  TASK_KINDS.forEach((kind, index) => {
    for (let i = 0; i < kind.share; i++) rows.push(`(${bucket++}, ${index}, ${sqlText(kind.process)}, ${sqlText(kind.step)}, ${sqlArray(kind.roles)}, ${sqlText(kind.users)}, ${kind.assigned ? 'true' : 'false'})`);
  });
  return rows.join(',\n');
}

/**
 * Rows from..to in one INSERT … SELECT generate_series: ~5 % open, 90 % completed, 5 % cancelled; due
 * dates uniform over now ± 30 days. Ten technicians (u-tech1 … u-tech10; tech1 is the one signed in).
 */
function insertTasksSql(from: number, to: number): string {
  return `
    with kinds(bucket, kind, process, step, roles, users_kind, assigned) as (values ${kindsValues()}),
    src as (
      select g, floor(random() * 100)::int as bucket, random() as r_status, random() as r_due, random() as r_user, random() as r_hours
      from generate_series(${from}, ${to}) as g
    ),
    rows as (
      select src.*, kinds.process, kinds.step, kinds.roles, kinds.users_kind, kinds.assigned,
        md5(g::text)::uuid::text as wf,
        case when r_status < 0.05 then 'open' when r_status < 0.95 then 'completed' else 'cancelled' end as status,
        date_trunc('second', now() + (r_due * 60 - 30) * interval '1 day') as due_at,
        'u-tech' || (1 + floor(r_user * 10)::int) as technician
      from src join kinds using (bucket)
    )
    insert into tasks (id, workflow_id, process, step_id, title, status, candidate_roles, candidate_users, assignee, priority,
                       due_at, created_at, completed_at, completed_by, form_schema, context, result)
    select
      process || '-' || wf || '.' || step || '.1',
      process || '-' || wf,
      process,
      step,
      'Diagnose: cctv: Lobby camera shows a black image #' || g,
      status,
      roles,
      case users_kind
        when 'owner' then array['u-owner-' || floor(r_user * 2000)::int]
        when 'vendor' then array['u-vendor-' || (array['cctv','access-control','intrusion-alarm','network','elevator-monitoring','smart-home'])[1 + floor(r_user * 6)::int]]
        when 'technician' then array[technician]
        else '{}'::text[]
      end,
      case when assigned and (status <> 'open' or r_hours < 0.6) then technician end,
      case when r_user < 0.1 then 70 else 50 end,
      due_at,
      due_at - (1 + floor(r_hours * 72)) * interval '1 hour',
      case when status <> 'open' then due_at - floor(r_hours * 24) * interval '1 hour' end,
      case when status = 'completed' then technician end,
      $1::jsonb,
      jsonb_build_object('system', 'cctv', 'location', jsonb_build_object('buildingId', 'b1', 'unitId', 'b1-101'),
                         'symptoms', 'Lobby camera shows a black image', 'occurredAt', due_at - interval '2 hours'),
      case when status = 'completed' then '{"cause":"Loose video cable","repairPlan":"Reseat the cable","faultClass":"general"}'::jsonb end
    from rows`;
}

async function fillTasks(db: Database, from: number, to: number, seed: number): Promise<number> {
  const started = performance.now();
  const formSchema = JSON.stringify(z.toJSONSchema(diagnosisForm, { io: 'input' }));
  await db.$client.begin(async (sql) => {
    await sql`select setseed(${seed})`;
    await sql.unsafe(insertTasksSql(from, to), [formSchema]);
  });
  await db.$client.unsafe('vacuum (analyze) tasks');
  return (performance.now() - started) / 1000;
}

async function tableFacts(db: Database) {
  const [row] = await db.$client.unsafe<Array<{ total: string; open: string; tech_open: string; heap: string; idx: string }>>(`
    select count(*) as total, count(*) filter (where status = 'open') as open,
      count(*) filter (where status = 'open' and (candidate_roles && '{technician}' or 'u-tech1' = any(candidate_users) or assignee = 'u-tech1')) as tech_open,
      pg_size_pretty(pg_table_size('tasks')) as heap, pg_size_pretty(pg_indexes_size('tasks')) as idx from tasks`);
  return { total: Number(row.total), open: Number(row.open), technicianOpen: Number(row.tech_open), tableSize: row.heap, indexesSize: row.idx };
}

// ---- the worklist query exactly as the API sends it ----

interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/** Runs listWorklist (the real use case) on a drizzle instance that records the SQL it sends. */
async function captureWorklistQuery(url: string, user: SessionUser, query: Record<string, string>): Promise<CapturedQuery> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const captured: CapturedQuery[] = [];
  const db = drizzle(client, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } }) as unknown as Database;
  try {
    const ctx = { db, temporal: null, taskQueue: 'unused', settings: null } as unknown as ApiContext;
    await listWorklist(ctx, user, worklistFilters.parse(query));
  } finally {
    await client.end();
  }
  const select = captured.find((entry) => entry.sql.includes('from "tasks"'));
  if (!select) throw new Error('did not see the worklist query');
  return select;
}

async function explain(db: Database, query: CapturedQuery): Promise<{ text: string; indexScan: boolean; seqScan: boolean }> {
  const rows = await db.$client.unsafe<Array<{ 'QUERY PLAN': string }>>(`explain (analyze, buffers) ${query.sql}`, query.params as never[]);
  const text = rows.map((row) => row['QUERY PLAN']).join('\n');
  return {
    text,
    indexScan: /Index Scan( Backward)? using tasks_worklist_idx on tasks/.test(text),
    seqScan: /Seq Scan on tasks/.test(text),
  };
}

// ---- direct SQL, open loop: the worklist query and alternatives without the HTTP layer ----

interface SqlVariant {
  name: string;
  page1: CapturedQuery;
  page2: CapturedQuery;
}

async function sqlOpenLoop(url: string, variant: SqlVariant, seconds: number): Promise<{ page1: Summary; page2: Summary; all: Summary }> {
  const client = postgres(url, { max: 10, onnotice: () => {} });
  try {
    // Warm the pool and the cache.
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
      page1: summarize(results.filter((r) => r.kind === 'page1').map((r) => r.ms)),
      page2: summarize(results.filter((r) => r.kind === 'page2').map((r) => r.ms)),
      all: summarize(results.map((r) => r.ms)),
    };
  } finally {
    await client.end();
  }
}

// ---- HTTP, open loop ----

async function measureApi(baseUrl: string, cookie: string, cursor: string): Promise<{ page1: Summary; page2: Summary; all: Summary; service: Summary; raw: OpenLoopResult }> {
  const result = await runOpenLoop({
    baseUrl,
    cookie,
    ratePerSecond: RATE,
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS,
    requests: [
      { kind: 'page1', method: 'GET', path: '/api/v1/tasks', weight: 1 - PAGE2_SHARE },
      ...(PAGE2_SHARE > 0 ? [{ kind: 'page2', method: 'GET' as const, path: `/api/v1/tasks?cursor=${encodeURIComponent(cursor)}`, weight: PAGE2_SHARE }] : []),
    ],
  });
  if (result.errors > 0) log(`!! ${result.errors} failed requests, e.g. ${result.errorExamples.join(' / ')}`);
  const ok = result.samples.filter((sample) => sample.status === 200);
  return {
    page1: summarize(ok.filter((s) => s.kind === 'page1').map((s) => s.latencyMs)),
    page2: summarize(ok.filter((s) => s.kind === 'page2').map((s) => s.latencyMs)),
    all: summarize(result.samples.map((s) => (s.status === 200 ? s.latencyMs : Infinity))),
    service: summarize(ok.map((s) => s.serviceMs)),
    raw: { ...result, samples: [] },
  };
}

/** The scratch alternatives: the same query with one change each (none of them is applied to api/ or db/). */
function alternatives(current: { page1: CapturedQuery; page2: CapturedQuery }): SqlVariant[] {
  // Keyset condition as a row comparison, which an index scan can start from instead of filtering.
  const rowCompare = (query: CapturedQuery): CapturedQuery => {
    const match = /\("tasks"\."due_at" > \$(\d+) or \("tasks"\."due_at" = \$(\d+) and "tasks"\."id" > \$(\d+)\)\)/.exec(query.sql);
    if (!match) throw new Error('keyset condition not found in the worklist query');
    const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const sql = query.sql.replace(match[0], `("tasks"."due_at", "tasks"."id") > ($${a}, $${c})`);
    // Drop the now unused parameter $b and renumber the ones after it.
    const renumbered = sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) > b ? Number(n) - 1 : Number(n)}`);
    return { sql: renumbered, params: query.params.filter((_p, index) => index !== b - 1) };
  };
  return [
    { name: 'current (as the API sends it)', ...current },
    { name: 'keyset as row comparison (due_at, id) > ($, $)', page1: current.page1, page2: rowCompare(current.page2) },
  ];
}

async function main(): Promise<void> {
  log(`worklist bench: ${RATE} req/s open loop, ${SECONDS} s measured (+${WARMUP_SECONDS} s warm-up) per size, page-2 share ${PAGE2_SHARE}`);
  log(`machine: ${machineNote()}`);
  const database = await startBenchDatabase('steward_bench_worklist');
  const db = openDatabase(database.url);
  onCleanup('close database pool', () => closeDatabase(db));
  await migrateDatabase(db);
  await seedDemoCommunity(db);
  const [{ version }] = await db.$client.unsafe<Array<{ version: string }>>('select version()');
  log(`PostgreSQL: ${version.split(' on ')[0]} (${database.embedded ? 'embedded, default settings' : 'BENCH_DATABASE_URL'})`);

  const temporal = await startTemporalDevServer({ log });
  onCleanup('stop Temporal dev server', () => temporal.stop());
  const ctx = await connectApiContext(db, { address: temporal.address, namespace: 'default', taskQueue: 'bench-unused' });
  onCleanup('close Temporal client', () => ctx.close());
  const server: Server = await listen(ctx, 0, '127.0.0.1');
  onCleanup('close HTTP server', () => new Promise<void>((resolve) => server.close(() => resolve())));
  server.keepAliveTimeout = 30_000;
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const cookie = await signIn(baseUrl, 'tech1', DEMO_PASSWORD);
  const tech1 = DEMO_USERS.find((user) => user.username === 'tech1')!;
  const user: SessionUser = { id: tech1.id, username: tech1.username, displayName: tech1.displayName, roles: [...tech1.roles], ownerId: null, vendorId: null };
  log(`API on ${baseUrl}, signed in as tech1 (roles: ${user.roles.join(', ')})`);

  const sizes: Array<Record<string, unknown>> = [];
  let filled = 0;
  for (const [index, size] of [SMALL, LARGE].entries()) {
    log(`filling tasks to ${size.toLocaleString('en')} rows…`);
    const fillSeconds = await fillTasks(db, filled + 1, size, 0.1 + index * 0.3);
    filled = size;
    const facts = await tableFacts(db);
    log(`  ${fmt(fillSeconds)} s (insert + vacuum analyze): ${facts.total} rows, ${facts.open} open, ${facts.technicianOpen} open for tech1; table ${facts.tableSize}, indexes ${facts.indexesSize}`);

    const first = await fetch(`${baseUrl}/api/v1/tasks`, { headers: { cookie } });
    const firstPage = (await first.json()) as { items: unknown[]; nextCursor: string | null };
    if (first.status !== 200 || firstPage.items.length !== 50 || !firstPage.nextCursor) throw new Error(`unexpected first page: ${first.status} ${firstPage.items?.length}`);
    const cursor = firstPage.nextCursor;

    const page1 = await captureWorklistQuery(database.url, user, {});
    const page2 = await captureWorklistQuery(database.url, user, { cursor });
    const plan1 = await explain(db, page1);
    const plan2 = await explain(db, page2);
    console.log(`\n--- EXPLAIN (ANALYZE, BUFFERS) worklist page 1, technician, ${size.toLocaleString('en')} rows ---\n${page1.sql}\n-- params: ${JSON.stringify(page1.params)}\n${plan1.text}`);
    console.log(`\n--- EXPLAIN (ANALYZE, BUFFERS) worklist page 2 (cursor), ${size.toLocaleString('en')} rows ---\n${plan2.text}\n`);
    log(`plan at ${size.toLocaleString('en')}: page 1 ${plan1.indexScan ? 'Index Scan on tasks_worklist_idx' : 'NO index scan on tasks_worklist_idx'}${plan1.seqScan ? ' + Seq Scan!' : ''}; page 2 ${plan2.indexScan ? 'Index Scan on tasks_worklist_idx' : 'NO index scan on tasks_worklist_idx'}${plan2.seqScan ? ' + Seq Scan!' : ''}`);

    log(`direct SQL, ${RATE}/s for ${DB_SECONDS} s per variant…`);
    const sqlResults: Array<{ name: string; page1: Summary; page2: Summary; all: Summary }> = [];
    for (const variant of alternatives({ page1, page2 })) sqlResults.push({ name: variant.name, ...(await sqlOpenLoop(database.url, variant, DB_SECONDS)) });

    log(`HTTP GET /api/v1/tasks, ${RATE}/s open loop, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s…`);
    const loadBefore = machineNote();
    const api = await measureApi(baseUrl, cookie, cursor);
    log(`  done (${api.all.n} requests, max in flight ${api.raw.maxInFlight}, sender lag p99 ${fmt(api.raw.sendLagP99Ms)} ms); ${machineNote()}`);
    sizes.push({ size, facts, fillSeconds, plan: { page1: plan1, page2: plan2 }, sql: sqlResults, api: { ...api, raw: undefined, errors: api.raw.errors, maxInFlight: api.raw.maxInFlight, sendLagP99Ms: api.raw.sendLagP99Ms }, loadBefore, loadAfter: machineNote() });
  }

  type SizeResult = { size: number; api: { page1: Summary; page2: Summary; all: Summary; service: Summary; errors: number }; sql: Array<{ name: string; page1: Summary; page2: Summary; all: Summary }>; plan: { page1: { indexScan: boolean; seqScan: boolean }; page2: { indexScan: boolean; seqScan: boolean } } };
  const [small, large] = sizes as unknown as SizeResult[];

  console.log(`\n=== GET /api/v1/tasks as tech1, ${RATE} req/s open loop, ${SECONDS} s per size (latency from scheduled send, ms) ===`);
  const apiRows = (label: string, pick: (r: SizeResult) => Summary) =>
    [small, large].map((r) => [`${r.size.toLocaleString('en')}`, label, pick(r).n, fmt(pick(r).p50), fmt(pick(r).p95), fmt(pick(r).p99), fmt(pick(r).max)]);
  printTable(['tasks', 'requests', 'n', 'p50', 'p95', 'p99', 'max'], [
    ...apiRows('all', (r) => r.api.all),
    ...apiRows('page 1', (r) => r.api.page1),
    ...apiRows('page 2 (cursor)', (r) => r.api.page2),
    ...apiRows('all, from actual send', (r) => r.api.service),
  ]);
  console.log(`\n=== the worklist SQL alone, ${RATE}/s open loop, ${DB_SECONDS} s (ms) ===`);
  printTable(['tasks', 'variant', 'p50', 'p99', 'page-2 p50', 'page-2 p99'], [small, large].flatMap((r) => r.sql.map((v) => [r.size.toLocaleString('en'), v.name, fmt(v.all.p50, 2), fmt(v.all.p99, 2), fmt(v.page2.p50, 2), fmt(v.page2.p99, 2)])));

  const ratio = large.api.all.p99 / small.api.all.p99;
  const p99Met = large.api.all.p99 <= TARGET_P99_MS;
  const ratioMet = ratio <= TARGET_RATIO;
  const plansMet = [small, large].every((r) => r.plan.page1.indexScan && r.plan.page2.indexScan && !r.plan.page1.seqScan && !r.plan.page2.seqScan);
  const errorsMet = small.api.errors === 0 && large.api.errors === 0;
  console.log('\n=== targets ===');
  printTable(['measure', 'value', 'target', 'met'], [
    ['p99 at 1M (ms)', fmt(large.api.all.p99), `≤ ${TARGET_P99_MS}`, p99Met ? 'yes' : 'NO'],
    ['p99(1M) / p99(100k)', fmt(ratio, 2), `≤ ${TARGET_RATIO}`, ratioMet ? 'yes' : 'NO'],
    ['plan: Index Scan on tasks_worklist_idx, no Seq Scan (both sizes, both pages)', plansMet ? 'yes' : 'no', 'yes', plansMet ? 'yes' : 'NO'],
    ['failed requests', small.api.errors + large.api.errors, '0', errorsMet ? 'yes' : 'NO'],
  ]);
  console.log(`baseline (same process): p99 at 100k = ${fmt(small.api.all.p99)} ms; machine: ${machineNote()}`);
  const file = await saveResults('worklist', { date: new Date().toISOString(), machine: machineNote(), rate: RATE, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, page2Share: PAGE2_SHARE, sizes, ratio, targetsMet: { p99Met, ratioMet, plansMet, errorsMet } });
  log(`raw results: ${file}`);
}

runBench(main);
