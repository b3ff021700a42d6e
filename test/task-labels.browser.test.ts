/**
 * Tasks as their people meet them in Chromium: the committee member reads the plan and budget the filing asks
 * them to acknowledge, in the task itself, and opens the filed package; the owner verifying a repair decides
 * between two labelled choices, and a comment alone decides nothing.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../db/schema';
import type { CommitteeFilingInput } from '../workflows/committee-filing/messages';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { actor, complete, DIAGNOSIS, openTask, REPAIR } from './support/fault-scenarios';
import { API, BUDGET, PLAN } from './support/governance-scenarios';
import { signIn as apiSignIn } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';

let stack: ApiTestStack;
let browser: Browser;
const started: string[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await browser?.close();
  await stack?.stop();
});

/** Signs the user in and opens the task's page, once it shows its form. */
async function openTaskPage(username: string, taskId: string): Promise<Page> {
  const page = await (await newContext(browser, stack.baseUrl)).newPage();
  await signIn(page, username, PASSWORD);
  await page.goto(`/tasks/${encodeURIComponent(taskId)}`);
  await page.locator('[data-testid="task-form"]').waitFor();
  // The step's name comes with the catalogue, loaded after sign-in.
  await expect.poll(() => page.locator('h1').textContent()).not.toMatch(/^[a-zA-Z]+$/);
  return page;
}

