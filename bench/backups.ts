/**
 * Backups at size (P5.2b): with the worklist bench's tasks table, a full backup and incrementals after a day's
 * change, their time and size; the restore of the latest backup; the worklist's p99 while backups run against
 * without, in the same run.
 *
 *   npm run bench:backups
 *
 * Env: BENCH_TASKS (rows in tasks, default 1,000,000 as the issue asks; 100,000 finishes in a few minutes on a
 * shared 2-core machine), BENCH_CHANGE_PERCENT (a day's change, % of the rows: 1), BENCH_RATE (50 req/s of
 * GET /api/v1/tasks as tech1, open loop), BENCH_SECONDS (20 s per worklist window), BENCH_WARMUP_SECONDS (3).
 * The cluster is an embedded PostgreSQL 15 archiving to pgBackRest (BENCH_DATABASE_URL is not used: pgBackRest
 * reads the cluster's files); the off-site target is a folder through rclone's local backend.
 *
 * Targets: incremental ≤ 10 % of the full's time; restore ≤ 2 min; worklist p99 while a backup runs ≤ 1.5 × without.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { connectApiContext, listen } from '../api/server';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../db/client';
import { backupRuns } from '../db/schema';
import { DEMO_PASSWORD, seedDemoCommunity } from '../db/seed/demo-community';
import { applyRetention, backupDatabase, backupFiles, closeBackupRun, copyOffsite, latestRestorable, openBackupRun, restoreDrill, type BackupContext } from '../domain/backups';
import { parseOffsiteUrl } from '../integrations/backups/offsite';
import { repositoryAt, restoreInto } from '../integrations/backups/pgbackrest';
import { startScratchServer } from '../integrations/backups/scratch-server';
import { archivingSettings, type BackupSettings } from '../integrations/backups/settings';
import { digestsOf } from '../integrations/backups/table-digests';
import { startEmbeddedPostgres } from '../scripts/dev-services/embedded-postgres';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { envNumber, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, scratchDir, STEWARD_DEFAULTS, summarize, type Summary, TEMPORAL_CLI } from './lib/common';
import { baseUrlOf, runOpenLoop, signIn } from './lib/open-loop';
import { fillTasks, tableFacts } from './lib/worklist-tasks';

const TASKS = envNumber('BENCH_TASKS', 1_000_000);
const CHANGE_PERCENT = envNumber('BENCH_CHANGE_PERCENT', 1);
const RATE = envNumber('BENCH_RATE', 50);
const SECONDS = envNumber('BENCH_SECONDS', 20);
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', 3);
const TARGET_INCREMENTAL_SHARE = 0.1;
const TARGET_RESTORE_S = 120;
const TARGET_P99_RATIO = 1.5;

const MB = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '–' : fmt(bytes / 1e6, 1));
const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? '–' : fmt(ms / 1000, 1));

interface RunFigures {
  id: string;
  kind: string;
  change: string;
  totalMs: number;
  parts: { database?: number; files?: number; retention?: number; offsite?: number };
  databaseBytes: number | null;
  backupBytes: number | null;
  offsiteBytes: number | null;
  /** When it ran (epoch ms), to tell which worklist requests it overlapped. */
  from: number;
  to: number;
}

let runs = 0;

/** One backup run as the backup process makes it (database, files, retention, off-site copy), timed. */
async function backUp(ctx: BackupContext, kind: 'full' | 'incremental', change: string): Promise<RunFigures> {
  const runId = `bench-${kind}-${++runs}`;
  const from = Date.now();
  const started = performance.now();
  await openBackupRun(ctx.db, { runId, kind, requestedBy: null });
  await backupDatabase(ctx, { runId, kind });
  await backupFiles(ctx, { runId });
  await applyRetention(ctx, { runId });
  await copyOffsite(ctx, { runId });
  await closeBackupRun(ctx.db, { runId, error: null });
  const totalMs = performance.now() - started;
  const [run] = await ctx.db.select().from(backupRuns).where(eq(backupRuns.id, runId));
  if (!run || run.kind !== kind) throw new Error(`${runId}: expected a ${kind} backup, pgBackRest made ${run?.kind}`);
  return { id: runId, kind, change, totalMs, parts: run.durations, databaseBytes: run.databaseBytes, backupBytes: run.backupBytes, offsiteBytes: run.offsite?.bytes ?? null, from, to: Date.now() };
}

/**
 * A day's change as the worklist sees it: new tasks appended (half the share) and as many open tasks completed
 * (the other half), in the table's newest and scattered rows alike.
 */
