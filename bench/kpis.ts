/**
 * The indicators and the heatmap at 1M and 10M step events (P7.2a, P3.3c): each indicator family's query, the whole
 * report as GET /api/v1/kpis runs it, and a process's heatmap, over a 30-day period (the dashboard's default) of a
 * year of instances (each period holding the same number of instances at every size), with and without a building.
 *
 *   npm run bench:kpis
 *
 * Env: BENCH_SIZES (step events per size, default 1000000,10000000), BENCH_ITERATIONS (timed runs per query and
 * size, default 40, after 3 untimed), BENCH_DATABASE_URL (use that server instead of an embedded PostgreSQL).
 *
 * The data: ten step events per instance (five steps entered and left, one instance in ten entering its fourth step
 * twice), instances spread evenly over 2025 across six processes, two tasks per instance (one in ten late, one in
 * ten of the second still open), one fault repair in fifty an outage of a demo device, ratings on a fifth of the
 * repairs; each size is built with INSERT … SELECT generate_series, in chunks, then ANALYZE.
 *
 * Target: p99 ≤ 200 ms at 10M for each query; the ratio p99(10M)/p99(1M) shows how the cost grows with the table.
 */
import { performance } from 'node:perf_hooks';
import type { SessionUser } from '../api/auth/session';
import type { ApiContext } from '../api/context';
import { construction } from '../api/use-cases/kpis/construction';
import { processHeatmap } from '../api/use-cases/kpis/heatmap';
import { periodOf } from '../api/use-cases/kpis/period';
import { platformUse } from '../api/use-cases/kpis/platform-use';
import { kpiReport } from '../api/use-cases/kpis/report';
import { satisfaction } from '../api/use-cases/kpis/satisfaction';
import { serviceQuality } from '../api/use-cases/kpis/service-quality';
import { stability } from '../api/use-cases/kpis/stability';
import type { Database } from '../db/client';
import { PROCESSES } from '../workflows/processes';
import { envList, envNumber, fmt, log, machineNote, printTable, runBench, saveResults, summarize, type Summary } from './lib/common';
import { logPostgresVersion, startDemoDatabase } from './lib/demo-database';

const SIZES = envList('BENCH_SIZES', [1_000_000, 10_000_000]);
const ITERATIONS = envNumber('BENCH_ITERATIONS', 40);
const TARGET_P99_MS = 200;
const EVENTS_PER_INSTANCE = 10;
/** Instances written per statement while filling: ~1M step events a statement. */
const CHUNK = 100_000;
const YEAR_START = '2025-01-01T00:00:00+08:00';

const MANAGER: SessionUser = { id: 'u-manager', username: 'manager', displayName: 'manager', roles: ['management'], ownerId: null, vendorId: null };

/** Six processes with at least five steps each, fault repair first (stability and ratings read it). */
const BENCH_PROCESSES = [
  PROCESSES.find((definition) => definition.name === 'fault-repair')!,
  ...PROCESSES.filter((definition) => definition.name !== 'fault-repair' && Object.keys(definition.steps).length >= 5).slice(0, 5),
].map((definition) => ({ name: definition.name, steps: Object.values(definition.steps).slice(0, 5).map((step) => step.id) }));

const sqlText = (value: string) => `'${value.replace(/'/g, "''")}'`;
const textArray = (values: string[]) => `ARRAY[${values.map(sqlText).join(',')}]::text[]`;

