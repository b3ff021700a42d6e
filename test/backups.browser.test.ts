/**
 * The backups page in Chromium (P5.2b), against the real API and worker on a PostgreSQL 15 cluster that archives to
 * pgBackRest, with restic, rclone and a real off-site target on loopback: the tech supervisor backs up from the
 * page and sees the run listed once done, runs a drill and reads its table-by-table result; a drill that finds a
 * table differing from what its backup recorded names it.
 */
import { eq, sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDrills, backupRuns } from '../db/schema';
import { backupFaultRepairId } from '../workflows/backup/messages';
import { startBackupStack, type BackupStack } from './support/backup-stack';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';
/** A backup or a drill of the demo community on this shared machine: well under this, but never a sleep. */
const RUN_DONE_MS = 90_000;

let backups: BackupStack;
let stack: ApiTestStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const repairs: string[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  backups = await startBackupStack();
  [stack, browser] = await Promise.all([
    startApiTestStack({}, uiDir, { BACKUP_OFFSITE_URL: backups.offsite.url }, {
      database: { url: backups.url, db: backups.db, drop: async () => undefined },
      backups: backups.settings,
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await Promise.all(repairs.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await stack?.stop();
  await backups?.stop();
});

async function signedInPage(username: string): Promise<Page> {
  const context = await newContext(browser, stack.baseUrl);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, username, PASSWORD);
  return page;
}

const textOf = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ');

describe('the backups page in Chromium, against real backup tools', () => {
  it('the tech supervisor backs up and runs a drill from the page, sees each listed when done, and reads the drill’s result table by table', async () => {
    const page = await signedInPage('techsup');
    await page.locator('nav a', { hasText: '备份与恢复' }).click();
    await page.waitForURL('**/backups');
    await page.locator('[data-testid="backup-chains"]').waitFor();
    const before = await textOf(page, 'main');
    for (const words of ['尚无备份', '尚未进行恢复演练', '恢复步骤（供运维人员）', '停止写入。', '恢复 PostgreSQL。', '--stanza=steward info']) expect(before).toContain(words);
    // The Schedules in words, not as cron expressions.
    const schedules = await textOf(page, '[data-testid="backup-schedules"]');
    for (const words of ['全量备份计划（UTC） 每周日 02:00', '增量备份计划（UTC） 每周一至周六 02:00', '恢复演练计划（UTC） 每月 1 日 04:00']) expect(schedules).toContain(words);
    expect(schedules).not.toContain('* *');
    // The off-site target is named without its password; no warning about a missing one.
    const offsite = new URL(backups.offsite.url);
    expect(before).toContain(`sftp://offsite@${offsite.host}/steward`);
    expect(before).not.toContain(offsite.password);
    expect(await page.locator('[data-testid="no-offsite"]').count()).toBe(0);

    // Back up now: the page follows the run until it is done, no reload needed.
    await page.locator('[data-testid="backup-full"]').click();
    expect(await textOf(page, '[data-testid="backup-started"]')).toContain('已开始全量备份');
    const done = page.locator('[data-testid="backup-run"][data-status="succeeded"]');
    await done.waitFor({ timeout: RUN_DONE_MS });
    const runId = (await done.getAttribute('data-run-id'))!;
    expect(runId).toMatch(/^backup-full-/);
    const [run] = await stack.db.select().from(backupRuns).where(eq(backupRuns.id, runId));
    expect(run).toMatchObject({ kind: 'full', status: 'succeeded', requestedBy: '技术主管 王磊 Wang Lei' });
    for (const words of ['全量备份', '成功', '技术主管 王磊 Wang Lei']) expect(await done.innerText()).toContain(words);
    // Beneath it, what each part took and what a restore of it is given.
    const detail = await textOf(page, `[data-testid="backup-run-detail"][data-run-id="${runId}"]`);
    for (const words of ['数据库', '异地', `--set=${run!.label}`, `--target=${run!.restorePoint}`, `--tag run=${runId}`]) expect(detail).toContain(words);
    expect(run!.label).toMatch(/F$/);
    // Sizes and durations are read out in units, never as raw numbers of bytes or milliseconds.
    expect(await done.locator('[data-testid="run-size"]').innerText()).toMatch(/^[\d.]+ (kB|MB|GB)$/);
    expect(await done.locator('[data-testid="run-duration"]').innerText()).toMatch(/秒$/);
    expect(await textOf(page, '[data-testid="backup-chain"]')).toContain('备份链 · 开始于');

    // A drill: the latest backup restored from the off-site copy and compared, every table equal.
    await page.locator('[data-testid="drill-now"]').click();
    const lastDrill = page.locator('[data-testid="last-drill"]');
    await lastDrill.waitFor({ timeout: RUN_DONE_MS });
    const tables = Object.keys(run!.tables!).length;
    const drill = await textOf(page, '[data-testid="last-drill"]');
    expect(await lastDrill.getAttribute('data-status'), drill).toBe('passed');
    for (const words of ['通过', '全量备份', '异地副本', `比较了 ${tables} 张表，全部一致（行数和校验和）。`]) expect(drill).toContain(words);
    expect(await page.locator('[data-testid="drill-mismatches"]').count()).toBe(0);
    await screenshot(page, 'backups-page.png');

    // What the backup recorded for one table no longer matches what restores (a row lost on the way, as a drill
    // would see it): the next drill fails and names that table, and only that one.
    const zones = run!.tables!['public.zones']!;
    await stack.db.execute(sql`update backup_runs set tables = jsonb_set(tables, '{public.zones,rows}', to_jsonb(${zones.rows + 1}::int)) where id = ${runId}`);
    await page.locator('[data-testid="drill-now"]').click();
    const failed = page.locator('[data-testid="last-drill"][data-status="failed"]');
    await failed.waitFor({ timeout: RUN_DONE_MS });
    const [failedDrill] = await stack.db.select().from(backupDrills).where(eq(backupDrills.status, 'failed'));
    repairs.push(backupFaultRepairId(failedDrill!.id));
    expect(await textOf(page, '[data-testid="drill-summary"]')).toBe(`比较了 ${tables} 张表，1 张不一致：`);
    const mismatches = page.locator('[data-testid="drill-mismatches"] [data-testid="drill-table"]');
    expect(await mismatches.count()).toBe(1);
    expect((await mismatches.innerText()).replace(/\s+/g, ' ')).toBe(`public.zones ${zones.rows + 1} ${zones.rows} 不一致`);
    expect(await textOf(page, '[data-testid="drill-problems"]')).toContain(`public.zones: backed up ${zones.rows + 1} rows, restored ${zones.rows} rows`);
    expect(await page.locator('[data-testid="drill-row"]').count()).toBe(2);

    // In English, the same page and procedure.
    await page.locator('[data-testid="language-toggle"]').click();
    await page.locator('h1', { hasText: 'Backups and restore' }).waitFor();
    const english = await textOf(page, 'main');
    for (const words of ['Last restore drill', `${tables} tables compared, 1 not equal:`, 'Restore procedure (for an operator)', 'Stop writers.', 'Restore PostgreSQL.', 'Full backup']) expect(english).toContain(words);
    const schedulesInEnglish = await textOf(page, '[data-testid="backup-schedules"]');
    for (const words of ['Full backups (UTC) Sundays at 02:00', 'Incremental backups (UTC) Mondays to Saturdays at 02:00', 'Restore drills (UTC) On the 1st of each month at 04:00']) expect(schedulesInEnglish).toContain(words);
  }, 240_000);

  it('is not in the navigation of those who may not read the backups', async () => {
    const page = await signedInPage('tech1');
    expect(await page.locator('nav a[href="/backups"]').count()).toBe(0);
  });
});