async function worklistDay(db: Database, rows: number, seed: number): Promise<void> {
  const changed = Math.round((rows * CHANGE_PERCENT) / 100);
  // Row numbers after the first fill's: each row's ids come from its number.
  await fillTasks(db, rows + 1, rows + Math.round(changed / 2), seed);
  await db.$client.unsafe(`
    update tasks set status = 'completed', completed_at = now(), completed_by = 'u-tech1'
    where id in (select id from tasks where status = 'open' order by md5(id || '${seed}') limit ${Math.round(changed / 2)})`);
}

/** The same share of rows changed at random across the whole table: the worst case for a file-level incremental. */
async function scatteredDay(db: Database): Promise<void> {
  await db.$client.unsafe(`update tasks set priority = priority + 1 where random() < ${CHANGE_PERCENT / 100}`);
}

/** The latest backup restored from the local repository into a fresh folder, replayed to its restore point, opened. */
async function timeRestore(settings: BackupSettings, db: Database, workDir: string) {
  const run = await latestRestorable(db);
  if (!run?.label || !run.restorePoint) throw new Error('nothing to restore');
  await mkdir(workDir, { recursive: true });
  const repository = await repositoryAt(settings, path.join(settings.dir, 'pgbackrest'), workDir);
  const pgData = path.join(workDir, 'pgdata');
  const started = performance.now();
  await restoreInto(repository, run.label, run.restorePoint, pgData);
  const restoredMs = performance.now() - started;
  const server = await startScratchServer({ pgData, workDir, as: repository.as, user: settings.postgres.user, binDirectory: settings.postgres.binDirectory });
  const openMs = performance.now() - started;
  const sql = server.sql(settings.postgres.database);
  const [{ count }] = await sql<{ count: string }[]>`select count(*) from tasks`;
  await server.stop();
  return { label: run.label, kind: run.kind, restoredMs, openMs, tasks: Number(count) };
}

interface Window {
  name: string;
  all: Summary;
  /** Requests scheduled while a backup ran. */
  during: Summary | null;
  errors: number;
  load: string;
}

async function worklistWindow(name: string, baseUrl: string, cookie: string, backupsOver?: () => Promise<RunFigures[]>): Promise<Window> {
  const result = await runOpenLoop({
    baseUrl,
    cookie,
    ratePerSecond: RATE,
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS,
    requests: [{ kind: 'page1', method: 'GET', path: '/api/v1/tasks', weight: 1 }],
    timeoutMs: 120_000,
  });
  if (result.errors > 0) log(`!! ${result.errors} failed requests, e.g. ${result.errorExamples.join(' / ')}`);
  const load = machineNote();
  // The backups running when the window closed are waited for: their end tells which requests they overlapped.
  const backups = backupsOver ? await backupsOver() : [];
  const latency = (sample: (typeof result.samples)[number]) => (sample.status === 200 ? sample.latencyMs : Infinity);
  const inBackup = (sample: (typeof result.samples)[number]) => {
    const at = result.windowStartEpochMs + sample.scheduledMs;
    return backups.some((run) => run.from <= at && at <= run.to);
  };
  return {
    name,
    all: summarize(result.samples.map(latency)),
    during: backupsOver ? summarize(result.samples.filter(inBackup).map(latency)) : null,
    errors: result.errors,
    load,
  };
}