/** Instances from..to (numbered), their step events, tasks and repair records: one statement each. */
async function fillChunk(db: Database, from: number, to: number, units: string[], devices: Array<{ id: string; zone: string }>): Promise<void> {
  const processes = textArray(BENCH_PROCESSES.map((process) => process.name));
  const steps = `ARRAY[${BENCH_PROCESSES.map((process) => textArray(process.steps)).join(',')}]`;
  const started = `(timestamptz '${YEAR_START}' + (g::float8 / $1) * interval '365 days')`;
  const total = `${SIZES.at(-1)! / EVENTS_PER_INSTANCE}`;
  const client = db.$client;
  await client.unsafe(
    `insert into process_instances (workflow_id, process, title, status, started_at, ended_at, data, last_seq)
     select 'bench-' || g, (${processes})[g % ${BENCH_PROCESSES.length} + 1], 'bench',
       case when g % 10 = 0 then 'running' else 'completed' end,
       ${started},
       case when g % 10 = 0 then null else ${started} + ((g % 97) + 1) * interval '7 minutes' end,
       jsonb_build_object('report', case when g % 50 = 0
         then jsonb_build_object('system', 'cctv', 'source', 'monitoring', 'occurredAt', ${started} - interval '5 minutes',
           'location', jsonb_build_object('zoneId', (${textArray(devices.map((device) => device.zone))})[g % ${devices.length} + 1],
             'deviceId', (${textArray(devices.map((device) => device.id))})[g % ${devices.length} + 1]))
         else jsonb_build_object('system', (array['cctv','access-control','intrusion-alarm','network','elevator-monitoring','smart-home'])[g % 6 + 1],
           'source', 'staff', 'location', jsonb_build_object('unitId', (${textArray(units)})[g % ${units.length} + 1])) end),
       ${EVENTS_PER_INSTANCE}
     from generate_series(${from}, ${to}) g`,
    [total],
  );
  await client.unsafe(
    `insert into step_events (workflow_id, seq, step_id, event, visit, at)
     select 'bench-' || g, s,
       (${steps})[g % ${BENCH_PROCESSES.length} + 1][case when g % 10 = 1 and s > 8 then 4 else (s - 1) / 2 + 1 end],
       case when s % 2 = 1 then 'entered' else 'completed' end,
       case when g % 10 = 1 and s > 8 then 2 else 1 end,
       ${started} + s * ((g % 13) + 1) * interval '1 minute'
     from generate_series(${from}, ${to}) g, generate_series(1, ${EVENTS_PER_INSTANCE}) s`,
    [total],
  );
  await client.unsafe(
    `insert into tasks (id, workflow_id, process, step_id, title, status, candidate_roles, candidate_users, priority, due_at, created_at, completed_at, completed_by, form_schema, context)
     select 'bench-' || g || '-' || k, 'bench-' || g, (${processes})[g % ${BENCH_PROCESSES.length} + 1],
       (${steps})[g % ${BENCH_PROCESSES.length} + 1][k * 2], 'bench',
       case when g % 10 = 0 and k = 2 then 'open' else 'completed' end, '{technician}', '{}', 50,
       ${started} + k * interval '1 hour', ${started},
       case when g % 10 = 0 and k = 2 then null else ${started} + k * interval '1 hour' + case when g % 10 = 3 then interval '30 minutes' else interval '-30 minutes' end end,
       case when g % 10 = 0 and k = 2 then null else 'u-tech' || (g % 2 + 1) end, '{}'::json, '{}'::json
     from generate_series(${from}, ${to}) g, generate_series(1, 2) k`,
    [total],
  );
  await client.unsafe(
    `insert into repair_records (workflow_id, system, location, symptoms, cause, repair_process, parts_replaced, time_spent_minutes, repaired_by, verified_by, rework_count, closed_at, rating, rated_at)
     select 'bench-' || g, 'cctv', jsonb_build_object('unitId', (${textArray(units)})[g % ${units.length} + 1]), 'bench', 'bench', 'bench', '{}', 30, 'u-tech1', 'u-techsup', 0,
       ${started} + interval '2 hours', g % 5 + 1, ${started} + interval '3 hours'
     from generate_series(${from}, ${to}) g
     where g % ${BENCH_PROCESSES.length} = 0 and g % 5 = 0 and g % 10 <> 0`,
    [total],
  );
}

/** Fills instances up to `instances` (from what is there), then ANALYZE. */
async function growTo(db: Database, have: number, instances: number, units: string[], devices: Array<{ id: string; zone: string }>): Promise<number> {
  const t0 = performance.now();
  for (let from = have + 1; from <= instances; from += CHUNK) {
    await fillChunk(db, from, Math.min(instances, from + CHUNK - 1), units, devices);
    log(`  ${Math.min(instances, from + CHUNK - 1).toLocaleString('en')} instances (${fmt((performance.now() - t0) / 1000, 0)} s)`);
  }
  await db.$client.unsafe('analyze process_instances; analyze step_events; analyze tasks; analyze repair_records');
  return (performance.now() - t0) / 1000;
}

interface Query {
  name: string;
  run: (ctx: ApiContext, from: string, to: string) => Promise<unknown>;
}

