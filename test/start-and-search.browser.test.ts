import { and, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processInstances, procurements, tasks } from '../db/schema';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { API, BUDGET, CONTRIBUTION, completeTask, openTaskOf, PLAN, testGovernanceSettings } from './support/governance-scenarios';
import { signIn as apiSignIn, type SignedInClient } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';

let stack: ApiTestStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const started: string[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir, { PROCUREMENT_START_DELIVERY: '0' }), launchChromium()]);
  stack.ctx.settings.governance = testGovernanceSettings(600);
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

/** A desktop browser signed in as the user, through the login page. */
async function pageOf(username: string): Promise<Page> {
  const context = await newContext(browser, stack.baseUrl);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, username, PASSWORD);
  return page;
}

const openTasks = (workflowId: string, stepId: string) =>
  stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));

describe('starting processes where their users expect to', () => {
  it('management starts an annual plan from /governance', async () => {
    const page = await pageOf('manager');
    await page.goto('/governance');
    await page.locator('[data-testid="start-plan"]').click();
    const dialog = page.locator('[data-testid="start-plan-dialog"]');
    await dialog.waitFor();
    expect(await dialog.locator('input[name="year"]').inputValue()).toBe(String(new Date().getFullYear() + 1));
    await dialog.locator('input[name="year"]').fill('2031');
    await dialog.locator('[data-testid="start-plan-submit"]').click();
    const notice = page.locator('[data-testid="plan-started"]');
    await notice.waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const workflowId = (await notice.getAttribute('data-workflow-id'))!;
    started.push(workflowId);
    expect(await notice.textContent()).toContain('已发起 2031 年度计划');

    // The process runs: each configured department has its needs task, and the plan is listed as in progress.
    expect((await stack.client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');
    const contributions = await eventually(async () => {
      const rows = await openTasks(workflowId, 'contributeToPlan');
      return rows.length === 2 ? rows : undefined;
    });
    expect(contributions.map((task) => task.candidateRoles).sort()).toEqual([['guard'], ['monitoring-operator']]);
    await page.locator(`[data-testid="running-plans"] [data-workflow-id="${workflowId}"]`).waitFor();
    await screenshot(page, 'governance-plan-started.png');

    await notice.locator('a').click();
    await page.waitForURL(`**/processes/${encodeURIComponent(workflowId)}`);
    // The title in the page's language only (recorded as `2031 年度计划 Annual plan 2031`); the heading names the process
    // until the instance has loaded.
    await expect.poll(() => page.locator('h1').textContent()).toBe('2031 年度计划');
  });

  it('procurement staff start a procurement from /procurements', async () => {
    const page = await pageOf('procure');
    await page.goto('/procurements');
    await page.locator('[data-testid="start-procurement"]').click();
    const dialog = page.locator('[data-testid="start-procurement-dialog"]');
    await dialog.locator('input[name="title"]').fill('地库摄像机更换 Car-park cameras');
    await dialog.locator('input[name="estimate"]').fill('86000');
    await dialog.locator('select[name="system"]').selectOption('cctv');
    await dialog.locator('textarea[name="requirements"]').fill('8 台 4MP 网络摄像机，含安装调试');
    await dialog.locator('input[name="bidWindowDays"]').fill('7');
    await dialog.locator('[data-testid="start-procurement-submit"]').click();
    const notice = page.locator('[data-testid="procurement-started"]');
    await notice.waitFor();
    const workflowId = (await notice.getAttribute('data-workflow-id'))!;
    started.push(workflowId);

    // The list looks again until the process has registered it; its page opens from the row.
    const row = page.locator(`[data-testid="procurement-row"][data-workflow-id="${workflowId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('地库摄像机更换');
    const [stored] = await stack.db.select().from(procurements).where(eq(procurements.workflowId, workflowId));
    expect(stored).toMatchObject({ title: '地库摄像机更换 Car-park cameras', estimateYuan: 86000, system: 'cctv', requirements: '8 台 4MP 网络摄像机，含安装调试' });
    // P2.2b goes on: procurement chooses the method.
    await eventually(async () => ((await openTasks(workflowId, 'chooseMethod')).length === 1 ? true : undefined));
    await screenshot(page, 'procurement-started.png');
    await row.locator('a').click();
    await page.waitForURL(`**/procurements/${encodeURIComponent(workflowId)}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('地库摄像机更换 Car-park cameras');
  });

  it('a plan returned by management opens pre-filled with the previous version to correct', async () => {
    const people: Record<string, SignedInClient> = Object.fromEntries(
      await Promise.all(['manager', 'guard1', 'monitor', 'techsup', 'finance'].map(async (username) => [username, await apiSignIn(stack.baseUrl, username)] as const)),
    );
    const planStart = await people.manager.post(`${API}/plans`, { planId: randomUUID(), year: 2032 });
    expect(planStart.status, JSON.stringify(planStart.body)).toBe(201);
    const workflowId: string = planStart.body.workflowId;
    started.push(workflowId);
    for (const username of ['guard1', 'monitor']) {
      const task = await openTaskOf(people[username], workflowId, 'contributeToPlan', 'annual-plan');
      await completeTask(people[username], task.id, CONTRIBUTION);
    }
    const firstDraft = await openTaskOf(people.techsup, workflowId, 'draftPlan', 'annual-plan');
    expect(firstDraft.formSchema).not.toHaveProperty('default');
    await completeTask(people.techsup, firstDraft.id, PLAN);
    await completeTask(people.finance, (await openTaskOf(people.finance, workflowId, 'draftBudget', 'annual-plan')).id, BUDGET);
    await completeTask(people.manager, (await openTaskOf(people.manager, workflowId, 'approvePlan', 'annual-plan')).id, { decision: 'returned', comments: '培训费用过高 Training costs too much' });

    const secondDraft = await openTaskOf(people.techsup, workflowId, 'draftPlan', 'annual-plan', [firstDraft.id]);
    const page = await pageOf('techsup');
    await page.goto(`/tasks/${encodeURIComponent(secondDraft.id)}`);
    const form = page.locator('[data-testid="task-form"]');
    await form.waitFor();
    expect(await form.locator('#field-goals').inputValue()).toBe(PLAN.goals.join('\n'));
    expect(await form.locator('#field-schedule').inputValue()).toBe(PLAN.schedule);
    expect(await form.locator('[data-rows="projects"] > [data-row]').count()).toBe(3);
    expect(await form.locator('#field-projects-0-title').inputValue()).toBe('Replace lobby cameras');
    expect(await form.locator('#field-projects-0-estimateYuan').inputValue()).toBe('86000.5');
    expect(await form.locator('#field-projects-0-system').inputValue()).toBe('cctv');
    expect(await form.locator('#field-projects-0-major').isChecked()).toBe(true);
    expect(await form.locator('#field-projects-1-art278Item').inputValue()).toBe('8');
    expect(await form.locator('#field-projects-2-major').isChecked()).toBe(false);
    expect(await form.locator('#field-projects-2-system').inputValue()).toBe('');
    await screenshot(page, 'returned-draft-prefilled.png');

    // The drafter corrects what management asked for and sends the rest as it was.
    await form.locator('#field-projects-2-estimateYuan').fill('8000');
    await form.locator('[data-testid="complete-task"]').click();
    await form.waitFor({ state: 'detached' });
    const [corrected] = await stack.db.select().from(tasks).where(eq(tasks.id, secondDraft.id));
    expect(corrected.result).toEqual({ ...PLAN, projects: [PLAN.projects[0], PLAN.projects[1], { ...PLAN.projects[2], estimateYuan: 8000 }] });

    // The budget comes back pre-filled the same way.
    const secondBudget = await openTaskOf(people.finance, workflowId, 'draftBudget', 'annual-plan', [`${workflowId}.draftBudget.1`]);
    expect(secondBudget.formSchema.default).toEqual(BUDGET);
  });
});

describe('the auditor’s search', () => {
  it('finds one owner’s repairs of one month, and downloads one as a readable timeline', async () => {
    // Repairs of two owners over two months, reported through the API, then moved to their days of
    // October and November 2025 in the instance index (the API cannot backdate a start).
    const reporters = { zhang: await apiSignIn(stack.baseUrl, 'owner-zhang'), li: await apiSignIn(stack.baseUrl, 'owner-li') };
    const seeds: Array<[keyof typeof reporters, string, string, string]> = [
      ['zhang', 'b1-101', '2025-10-12T09:00:00+08:00', '十月 客厅门禁面板无响应'],
      ['zhang', 'b1-102', '2025-11-03T10:00:00+08:00', '十一月 可视对讲无画面'],
      ['zhang', 'b1-101', '2025-11-28T18:30:00+08:00', '十一月 智能门锁电量告警'],
      ['li', 'b1-201', '2025-10-20T11:00:00+08:00', '十月 烟感误报'],
      ['li', 'b1-201', '2025-11-10T15:00:00+08:00', '十一月 窗磁离线'],
    ];
    const ids: string[] = [];
    for (const [owner, unitId, at, symptoms] of seeds) {
      const response = await reporters[owner].post(`${API}/faults`, { reportId: randomUUID(), occurredAt: new Date().toISOString(), location: { buildingId: 'b1', unitId }, system: 'smart-home', symptoms });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      started.push(response.body.workflowId);
      ids.push(response.body.workflowId);
      await stack.db.update(processInstances).set({ startedAt: new Date(at) }).where(eq(processInstances.workflowId, response.body.workflowId));
    }
    await eventually(async () => {
      const rows = await stack.db.select({ unitId: processInstances.unitId }).from(processInstances).where(inArray(processInstances.workflowId, ids));
      return rows.every((row) => row.unitId !== null) || undefined;
    });
    const [, zhangNovember, zhangLateNovember] = ids;

    const page = await pageOf('auditor');
    await page.waitForURL('**/processes');
    const filters = page.locator('[data-testid="process-filters"]');
    await filters.locator('input[name="process"]').fill('故障报修');
    await filters.locator('input[name="owner"]').fill('张明');
    await filters.locator('input[name="from"]').fill('2025-11-01');
    await filters.locator('input[name="to"]').fill('2025-11-30');
    const rows = page.locator('[data-testid="process-row"]');
    await expect.poll(() => rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-workflow-id'))), { timeout: 10_000 }).toEqual([zhangLateNovember, zhangNovember]);
    expect(await page.locator('[data-testid="matched-people"]').textContent()).toContain('业主 张明 Zhang Ming');
    // The filters are in the URL: the search can be bookmarked and shared.
    expect(new URL(page.url()).searchParams.get('owner')).toBe('张明');
    await screenshot(page, 'auditor-search.png');

    // A name that matches nobody is said so at the field.
    await filters.locator('input[name="owner"]').fill('查无此人');
    await page.locator('[data-field-error="owner"]').waitFor();
    await filters.locator('input[name="owner"]').fill('张明');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);

    await rows.first().locator('a').click();
    await page.waitForURL(`**/processes/${encodeURIComponent(zhangLateNovember)}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-timeline-csv"]').click()]);
    expect(download.suggestedFilename()).toBe(`${zhangLateNovember}.timeline.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('完成 completed,业主 张明 Zhang Ming');
    expect(await page.locator('[data-testid="download-timeline-pdf"]').getAttribute('href')).toBe(`/api/v1/processes/${encodeURIComponent(zhangLateNovember)}/timeline.pdf`);
  });
});