async function main(): Promise<void> {
  log(`backups bench: ${TASKS.toLocaleString('en')} tasks, a day's change ${CHANGE_PERCENT} %, worklist ${RATE} req/s open loop, ${SECONDS} s windows`);
  log(`machine: ${machineNote()}`);
  const root = await scratchDir('steward-bench-backups-');
  const backupDir = path.join(root, 'backups');
  const server = await startEmbeddedPostgres(path.join(root, 'postgres'), 'steward_bench_backups', { temporary: true, settings: archivingSettings(backupDir) });
  onCleanup('stop embedded PostgreSQL', () => server.stop());
  const db = openDatabase(server.url, { max: 10 });
  onCleanup('close database pool', () => closeDatabase(db));
  await migrateDatabase(db);
  await seedDemoCommunity(db);
  const [{ version }] = await db.$client.unsafe<Array<{ version: string }>>('select version()');
  log(`PostgreSQL: ${version.split(' on ')[0]} (embedded, archiving to pgBackRest)`);

  log(`filling tasks to ${TASKS.toLocaleString('en')} rows…`);
  const fillSeconds = await fillTasks(db, 1, TASKS, 0.1);
  await db.$client.unsafe('checkpoint');
  const facts = await tableFacts(db);
  const [{ size }] = await db.$client.unsafe<Array<{ size: string }>>('select pg_database_size(current_database())::text as size');
  log(`  ${fmt(fillSeconds)} s: ${facts.total} rows; table ${facts.tableSize}, indexes ${facts.indexesSize}; database ${MB(Number(size))} MB`);

  const offsite = parseOffsiteUrl(`file://${path.join(root, 'offsite')}`);
  if (typeof offsite === 'string') throw new Error(offsite);
  const parsed = new URL(server.url);
  const settings: BackupSettings = {
    dir: backupDir,
    passphrase: randomBytes(24).toString('base64'),
    offsite,
    retentionFull: 2,
    postgres: { dataDirectory: server.dataDirectory, socketDirectory: '/tmp', port: Number(parsed.port), user: 'steward', password: 'steward', database: parsed.pathname.slice(1), binDirectory: null },
    temporalSqlite: null,
    nice: STEWARD_DEFAULTS.backups.nice,
  };
  const ctx: BackupContext = { db, settings };

  // ---- time and size: a full backup, then an incremental after each kind of day ----
  log('full backup…');
  const full = await backUp(ctx, 'full', 'none');
  log(`  ${seconds(full.totalMs)} s, added ${MB(full.backupBytes)} MB to the repository`);
  log(`a worklist day (${CHANGE_PERCENT} %: new tasks appended, open ones completed), then an incremental…`);
  await worklistDay(db, TASKS, 0.7);
  const appended = await backUp(ctx, 'incremental', `${CHANGE_PERCENT} % worklist day`);
  log(`  ${seconds(appended.totalMs)} s, ${MB(appended.backupBytes)} MB`);
  log(`${CHANGE_PERCENT} % of rows updated at random across the table, then an incremental…`);
  await scatteredDay(db);
  const scattered = await backUp(ctx, 'incremental', `${CHANGE_PERCENT} % scattered`);
  log(`  ${seconds(scattered.totalMs)} s, ${MB(scattered.backupBytes)} MB`);
  // What the table digests alone take (one pass over every table), measured on the side.
  const digestStarted = performance.now();
  const digestSql = postgres(server.url, { max: 1, onnotice: () => {} });
  await digestsOf(digestSql);
  await digestSql.end();
  const digestMs = performance.now() - digestStarted;
  log(`  every table's digest alone: ${seconds(digestMs)} s`);

  // ---- restore ----
  log('restore of the latest backup (local repository) into a scratch server…');
  const restore = await timeRestore(settings, db, path.join(root, 'restore'));
  log(`  files restored ${seconds(restore.restoredMs)} s, open after WAL replay ${seconds(restore.openMs)} s; ${restore.tasks} tasks`);
  log('a whole restore drill (from the off-site copy: verify, restore, compare every table, files)…');
  const drillStarted = performance.now();
  const drill = await restoreDrill(ctx, { drillId: 'bench-drill', requestedBy: null });
  const drillMs = performance.now() - drillStarted;
  log(`  ${drill.status} in ${seconds(drillMs)} s${drill.problems.length ? `: ${drill.problems.join('; ')}` : ''}`);

  // ---- the worklist while backups run ----
  const temporal = await startTemporalDevServer({ cli: TEMPORAL_CLI, log });
  onCleanup('stop Temporal dev server', () => temporal.stop());
  const api = await connectApiContext(db, { address: temporal.address, namespace: 'default', taskQueue: 'bench-unused' }, STEWARD_DEFAULTS.api);
  onCleanup('close Temporal client', () => api.close());
  const http: Server = await listen(api, 0, '127.0.0.1');
  http.keepAliveTimeout = 30_000;
  onCleanup('close HTTP server', () => new Promise<void>((resolve) => http.close(() => resolve())));
  const baseUrl = baseUrlOf(http);
  const cookie = await signIn(baseUrl, 'tech1', DEMO_PASSWORD);
  log(`worklist without a backup, ${RATE} req/s, ${WARMUP_SECONDS} + ${SECONDS} s…`);
  const before = await worklistWindow('without a backup (before)', baseUrl, cookie);
  log(`  p50 ${fmt(before.all.p50)} p99 ${fmt(before.all.p99)} ms`);
  log('worklist while full backups run back to back…');
  const during: RunFigures[] = [];
  let loading = true;
  const backupsRunning = (async () => {
    while (loading) during.push(await backUp(ctx, 'full', 'none (under worklist load)'));
  })();
  const withBackup = await worklistWindow('while full backups run', baseUrl, cookie, async () => {
    loading = false;
    await backupsRunning;
    return during;
  });
  log(`  p50 ${fmt(withBackup.all.p50)} p99 ${fmt(withBackup.all.p99)} ms (scheduled during a backup: ${withBackup.during?.n ?? 0} requests, p99 ${fmt(withBackup.during?.p99 ?? NaN)} ms)`);
  log('worklist without a backup again…');
  const after = await worklistWindow('without a backup (after)', baseUrl, cookie);
  log(`  p50 ${fmt(after.all.p50)} p99 ${fmt(after.all.p99)} ms`);

  // ---- results ----
  console.log(`\n=== backups of ${TASKS.toLocaleString('en')} tasks (table ${facts.tableSize}, indexes ${facts.indexesSize}, database ${MB(Number(size))} MB); times in s, sizes in MB ===`);
  printTable(['backup', 'day before', 'total', 'database (pgBackRest + digests)', 'files (restic)', 'retention', 'off-site', 'database size', 'added to repository', 'off-site holds'], [full, appended, scattered, ...during].map((run) => [
    run.kind,
    run.change,
    seconds(run.totalMs),
    seconds(run.parts.database),
    seconds(run.parts.files),
    seconds(run.parts.retention),
    seconds(run.parts.offsite),
    MB(run.databaseBytes),
    MB(run.backupBytes),
    MB(run.offsiteBytes),
  ]));
  console.log(`every table's digest alone (part of each backup's database step): ${seconds(digestMs)} s`);
  console.log('\n=== restore ===');
  printTable(['what', 'seconds'], [
    [`pgBackRest restore of ${restore.kind} ${restore.label} (local repository)`, seconds(restore.restoredMs)],
    ['… and the server open after replaying WAL to the restore point', seconds(restore.openMs)],
    [`whole drill from the off-site copy (${drill.status})`, seconds(drillMs)],
  ]);
  console.log(`\n=== GET /api/v1/tasks as tech1, ${RATE} req/s open loop, ${SECONDS} s per window (ms from scheduled send) ===`);
  printTable(['window', 'n', 'p50', 'p95', 'p99', 'max', 'scheduled during a backup: n / p99', 'errors', 'load'], [before, withBackup, after].map((window) => [
    window.name,
    window.all.n,
    fmt(window.all.p50),
    fmt(window.all.p95),
    fmt(window.all.p99),
    fmt(window.all.max),
    window.during ? `${window.during.n} / ${fmt(window.during.p99)}` : '',
    window.errors,
    window.load,
  ]));

  const baseline = Math.max(before.all.p99, after.all.p99);
  const duringP99 = withBackup.during?.p99 ?? withBackup.all.p99;
  const incrementalShares = [appended, scattered].map((run) => run.totalMs / full.totalMs);
  console.log('\n=== targets ===');
  printTable(['measure', 'value', 'target', 'met'], [
    [`incremental time / full time (${appended.change})`, fmt(incrementalShares[0]!, 2), `≤ ${TARGET_INCREMENTAL_SHARE}`, incrementalShares[0]! <= TARGET_INCREMENTAL_SHARE ? 'yes' : 'NO'],
    [`incremental time / full time (${scattered.change})`, fmt(incrementalShares[1]!, 2), `≤ ${TARGET_INCREMENTAL_SHARE}`, incrementalShares[1]! <= TARGET_INCREMENTAL_SHARE ? 'yes' : 'NO'],
    ['restore until the server is open (s)', seconds(restore.openMs), `≤ ${TARGET_RESTORE_S}`, restore.openMs <= TARGET_RESTORE_S * 1000 ? 'yes' : 'NO'],
    // A window with failed requests has no p99 (they count as infinitely slow): no ratio, rather than a false "yes".
    Number.isFinite(baseline) && Number.isFinite(duringP99)
      ? ['worklist p99 while a backup ran / without (the higher of before and after)', fmt(duringP99 / baseline, 2), `≤ ${TARGET_P99_RATIO}`, duringP99 / baseline <= TARGET_P99_RATIO ? 'yes' : 'NO']
      : ['worklist p99 while a backup ran / without', '–', `≤ ${TARGET_P99_RATIO}`, 'not measured (failed requests in a window)'],
  ]);
  console.log(`Machine: ${machineNote()}`);
  const file = await saveResults('backups', {
    date: new Date().toISOString(),
    machine: machineNote(),
    tasks: TASKS,
    changePercent: CHANGE_PERCENT,
    facts,
    databaseBytes: Number(size),
    fillSeconds,
    runs: { full, appended, scattered, during },
    digestMs,
    restore,
    drill: { ...drill, ms: drillMs },
    worklist: { rate: RATE, seconds: SECONDS, before, withBackup, after },
  });
  log(`raw results: ${file}`);
}

runBench(main);