/** `token` on its own in the text (not inside a longer word or id). */
const shows = (text: string, token: string) => new RegExp(`(^|[^A-Za-z0-9_.-])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(text);

describe('tasks show what the person decides, in their language', () => {
  it("the committee member reads the filed plan's projects and budget in the task, decides explicitly and opens the filed package", async () => {
    const workflowId = `committee-filing-labels-${randomUUID()}`;
    const input: CommitteeFilingInput = {
      planWorkflowId: `annual-plan-${randomUUID()}`,
      title: '2031 年度计划与预算备案',
      filingPackage: { year: 2031, plan: PLAN, budget: BUDGET, approvedBy: '总经理 郑华 Zheng Hua', approvedAt: new Date().toISOString(), evaluationWorkflowId: null },
      timings: { acknowledgementDueMs: 86_400_000 },
    };
    await stack.client.workflow.start('committeeFiling', { taskQueue: stack.taskQueue, workflowId, args: [input] });
    started.push(workflowId);
    const task = await openTask(stack.db, workflowId, 'acknowledgeFiling');

    const page = await openTaskPage('committee', task.id);
    expect(await page.locator('h1').textContent()).toBe('业委会备案确认');
    expect(await page.locator('[data-testid="task-title"]').textContent()).toBe('2031 年度计划与预算备案');

    // The package the digest is of: every project with its estimate, every budget line, the total.
    const context = page.locator('[data-testid="task-context"]');
    const projectRow = context.locator('[data-records] tbody tr', { hasText: 'Convert the bicycle shed into shops' });
    expect(await projectRow.count()).toBe(1);
    expect(await projectRow.textContent()).toContain('¥120,000.00');
    expect(await projectRow.textContent()).toContain('是，需业主表决');
    expect(await context.locator('[data-records] tbody tr', { hasText: 'Replace lobby cameras' }).textContent()).toContain('¥86,000.50');
    expect(await context.locator('[data-records] tbody tr', { hasText: 'Cabling and commissioning' }).textContent()).toContain('安装调试');
    const text = await page.locator('main').innerText();
    expect(text).toContain('¥98,000.50');
    for (const raw of ['estimateYuan', 'art278Item', 'lineItems', 'installation-commissioning', 'acknowledgeFiling', 'planWorkflowId', input.planWorkflowId, 'true', 'false', 'acknowledged']) {
      expect(shows(text, raw), raw).toBe(false);
    }

    // Two labelled choices, none chosen: submitting without one asks for it.
    const choices = page.locator('input[type="radio"][name="decision"]');
    expect(await choices.count()).toBe(2);
    expect(await page.locator('input[name="decision"]:checked').count()).toBe(0);
    expect(await page.locator('[data-choices="decision"] label').allTextContents()).toEqual(['材料齐全，予以备案并出具回执', '材料不全，退回']);
    await page.locator('[data-testid="complete-task"]').click();
    await expect.poll(() => page.locator('[data-field-error="decision"]').textContent()).toBe('必填');
    await screenshot(page, 'task-labels-filing.png');
    await page.locator('input[name="decision"][value="acknowledged"]').check();
    await page.locator('[data-testid="complete-task"]').click();
    await page.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });
    expect(await stack.client.workflow.getHandle(workflowId).result()).toMatchObject({ status: 'acknowledged' });

    // The filing's package link opens for the committee (it reads filings, not process instances).
    await page.goto('/governance');
    const link = page.locator(`[data-testid="filing-row"][data-workflow-id="${workflowId}"] [data-testid="filing-link"]`);
    await eventually(async () => {
      if (await link.count()) return true;
      await page.reload();
      return undefined;
    });
    await link.click();
    const filed = page.locator('[data-testid="filing-package"]');
    await filed.waitFor();
    expect(await filed.locator('[data-records] tbody tr', { hasText: 'Operator training' }).textContent()).toContain('¥12,000.00');
    expect(await page.locator('main').innerText()).not.toMatch(/Forbidden|estimateYuan/);
    await screenshot(page, 'task-labels-filed-package.png');
  });

  it('verifying a repair offers two labelled choices: a comment without one decides nothing', async () => {
    const owner = await apiSignIn(stack.baseUrl, 'owner-zhang');
    const reported = await owner.post(`${API}/faults`, {
      reportId: randomUUID(),
      occurredAt: new Date().toISOString(),
      location: { buildingId: 'b1', unitId: 'b1-101' },
      system: 'smart-home',
      symptoms: '客厅天花板漏水，已持续两小时',
    });
    expect(reported.status).toBe(201);
    const { workflowId } = reported.body as { workflowId: string };
    started.push(workflowId);
    const diagnosis = await openTask(stack.db, workflowId, 'diagnoseFault');
    await complete(stack.client, workflowId, diagnosis.id, actor('tech1'), DIAGNOSIS.general);
    const repair = await openTask(stack.db, workflowId, 'repairFault');
    await complete(stack.client, workflowId, repair.id, actor('tech1'), REPAIR);
    const verification = await openTask(stack.db, workflowId, 'verifyRepair');

    const page = await openTaskPage('owner-zhang', verification.id);
    expect(await page.locator('h1').textContent()).toBe('维修验收');
    expect(await page.locator('[data-testid="task-title"]').textContent()).toBe('智能家居：客厅天花板漏水，已持续两小时');
    const text = await page.locator('main').innerText();
    // The unit by its building's name and number, the repair in words, the time in Beijing time to the second.
    expect(text).toContain('1号楼 Building 1 101');
    expect(text).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/);
    for (const raw of ['b1-101', 'unitId', 'buildingId', 'repairProcess', 'timeSpentMinutes', 'verifyRepair', 'smart-home', 'true', 'false']) {
      expect(shows(text, raw), raw).toBe(false);
    }

    expect(await page.locator('input[type="checkbox"]').count()).toBe(0);
    expect(await page.locator('[data-choices="accepted"] label').allTextContents()).toEqual(['已修好，验收通过', '未修好，退回返修']);
    expect(await page.locator('input[name="accepted"]:checked').count()).toBe(0);

    // "很好" and no choice: the form asks which, and the repair is neither accepted nor sent back.
    await page.locator('[name="comment"]').fill('很好');
    await page.locator('[data-testid="complete-task"]').click();
    await expect.poll(() => page.locator('[data-field-error="accepted"]').textContent()).toBe('必填');
    const [stillOpen] = await stack.db.select().from(tasks).where(eq(tasks.id, verification.id));
    expect(stillOpen.status).toBe('open');
    await screenshot(page, 'task-labels-verify.png');

    await page.locator('[data-choices="accepted"] label', { hasText: '已修好，验收通过' }).click();
    await page.locator('[data-testid="complete-task"]').click();
    await page.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });
    const done = await eventually(async () => {
      const [row] = await stack.db.select().from(tasks).where(eq(tasks.id, verification.id));
      return row?.status === 'completed' ? row : undefined;
    });
    expect(done.result).toEqual({ accepted: true, comment: '很好' });
    expect(await stack.client.workflow.getHandle(workflowId).result()).toMatchObject({ repairedBy: 'in-house', reworkCount: 0 });
  });
});
