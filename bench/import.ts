/**
 * Bulk import of 10,000 units with their owners (issue 12): the sheet checked by the API (validation), the draft's
 * review prepared by the worker, and the approved batch applied in one transaction, with the API's memory.
 *
 *   npm run bench:import
 *   BENCH_UNITS=20000 npm run bench:import
 *
 * Three parts, as production runs them: the API (`api/main.ts`, spawned with the bench's database and Temporal), the
 * worker (in the bench's process, which prepares the review and applies the batch) and the maker's and reviewers'
 * requests (this process). The sheet is an .xlsx written with exceljs, every unit with one owner (a resident ID).
 *
 * Measured: a sheet with one bad row (its last) refused (the whole sheet read and checked, nothing written); the good
 * sheet accepted (checked again, its draft and rows written, its review started); the review prepared (every row
 * checked against the register by the worker, until the checker's task is open); the approval applied (from
 * management's approval until the process has written every row and ended); the API's resident memory before and at
 * its peak (VmHWM), and the bench process's (the worker's) peak.
 *
 * Env: BENCH_UNITS (rows, default 10000), BENCH_DATABASE_URL (use that server instead of an embedded PostgreSQL).
 * Targets: validation ≤ 10 s, approval applied ≤ 30 s.
 */
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import { and, count, eq, like } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { validIdDocument } from '../contracts/data-review';
import { headerText, IMPORT_TEMPLATES } from '../contracts/import-templates';
import type { Database } from '../db/client';
import { processInstances, tasks, unitOwners, units } from '../db/schema';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { createStewardWorker } from '../worker/worker';
import { memoryOfPid, spawnApiProcess } from './lib/api-process';
import { envNumber, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, sleep, STEWARD_DEFAULTS, TEMPORAL_CLI } from './lib/common';
import { startDemoDatabase } from './lib/demo-database';
import { signIn } from './lib/open-loop';

const UNITS = envNumber('BENCH_UNITS', 10_000);
const TARGET_VALIDATION_S = 10;
const TARGET_APPLY_S = 30;

/** A resident ID with a correct check digit (GB 11643), different for every n. */
const residentId = (n: number) => {
  const digits17 = `1101051980${String(n).padStart(7, '0')}`;
  return [...'0123456789X'].map((check) => `${digits17}${check}`).find((candidate) => validIdDocument('resident-id', candidate))!;
};

