import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeFilingInput } from '../workflows/committee-filing/messages';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { API, BUDGET, PLAN, testGovernanceSettings } from './support/governance-scenarios';
import { signIn as apiSignIn } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';

let stack: ApiTestStack;
let browser: Browser;
const started: string[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
  // A long voting period: the owner has time to vote; the test ends the process itself.
  stack.ctx.settings.governance = testGovernanceSettings(600);
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await browser?.close();
  await stack?.stop();
});

describe('governance in Chromium, against the real API and worker', () => {
  let context: BrowserContext;
  afterAll(async () => {
    await context?.close();
  });

  it('a committee member acknowledges a filing from the worklist and sees its receipt number', async () => {
    const workflowId = `committee-filing-browser-${randomUUID()}`;
    const input: CommitteeFilingInput = {
      planWorkflowId: `annual-plan-${randomUUID()}`,
      title: '2031 年度计划与预算备案 Plan and budget 2031',
      filingPackage: { year: 2031, plan: PLAN, budget: BUDGET, approvedBy: '总经理 郑华 Zheng Hua', approvedAt: new Date().toISOString(), evaluationWorkflowId: null },
      timings: { acknowledgementDueMs: 86_400_000 },
    };
    await stack.client.workflow.start('committeeFiling', { taskQueue: stack.taskQueue, workflowId, args: [input] });
    started.push(workflowId);
    const taskId = `${workflowId}.acknowledgeFiling.1`;

    context = await newContext(browser, stack.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'committee', PASSWORD);
    await page.waitForURL('**/worklist');
    const row = page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);
    await eventually(async () => {
      if (await row.count()) return true;
      await page.reload();
      return undefined;
    });
    await row.click();
    await page.waitForURL(`**/tasks/${encodeURIComponent(taskId)}`);
    await page.locator('[name="decision"][value="acknowledged"]').check();
    await page.locator('[data-testid="complete-task"]').click();
    await page.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });

    await page.goto('/governance');
    const filing = page.locator(`[data-testid="filing-row"][data-workflow-id="${workflowId}"]`);
    const receipt = await eventually(async () => {
      if ((await filing.count()) && (await filing.getAttribute('data-status')) === 'acknowledged') return filing.locator('[data-testid="receipt-number"]').textContent();
      await page.reload();
      return undefined;
    });
    expect(receipt).toBe('BA-2031-001');
    expect(await stack.client.workflow.getHandle(workflowId).result()).toMatchObject({ status: 'acknowledged', receiptNumber: 'BA-2031-001' });
    await screenshot(page, 'governance-filing-acknowledged.png');
  });

  it('an owner votes on a phone-sized viewport and watches participation update live', async () => {
    const committee = await apiSignIn(stack.baseUrl, 'committee');
    const voteId = `browser-${randomUUID().slice(0, 8)}`;
    const requested = await committee.post(`${API}/votes`, { voteId, title: '加装电动车充电桩 Install EV chargers', description: 'Twenty chargers in the car park', item: 9 });
    expect(requested.status).toBe(201);
    started.push(requested.body.workflowId);

    const phone = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const page = await phone.newPage();
      // On a phone the header hides the user's name, so wait for it to be there rather than visible.
      await page.goto('/login');
      await page.locator('input[name="username"]').fill('owner-zhang');
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.locator('[data-testid="sign-in"]').tap();
      await page.waitForSelector('[data-testid="current-user"]', { state: 'attached' });
      await page.goto('/owner/votes');
      const card = page.locator(`[data-testid="vote-card"][data-vote-id="${voteId}"]`);
      await eventually(async () => {
        if ((await card.count()) && (await card.getAttribute('data-status')) === 'open') return true;
        await page.reload();
        return undefined;
      });
      expect(await card.locator('[data-testid="participation-heads"]').getAttribute('data-percent')).toBe('0');
      // Every choice looks the same; none is the primary button.
      const classes = await card.locator('[data-testid="vote-for"], [data-testid="vote-against"], [data-testid="vote-abstain"]').evaluateAll((buttons) => buttons.map((button) => button.className));
      expect(classes).toHaveLength(3);
      expect(new Set(classes).size).toBe(1);
      expect(classes[0]).not.toContain('primary');
      // A ballot is confirmed before it is cast: going back casts nothing, the dialog names the choice.
      await card.locator('[data-testid="vote-against"]').tap();
      const dialog = page.locator('[data-testid="confirm-ballot"]');
      expect(await dialog.getAttribute('data-choice')).toBe('against');
      expect(await dialog.textContent()).toContain('反对');
      await dialog.locator('[data-testid="cancel-ballot"]').tap();
      await dialog.waitFor({ state: 'detached' });
      expect(await card.locator('[data-testid="my-ballot"]').count()).toBe(0);
      await card.locator('[data-testid="vote-for"]').tap();
      expect(await dialog.textContent()).toContain('确认投「同意」票？');
      await dialog.locator('[data-testid="cast-ballot"]').tap();
      await card.locator('[data-testid="my-ballot"][data-choice="for"]').waitFor();
      await dialog.waitFor({ state: 'detached' });
      // Zhang's two units: 191.25 of 1,441.50 m² (13.27 %), 1 of 6 owners (16.67 %).
      expect(await card.locator('[data-testid="participation-area"]').getAttribute('data-percent')).toBe('13.27');
      expect(await card.locator('[data-testid="participation-heads"]').getAttribute('data-percent')).toBe('16.67');
      await expect.poll(() => card.locator('[data-testid="vote-for"]').count()).toBe(0);

      // Another owner votes elsewhere: the open page picks it up without a reload.
      const li = await apiSignIn(stack.baseUrl, 'owner-li');
      expect((await li.post(`${API}/votes/${voteId}/ballots`, { choice: 'against' })).status).toBe(200);
      await card.locator('[data-testid="participation-heads"][data-percent="33.33"]').waitFor({ timeout: 15_000 });

      // Nothing spills sideways on the phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'owner-vote-phone.png');
    } finally {
      await phone.close();
    }
  });
});
