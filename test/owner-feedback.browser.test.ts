/**
 * An owner on a phone (390 × 844) files a complaint with a photo, sees the department's reply appear on the
 * feedback's page, and confirms and rates it there, in Chromium against the real stack; no page scrolls sideways.
 */
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../db/schema';
import { ensureUiBuilt, launchChromium, screenshot } from './support/browser';
import { signIn as apiSignIn } from './support/http-client';
import { eventually } from './support/poll';
import { startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';
const PHONE = { width: 390, height: 844 };
/** A tiny PNG, as a phone's camera would hand one over. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let stack: ApiTestStack;
let browser: Browser;
const started: string[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

async function phoneSignedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: stack.baseUrl, viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('[data-testid="sign-in"]').tap();
  await page.waitForSelector('[data-testid="current-user"]', { state: 'attached' });
  return { context, page };
}

/** How far the page spills past the viewport sideways (0 or less: it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('an owner on a phone', () => {
  it('files a complaint with a photo, sees the reply on its page, and confirms and rates it', async () => {
    const { context, page } = await phoneSignedIn('owner-zhang');
    try {
      await page.goto('/feedback/new');
      const form = page.locator('[data-testid="feedback-form"]');
      await form.waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      // Sent without a category: the form says which field is missing, in Chinese.
      await page.locator('[data-testid="submit-feedback"]').tap();
      await expect.poll(() => form.locator('.form-field.has-error').first().textContent()).toContain('类别');

      await page.getByLabel('投诉').check();
      await page.locator('select[name="buildingId"]').selectOption('b1');
      await page.locator('select[name="unitId"]').selectOption('b1-101');
      await page.locator('textarea[name="text"]').fill('楼道灯夜里一直不亮，晚上回家很不方便');
      await page.locator('input[name="photos"]').setInputFiles({ name: 'light.png', mimeType: 'image/png', buffer: PNG });
      await page.locator('.photo-row img').waitFor();
      await page.locator('[data-testid="submit-feedback"]').tap();

      await page.waitForURL(/\/feedback\/owner-feedback-/);
      const workflowId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      started.push(workflowId);
      await expect.poll(() => page.locator('.feedback-page').textContent()).toContain('还没有答复');
      await expect.poll(() => page.locator('.feedback-page img.photo-preview').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      // The department replies (nobody is in customer service here: a supervisor does).
      const reply = await eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, 'firstReply'), eq(tasks.status, 'open'))))[0]);
      const supervisor = await apiSignIn(stack.baseUrl, 'secsup');
      const answered = await supervisor.post(`/api/v1/tasks/${encodeURIComponent(reply.id)}/complete`, { payload: { reply: '已安排电工今晚更换楼道灯', resolved: true } });
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);

      // The reply appears on the page the owner has open, with the confirmation beneath.
      const thread = page.locator('[data-testid="feedback-thread"]');
      await expect.poll(() => thread.textContent(), { timeout: 30_000 }).toContain('已安排电工今晚更换楼道灯');
      const confirmation = page.locator('[data-testid="feedback-confirmation"]');
      await confirmation.waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'owner-feedback-reply-phone.png');

      // Confirming without stars: the rating is named.
      await page.locator('[data-testid="confirm-feedback"]').tap();
      await expect.poll(() => confirmation.locator('.form-field.has-error').first().textContent()).toContain('1–5');
      await confirmation.getByLabel('5 星').check({ force: true });
      await page.locator('[data-testid="confirm-feedback"]').tap();

      await expect.poll(() => page.locator('.feedback-page').textContent(), { timeout: 30_000 }).toContain('已办结（您已确认）');
      expect(await page.locator('[data-testid="feedback-rating"]').textContent()).toBe('★★★★★');
      await page.goto('/my-feedback');
      await page.locator(`[data-testid="feedback-card"][data-workflow-id="${workflowId}"]`).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  }, 120_000);
});