const QUERIES: Query[] = [
  { name: 'service quality', run: async (ctx, from, to) => serviceQuality(ctx, await periodOf(ctx, { from, to })) },
  { name: 'service quality, building b1', run: async (ctx, from, to) => serviceQuality(ctx, await periodOf(ctx, { from, to, building: 'b1' })) },
  { name: 'stability', run: async (ctx, from, to) => stability(ctx, await periodOf(ctx, { from, to })) },
  { name: 'construction', run: async (ctx, from, to) => construction(ctx, await periodOf(ctx, { from, to })) },
  { name: 'satisfaction', run: async (ctx, from, to) => satisfaction(ctx, await periodOf(ctx, { from, to })) },
  { name: 'platform use', run: async (ctx, from, to) => platformUse(ctx, await periodOf(ctx, { from, to })) },
  { name: 'whole report (GET /kpis)', run: (ctx, from, to) => kpiReport(ctx, { from, to }) },
  { name: 'heatmap fault-repair', run: (ctx, from, to) => processHeatmap(ctx, MANAGER, 'fault-repair', { from, to }) },
];

/**
 * The i-th 30-day period within the days the instances cover so far (the largest size spreads them over 2025, a
 * smaller one over the same share of it: every period holds as many instances at every size, only the tables grow).
 * Each run reads other days, so no answer comes from a warm cache of the same rows only.
 */
function period(i: number, spanDays: number): { from: string; to: string } {
  const start = new Date(Date.UTC(2025, 0, 1) + ((i * 37) % Math.max(1, Math.floor(spanDays) - 30)) * 86_400_000);
  const end = new Date(start.getTime() + 29 * 86_400_000);
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

async function measure(ctx: ApiContext, query: Query, spanDays: number): Promise<Summary> {
  for (let i = 0; i < 3; i++) await query.run(ctx, period(i, spanDays).from, period(i, spanDays).to);
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const { from, to } = period(i + 3, spanDays);
    const t0 = performance.now();
    await query.run(ctx, from, to);
    times.push(performance.now() - t0);
  }
  return summarize(times);
}

async function main(): Promise<void> {
  log(machineNote());
  const database = await startDemoDatabase('steward_bench_kpis', { max: 10 });
  await logPostgresVersion(database);
  const { db } = database;
  const ctx = { db, settings: { communityTimeZone: 'Asia/Shanghai' } } as unknown as ApiContext;
  const units = (await db.$client.unsafe<Array<{ id: string }>>('select id from units order by id')).map((row) => row.id);
  const devices = (await db.$client.unsafe<Array<{ id: string; zone: string }>>('select id, zone_id as zone from devices order by id')).map((row) => ({ id: row.id, zone: row.zone }));
  log(`processes: ${BENCH_PROCESSES.map((process) => process.name).join(', ')}; ${units.length} units, ${devices.length} devices`);

  const results: Array<{ events: number; fillSeconds: number; queries: Record<string, Summary> }> = [];
  let have = 0;
  for (const events of SIZES) {
    const instances = Math.round(events / EVENTS_PER_INSTANCE);
    log(`filling to ${events.toLocaleString('en')} step events (${instances.toLocaleString('en')} instances)`);
    const fillSeconds = await growTo(db, have, instances, units, devices);
    have = instances;
    const [{ count }] = await db.$client.unsafe<Array<{ count: string }>>('select count(*) from step_events');
    log(`step_events: ${Number(count).toLocaleString('en')} rows, filled in ${fmt(fillSeconds, 0)} s`);
    const queries: Record<string, Summary> = {};
    for (const query of QUERIES) {
      queries[query.name] = await measure(ctx, query, (365 * events) / SIZES.at(-1)!);
      log(`  ${query.name}: p50 ${fmt(queries[query.name].p50)} ms, p99 ${fmt(queries[query.name].p99)} ms`);
    }
    results.push({ events, fillSeconds, queries });
  }

  const [small, large] = [results[0], results.at(-1)!];
  console.log(`\nKPI and heatmap queries over a 30-day period, ${ITERATIONS} runs each (ms); target p99 ≤ ${TARGET_P99_MS} ms at the largest size\n`);
  printTable(
    ['query', ...results.flatMap((result) => [`p50 @${result.events / 1e6}M`, `p99 @${result.events / 1e6}M`]), `p99 ratio ${large.events / 1e6}M/${small.events / 1e6}M`, 'target'],
    QUERIES.map((query) => [
      query.name,
      ...results.flatMap((result) => [fmt(result.queries[query.name].p50), fmt(result.queries[query.name].p99)]),
      fmt(large.queries[query.name].p99 / small.queries[query.name].p99, 2),
      large.queries[query.name].p99 <= TARGET_P99_MS ? 'met' : 'MISSED',
    ]),
  );
  log(`results: ${await saveResults('kpis', { machine: machineNote(), iterations: ITERATIONS, results })}`);
}

runBench(main);
