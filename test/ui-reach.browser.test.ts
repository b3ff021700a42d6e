/**
 * Tasks as people reach them on a phone, in Chromium against the real stack: an owner verifies a repair from its
 * fault page, and a dispatched guard sees the alarm appear in a live worklist of cards and handles it from one
 * screen in at most five taps.
 */
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceHealth, repairRecords } from '../db/schema';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { actor, DIAGNOSIS, openTask, REPAIR } from './support/fault-scenarios';
import { signIn as apiSignIn } from './support/http-client';
import { eventually } from './support/poll';

const PASSWORD = 'steward-demo';
const PHONE = { width: 390, height: 844 };

let stack: DeviceTestStack;
let browser: Browser;
beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([
    startDeviceTestStack({ uiDir, heartbeatSeconds: 1, settings: { alarm: { acknowledgeMs: 60_000, arriveOnSiteDueMs: 60_000, findingsDueMs: 60_000 } } }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A phone (390 × 844, touch) signed in through the login page; every trusted click (a tap) is counted in `window.taps`. */
async function phoneSignedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: stack.baseUrl, viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.addInitScript(() => {
    const counted = window as unknown as { taps: number };
    counted.taps = 0;
    document.addEventListener('click', (event) => (counted.taps += event.isTrusted ? 1 : 0), true);
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('[data-testid="sign-in"]').tap();
  // On a phone the header hides the user's name: wait for it to be there rather than visible.
  await page.waitForSelector('[data-testid="current-user"]', { state: 'attached' });
  return { context, page };
}

/** How far the page spills past the viewport sideways (0 or less: it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const taps = (page: Page) => page.evaluate(() => (window as unknown as { taps: number }).taps);
const resetTaps = (page: Page) => page.evaluate(() => ((window as unknown as { taps: number }).taps = 0));

describe('an owner on a phone', () => {
  it('finds the repair to verify under 我的待办 and on its fault page, and verifies it there', async () => {
    const [zhang, tech] = await Promise.all([apiSignIn(stack.baseUrl, 'owner-zhang'), apiSignIn(stack.baseUrl, 'tech1')]);
    const reported = await zhang.post('/api/v1/faults', {
      reportId: randomUUID(),
      occurredAt: new Date().toISOString(),
      location: { buildingId: 'b1', unitId: 'b1-101' },
      system: 'cctv',
      symptoms: '大堂摄像机黑屏 Lobby camera shows a black image',
    });
    expect(reported.status).toBe(201);
    const workflowId = reported.body.workflowId as string;
    const diagnosis = await openTask(stack.db, workflowId, 'diagnoseFault');
    expect((await tech.post(`/api/v1/tasks/${encodeURIComponent(diagnosis.id)}/complete`, { payload: DIAGNOSIS.general })).status).toBe(200);
    const repair = await openTask(stack.db, workflowId, 'repairFault');
    expect((await tech.post(`/api/v1/tasks/${encodeURIComponent(repair.id)}/complete`, { payload: REPAIR })).status).toBe(200);
    const verification = await openTask(stack.db, workflowId, 'verifyRepair');

    const { context, page } = await phoneSignedIn('owner-zhang');
    try {
      // The owner's own list of tasks, in the navigation (owners have no staff worklist).
      await page.locator('nav a[href="/my-tasks"]').tap();
      await page.locator(`[data-testid="task-row"][data-task-id="${verification.id}"]`).waitFor();
      expect(await page.locator('nav a[href="/worklist"]').count()).toBe(0);

      // From the fault itself: 我的报修 → the fault → 去处理：维修验收.
      await page.locator('nav a[href="/my-faults"]').tap();
      await page.locator(`[data-testid="fault-card"][data-workflow-id="${workflowId}"]`).tap();
      const button = page.locator(`[data-testid="record-task"][data-task-id="${verification.id}"]`);
      await button.waitFor();
      expect(await button.textContent()).toBe('去处理：维修验收');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'owner-fault-verify-phone.png');
      await button.tap();
      await page.waitForURL(`**/tasks/${encodeURIComponent(verification.id)}`);
      await page.locator('[data-choices="accepted"] label', { hasText: '已修好，验收通过' }).tap();
      await page.locator('[data-testid="complete-task"]').tap();
      // Done, the owner is back on their own list, where nothing waits any more.
      await page.waitForURL('**/my-tasks');
      await page.locator('.empty').waitFor();

      expect(await stack.client.workflow.getHandle(workflowId).result()).toMatchObject({ verifiedBy: zhang.user.displayName });
      const [record] = await stack.db.select().from(repairRecords).where(eq(repairRecords.workflowId, workflowId));
      expect(record.verifiedBy).toBe(zhang.user.displayName);
    } finally {
      await context.close();
    }
  });
});

describe('a guard on a phone', () => {
  it('sees the dispatch arrive in the live worklist of cards and handles the alarm from one screen in at most five taps', async () => {
    const { context, page } = await phoneSignedIn('guard1');
    try {
      await page.waitForURL('**/worklist');
      await page.locator('[data-testid="worklist-live"][data-live="true"]').waitFor();

      // The alarm is raised while the worklist is open: its card comes without a reload.
      await stack.simulator.control('POST', '/_sim/devices/cam-b1-lobby/alarm', { repeat: 2, intervalMs: 20 });
      const workflowId = `${stack.settings.workflowIdPrefix}alarm-z-b1-lobby-fielddetection-1`;
      const card = page.locator(`[data-testid="task-row"][data-step="dispatchGuard"]`);
      await card.waitFor({ timeout: 15_000 });
      expect(await card.evaluate((element) => element.tagName)).toBe('A');
      expect(await page.locator('[data-testid="task-cards"]').count()).toBe(1);
      expect(await page.locator('table').count()).toBe(0);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'guard-worklist-phone.png');

      // The console fits the phone too, its 确认出警 within reach.
      await page.goto('/console');
      const incident = page.locator(`[data-incident="${workflowId}"]`);
      const acknowledge = incident.getByRole('button', { name: '确认出警' });
      await acknowledge.waitFor();
      const box = (await acknowledge.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'guard-console-phone.png');

      await page.goto('/worklist');
      await card.waitFor();
      await resetTaps(page);
      await card.tap(); // 1
      await page.waitForURL(`**/alarms/${encodeURIComponent(workflowId)}`);
      expect(await page.locator('[data-testid="alarm-zone"]').textContent()).toContain('1号楼大堂');
      expect(await page.locator('[data-testid="alarm-type"]').textContent()).toBe('区域入侵');
      const snapshot = page.locator('[data-testid="alarm-snapshot"][alt="B1 lobby camera"]');
      await expect.poll(() => snapshot.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'guard-alarm-phone.png');

      await page.locator('[data-testid="alarm-acknowledge"]').tap(); // 2
      await page.locator('[data-testid="alarm-arrive"]').tap(); // 3
      await page.locator('[data-testid="alarm-verdict-false-alarm"]').tap(); // 4
      expect(await page.locator('textarea[name="actionsTaken"]').inputValue()).toBe('现场核查，未发现异常');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.locator('[data-testid="alarm-submit-findings"]').tap(); // 5
      await page.locator('[data-testid="alarm-closed"][data-verdict="false-alarm"]').waitFor();
      // Exactly the five taps above, each one counted: the budget is five.
      expect(await taps(page)).toBe(5);

      const outcome = await stack.client.workflow.getHandle(workflowId).result();
      expect(outcome).toMatchObject({ verdict: 'false-alarm', faultRepairWorkflowId: null });
      // The three steps were the process's own tasks, each completed by the guard.
      const history = await eventually(async () => {
        const answer = await (await apiSignIn(stack.baseUrl, 'auditor')).get(`/api/v1/tasks?workflowId=${encodeURIComponent(workflowId)}&status=completed`);
        return answer.body.items.length === 3 ? answer.body.items : undefined;
      });
      expect(history.map((task: { stepId: string; completedBy: string }) => [task.stepId, task.completedBy]).sort()).toEqual([
        ['arriveOnSite', 'u-guard1'],
        ['dispatchGuard', 'u-guard1'],
        ['recordFindings', 'u-guard1'],
      ]);
      await screenshot(page, 'guard-alarm-closed-phone.png');
    } finally {
      await context.close();
    }
  });
});

describe('a technician at a desk', () => {
  it('sees the outage repair of a device back online on the worklist, and closes it in one click', async () => {
    const health = async () => (await stack.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, 'door-b2')))[0];
    await eventually(async () => ((await health())?.status === 'streaming' ? true : undefined));
    await stack.simulator.control('POST', '/_sim/devices/door-b2/heartbeat', { enabled: false });
    const workflowId = (
      await eventually(async () => {
        const row = await health();
        return row.status === 'down' && row.faultWorkflowId ? row : undefined;
      })
    ).faultWorkflowId!;
    await openTask(stack.db, workflowId, 'diagnoseFault');
    await stack.simulator.control('POST', '/_sim/devices/door-b2/heartbeat', { enabled: true });
    await eventually(async () => ((await health()).status === 'streaming' ? true : undefined));

    const context = await newContext(browser, stack.baseUrl);
    try {
      const page = await context.newPage();
      await signIn(page, 'tech1', PASSWORD);
      await page.waitForURL('**/worklist');
      const outage = page.locator(`[data-testid="recovered-outage"][data-workflow-id="${workflowId}"]`);
      await outage.waitFor();
      expect(await outage.textContent()).toContain('B2 door controller');
      // The repair's id is a link to the repair, which says the device is back.
      await outage.getByRole('link', { name: workflowId }).click();
      await page.waitForURL(`**/faults/${encodeURIComponent(workflowId)}`);
      expect(await page.locator('[data-testid="fault-outage"]').textContent()).toContain('已于');
      await page.goBack();
      await screenshot(page, 'technician-recovered-outage.png');
      await outage.locator('[data-testid="close-recovered"]').click();
      await outage.waitFor({ state: 'detached' });
      expect(await stack.client.workflow.getHandle(workflowId).result()).toMatchObject({ closedAs: 'device-back-online', verifiedBy: actor('tech1').displayName });
      // Its diagnosis left the worklist with it.
      await expect.poll(() => page.locator(`[data-testid="task-row"][data-step="diagnoseFault"]`).evaluateAll((rows) => rows.filter((row) => row.getAttribute('data-task-id')?.startsWith(workflowId)).length)).toBe(0);
    } finally {
      await context.close();
    }
  });
});
