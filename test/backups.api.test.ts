import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupOverview } from '../contracts/backups';
import { backupDrills, backupRuns, processInstances } from '../db/schema';
import { BACKUPS_DOC, withRestoreProcedure } from '../scripts/backups-doc';
import { backupRunInput } from '../api/use-cases/backups';
import { backupFaultRepairId } from '../workflows/backup/messages';
import { signIn } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

/**
 * The backups API (P5.2b) as the backups page uses it: who may read and run, the runs grouped into chains with what
 * a restore of each is given, the last drill's comparison, and "back up now" refused on bad input and idempotent
 * on its request id. (Real backups and drills through it: test/backups.browser.test.ts.)
 */
const API = '/api/v1';
let stack: ApiTestStack;
const started: string[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
});
afterAll(async () => {
  const handles = started.flatMap((workflowId) => [workflowId, backupFaultRepairId(workflowId)]);
  await Promise.all(handles.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const digest = (rows: number) => ({ rows, checksum: String(rows * 7919) });
const at = (minute: number) => new Date(Date.UTC(2020, 0, 5, 2, minute));

describe('GET /backups', () => {
  it('lists the chains oldest run first with each backup’s restore arguments, and the last drill table by table', async () => {
    const chain = '20200105-020000F';
    await stack.db.insert(backupRuns).values([
      { id: 'backup-full-t1', kind: 'full', status: 'succeeded', startedAt: at(0), finishedAt: at(2), label: chain, chain, restorePoint: 'steward-backup-full-t1', databaseBytes: 34_000_000, backupBytes: 3_900_000, filesBytes: 9_300, tables: { 'public.zones': digest(10), 'public.units': digest(40) }, durations: { database: 7300, files: 2700 } },
      { id: 'backup-incremental-t2', kind: 'incremental', status: 'succeeded', startedAt: at(10), finishedAt: at(11), label: `${chain}_20200105-021000I`, chain, restorePoint: 'steward-backup-incremental-t2', backupBytes: 120_000, filesBytes: 0, tables: { 'public.zones': digest(11), 'public.units': digest(40) } },
      // Its database part never finished: in no chain yet, nothing to restore it with.
      { id: 'backup-full-t3', kind: 'full', status: 'failed', startedAt: at(20), finishedAt: at(21), error: 'pgBackRest: unable to acquire lock' },
    ]);
    await stack.db.insert(backupDrills).values([
      { id: 'backup-drill-t4', status: 'passed', startedAt: at(30), finishedAt: at(31), durationMs: 25_000, backupRunId: 'backup-incremental-t2', source: 'offsite', mismatches: 0, tables: [] },
      {
        id: 'backup-drill-t5',
        status: 'failed',
        startedAt: at(40),
        finishedAt: at(41),
        durationMs: 24_000,
        backupRunId: 'backup-incremental-t2',
        source: 'offsite',
        mismatches: 1,
        tables: [
          { table: 'public.units', expected: digest(40), restored: digest(40), equal: true },
          { table: 'public.zones', expected: digest(11), restored: digest(10), equal: false },
        ],
        error: 'public.zones: backed up 11 rows, restored 10 rows',
      },
    ]);

    const techsup = await signIn(stack.baseUrl, 'techsup');
    const response = await techsup.get(`${API}/backups`);
    expect(response.status).toBe(200);
    const overview = response.body as BackupOverview;
    expect(overview.chains.map((entry) => entry.chain)).toEqual(['backup-full-t3', chain]);
    const [unchained, full] = overview.chains;
    expect(unchained!.runs).toMatchObject([{ id: 'backup-full-t3', status: 'failed', label: null, restorePoint: null, error: 'pgBackRest: unable to acquire lock' }]);
    expect(full!.runs.map((run) => [run.kind, run.label, run.restorePoint])).toEqual([
      ['full', chain, 'steward-backup-full-t1'],
      ['incremental', `${chain}_20200105-021000I`, 'steward-backup-incremental-t2'],
    ]);
    expect(full!.runs[0]).toMatchObject({ durationMs: 120_000, tables: 2, durations: { database: 7300, files: 2700 } });
    expect(full!.backupBytes).toBe(3_900_000 + 9_300 + 120_000);
    // The internal figures a drill compares stay on the server: the runs give only how many tables they hold.
    expect(JSON.stringify(full)).not.toContain('checksum');

    expect(overview.lastDrill).toMatchObject({ id: 'backup-drill-t5', status: 'failed', backupRunId: 'backup-incremental-t2', source: 'offsite', mismatches: 1 });
    expect(overview.lastDrill!.tables.filter((table) => !table.equal).map((table) => table.table)).toEqual(['public.zones']);
    expect(overview.drills.map((drill) => [drill.id, drill.status])).toEqual([
      ['backup-drill-t5', 'failed'],
      ['backup-drill-t4', 'passed'],
    ]);
    expect(overview.drills[0]).not.toHaveProperty('tables');
    // The off-site target shows as configured (none here), never with a secret.
    expect(overview.settings).toMatchObject({ offsite: null, retentionFull: 4 });
  });

  it('answers the tech supervisor and the administrator, and no one else (403)', async () => {
    const [admin, tech, auditor] = await Promise.all([signIn(stack.baseUrl, 'admin'), signIn(stack.baseUrl, 'tech1'), signIn(stack.baseUrl, 'auditor')]);
    expect((await admin.get(`${API}/backups`)).status).toBe(200);
    expectProblem(await tech.get(`${API}/backups`), 403, 'auth.needs-role');
    expectProblem(await auditor.get(`${API}/backups`), 403, 'auth.needs-role');
    expectProblem(await tech.post(`${API}/backups`, { kind: 'full', requestId: randomUUID() }), 403, 'auth.needs-role');
  });
});

describe('POST /backups', () => {
  it('refuses a kind or request id it does not know (400 naming the field) and starts nothing', async () => {
    const techsup = await signIn(stack.baseUrl, 'techsup');
    const backupsStarted = () => stack.db.$count(processInstances, eq(processInstances.process, 'backup'));
    const before = await backupsStarted();
    expectProblem(await techsup.post(`${API}/backups`, { kind: 'weekly', requestId: randomUUID() }), 400, 'request.body-invalid', 'kind');
    expectProblem(await techsup.post(`${API}/backups`, { kind: 'full', requestId: 'again' }), 400, 'request.body-invalid', 'requestId');
    expect(await backupsStarted()).toBe(before);
  });

  it('starts one run per request id: a repeated request joins it, and the run is listed as the requester’s', async () => {
    const techsup = await signIn(stack.baseUrl, 'techsup');
    const requestId = randomUUID();
    const first = await techsup.post(`${API}/backups`, { kind: 'incremental', requestId });
    const again = await techsup.post(`${API}/backups`, { kind: 'incremental', requestId });
    expect([first.status, again.status]).toEqual([202, 202]);
    const workflowId = first.body.workflowId as string;
    started.push(workflowId);
    expect(workflowId).toBe(`backup-incremental-${requestId}`);
    expect(again.body.workflowId).toBe(workflowId);
    expect(await stack.db.$count(processInstances, and(eq(processInstances.workflowId, workflowId), eq(processInstances.process, 'backup')))).toBe(1);
    // This stack's worker has no backup tools: the run is listed, then fails there, named.
    const listed = await eventually(async () => {
      const overview = (await techsup.get(`${API}/backups`)).body as BackupOverview;
      const run = overview.chains.flatMap((entry) => entry.runs).find((entry) => entry.id === workflowId);
      return run?.status === 'failed' ? run : undefined;
    }, 60_000);
    expect(listed).toMatchObject({ kind: 'incremental', requestedBy: techsup.user.displayName, restorePoint: null });
    expect(listed.error).toContain('no backup configuration');
  });
});

describe('back up now while a backup runs', () => {
  it('is refused with 409 naming the run (a drill still starts); the overview says a backup runs; once it ended, a backup starts again', async () => {
    const techsup = await signIn(stack.baseUrl, 'techsup', undefined, 'zh-CN');
    // The runs of the tests before have ended (each fails here, where no worker has the tools, and reports it).
    await eventually(async () => !((await techsup.get(`${API}/backups`)).body as BackupOverview).running.backup || undefined, 60_000);
    // A Schedule's backup whose tools' workers are not there: it stays in its database step, running.
    const scheduled = `backup-full-held-${randomUUID()}`;
    started.push(scheduled);
    await stack.client.workflow.start('backup', { taskQueue: stack.taskQueue, workflowId: scheduled, args: [{ ...backupRunInput(stack.ctx.settings, 'full', null), toolsTaskQueue: `nobody-${randomUUID()}` }] });
    await eventually(async () => ((await techsup.get(`${API}/backups`)).body as BackupOverview).running.backup || undefined, 30_000);
    const backupsStarted = () => stack.db.$count(processInstances, eq(processInstances.process, 'backup'));
    const before = await backupsStarted();

    for (const kind of ['full', 'incremental'] as const) {
      const refused = await techsup.post(`${API}/backups`, { kind, requestId: randomUUID() });
      expectProblem(refused, 409, 'backup.already-running');
      expect(refused.body.detail).toMatch(/^已有一次全量备份正在进行（\d{4}-\d\d-\d\d \d\d:\d\d UTC 开始），请等它完成后再开始下一次。$/);
    }
    const inEnglish = await signIn(stack.baseUrl, 'techsup', undefined, 'en');
    const english = await inEnglish.post(`${API}/backups`, { kind: 'incremental', requestId: randomUUID() });
    expectProblem(english, 409, 'backup.already-running');
    expect(english.body.detail).toMatch(/^a full backup is already running \(started .+ UTC\); start the next once it is done$/);
    expect(await backupsStarted()).toBe(before);

    // A drill is not a backup: it starts (and fails here, where no worker has the tools).
    const drill = await techsup.post(`${API}/backups`, { kind: 'drill', requestId: randomUUID() });
    expect(drill.status).toBe(202);
    started.push(drill.body.workflowId as string);

    // Ended by force, its row still says running: Temporal is asked, and the next backup starts.
    await stack.client.workflow.getHandle(scheduled).terminate('test: the held backup ends');
    const overview = (await techsup.get(`${API}/backups`)).body as BackupOverview;
    expect(overview.running.backup).toBe(false);
    const next = await techsup.post(`${API}/backups`, { kind: 'incremental', requestId: randomUUID() });
    expect(next.status).toBe(202);
    started.push(next.body.workflowId as string);
  });
});

describe('the restore procedure', () => {
  it('docs/backups.md carries the one the backups page shows (npm run docs:backups writes it)', () => {
    const doc = readFileSync(BACKUPS_DOC, 'utf8');
    expect(withRestoreProcedure(doc) === doc, 'docs/backups.md is stale: run npm run docs:backups').toBe(true);
  });
});