/** The units sheet: building b1, numbers 100001…, every unit with its owner; `badRow` (a sheet row) gets an area out of bounds. */
async function unitsSheet(badRow?: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const data = book.addWorksheet('房屋');
  data.addRow(IMPORT_TEMPLATES.units.columns.map(headerText));
  for (let index = 0; index < UNITS; index++) {
    const area = index + 2 === badRow ? 0.5 : 60 + (index % 90) + 0.25;
    data.addRow(['b1', String(100_001 + index), area, '住宅', index % 10 === 0 ? '未售' : '已售已交付', `业主${index} Owner ${index}`, '居民身份证', residentId(index)]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function post(baseUrl: string, cookie: string, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function openTask(db: Database, workflowId: string, stepId: string): Promise<string> {
  for (;;) {
    const [task] = await db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));
    if (task) return task.id;
    await sleep(20);
  }
}

async function main(): Promise<void> {
  log(`Import bench: ${UNITS} units with owners. ${machineNote()}`);
  const database = await startDemoDatabase('steward_bench_import', { max: 10 });
  const { db } = database;
  const temporal = await startTemporalDevServer({ cli: TEMPORAL_CLI, log });
  onCleanup('stop Temporal dev server', () => temporal.stop());
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const connection = await Connection.connect({ address: temporal.address });
  onCleanup('close connections', async () => {
    await connection.close();
    await nativeConnection.close();
  });
  const taskQueue = 'bench-import';
  const worker = await createStewardWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, settings: STEWARD_DEFAULTS.worker.activities });
  const running = worker.run();
  onCleanup('stop worker', async () => {
    worker.shutdown();
    await running;
  });
  const api = await spawnApiProcess({
    DATABASE_URL: database.url,
    STEWARD_MIGRATE: 'off',
    STEWARD_SEED_DEMO: 'off',
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    // The demo devices send nothing here: no repair is opened for them during the run.
    DEVICE_STALE_SECONDS: '1h',
    DEVICE_DOWN_SECONDS: '2h',
  });
  const { baseUrl } = api;
  const [admin, checker, manager] = await Promise.all(['admin', 'checker', 'manager'].map((username) => signIn(baseUrl, username, 'steward-demo')));
  const apiBefore = memoryOfPid(api.pid);
  log(`API process ${api.pid} on ${baseUrl}, ${fmt(apiBefore.rssMiB, 0)} MiB resident`);

  let started = performance.now();
  const [bad, good] = [await unitsSheet(UNITS + 1), await unitsSheet()];
  log(`Sheets written in ${fmt((performance.now() - started) / 1000)} s: ${fmt(good.length / 1024, 0)} KiB each`);
  const upload = (content: Buffer) => ({ changeId: randomUUID(), sheet: 'units', fileName: 'units.xlsx', format: 'xlsx', content: content.toString('base64') });

  started = performance.now();
  const refused = await post(baseUrl, admin, '/data-imports', upload(bad));
  const refusedSeconds = (performance.now() - started) / 1000;
  const fields = (refused.body.errors as Array<{ field: string }> | undefined)?.map((error) => error.field);
  if (refused.status !== 422 || fields?.join() !== `rows.${UNITS + 1}.exclusiveArea`) throw new Error(`the bad sheet was not refused as expected: ${refused.status} ${JSON.stringify(fields)}`);
  log(`Bad sheet refused in ${fmt(refusedSeconds)} s (${fields.join()})`);

  started = performance.now();
  const accepted = await post(baseUrl, admin, '/data-imports', upload(good));
  const acceptedSeconds = (performance.now() - started) / 1000;
  if (accepted.status !== 201) throw new Error(`the sheet was refused: ${accepted.status} ${JSON.stringify(accepted.body).slice(0, 500)}`);
  const workflowId = accepted.body.workflowId as string;
  log(`Sheet accepted in ${fmt(acceptedSeconds)} s: ${String(accepted.body.rows)} rows in review`);
  const checkTask = await openTask(db, workflowId, 'checkChange');
  const reviewSeconds = (performance.now() - started) / 1000 - acceptedSeconds;
  log(`Review prepared (checker's task open) ${fmt(reviewSeconds)} s after`);

  started = performance.now();
  const rowsPage = await fetch(`${baseUrl}/api/v1/data-changes/${String(accepted.body.changeId)}/rows?limit=50&cursor=5000`, { headers: { cookie: checker } });
  const pageMs = performance.now() - started;
  if (rowsPage.status !== 200) throw new Error(`rows page: ${rowsPage.status}`);
  const checked = await post(baseUrl, checker, `/tasks/${encodeURIComponent(checkTask)}/complete`, { payload: { decision: 'approved' } });
  if (checked.status !== 200) throw new Error(`check: ${checked.status} ${JSON.stringify(checked.body)}`);
  const approveTask = await openTask(db, workflowId, 'approveChange');

  started = performance.now();
  const approved = await post(baseUrl, manager, `/tasks/${encodeURIComponent(approveTask)}/complete`, { payload: { decision: 'approved' } });
  if (approved.status !== 200) throw new Error(`approval: ${approved.status} ${JSON.stringify(approved.body)}`);
  for (;;) {
    const [instance] = await db.select({ status: processInstances.status }).from(processInstances).where(eq(processInstances.workflowId, workflowId));
    if (instance?.status === 'completed') break;
    if (instance?.status === 'failed') throw new Error('the review failed');
    await sleep(20);
  }
  const applySeconds = (performance.now() - started) / 1000;
  const [written] = await db.select({ value: count() }).from(units).where(like(units.id, 'b1-1_____'));
  const [owned] = await db.select({ value: count() }).from(unitOwners).where(like(unitOwners.unitId, 'b1-1_____'));
  log(`Approval applied in ${fmt(applySeconds)} s: ${written.value} units, ${owned.value} ownerships`);
  if (written.value < UNITS || owned.value < UNITS) throw new Error('not every row was written');

  const apiAfter = memoryOfPid(api.pid);
  const bench = memoryOfPid(process.pid);
  printTable(
    ['measure', 'value', 'target'],
    [
      ['bad sheet refused (read + every row checked, nothing written)', `${fmt(refusedSeconds)} s`, `≤ ${TARGET_VALIDATION_S} s`],
      ['sheet accepted (checked, draft and rows written, review started)', `${fmt(acceptedSeconds)} s`, `≤ ${TARGET_VALIDATION_S} s`],
      ['review prepared by the worker (until the checker’s task)', `${fmt(reviewSeconds)} s`, ''],
      ['a page of 50 rows (the checker’s batch diff)', `${fmt(pageMs, 0)} ms`, ''],
      ['approval applied (management’s approval → every row written)', `${fmt(applySeconds)} s`, `≤ ${TARGET_APPLY_S} s`],
      ['API resident memory before → peak', `${fmt(apiBefore.rssMiB, 0)} → ${fmt(apiAfter.peakMiB, 0)} MiB`, ''],
      ['bench process (worker) peak', `${fmt(bench.peakMiB, 0)} MiB`, ''],
    ],
  );
  const file = await saveResults('import', { units: UNITS, sheetBytes: good.length, refusedSeconds, acceptedSeconds, reviewSeconds, pageMs, applySeconds, apiBefore, apiAfter, bench });
  log(`Results: ${file}`);
}

runBench(main);
