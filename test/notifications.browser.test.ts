/**
 * The notification centre in Chromium (issue 15, P4.1): a checker's header counts a new task's notification as it
 * is written (no reload), the centre lists it worded, leads to the task and marks it read; preferences refused by
 * field and then saved.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { signIn as apiSignIn } from './support/http-client';
import { startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';

let stack: ApiTestStack;
let browser: Browser;
let context: BrowserContext;
const started: string[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
  context = await newContext(browser, stack.baseUrl);
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

const unreadOf = async (page: Page) => Number(await page.locator('[data-testid="notification-bell"]').getAttribute('data-unread'));

describe('the notification centre in Chromium', () => {
  it('counts a new task live in the header, lists it worded, leads to the task and marks it read', async () => {
    const page = await context.newPage();
    await signIn(page, 'checker', 'steward-demo');
    await page.locator('[data-testid="notification-bell"]').waitFor();
    // The count the stream opened with, once it has been asked for.
    await page.waitForLoadState('networkidle');
    const before = await unreadOf(page);

    const admin = await apiSignIn(stack.baseUrl, 'admin');
    const response = await admin.post(`${API}/data-changes`, { changeId: randomUUID(), action: 'change', unitId: 'b1-302', unit: { exclusiveArea: 99.5 } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const workflowId = response.body.workflowId as string;
    started.push(workflowId);
    const taskId = `${workflowId}.checkChange.1`;

    await expect.poll(() => unreadOf(page), { timeout: 60_000 }).toBe(before + 1);
    expect(await page.locator('[data-testid="notification-bell"]').innerText()).toContain('通知');

    await page.locator('[data-testid="notification-bell"]').click();
    await page.waitForURL('**/notifications');
    const entry = page.locator('[data-testid="notification"][data-read="false"]', { hasText: '1号楼' }).first();
    await entry.waitFor();
    const shown = (await entry.innerText()).replace(/\s+/g, ' ');
    expect(shown).toContain('未读');
    expect(shown).not.toMatch(/\{unit:|b1-302/);
    await screenshot(page, 'notifications-centre.png');

    await entry.locator('a').click();
    await page.waitForURL(`**/tasks/${encodeURIComponent(taskId)}`);
    await expect.poll(() => unreadOf(page)).toBe(before);

    await page.goto('/notifications');
    await page.locator('[data-testid="notification"]').first().waitFor();
    if (before > 0) {
      await page.locator('[data-testid="mark-all-read"]').click();
      await expect.poll(() => unreadOf(page)).toBe(0);
    }
    expect(await page.locator('[data-testid="notification"][data-read="false"]').count()).toBe(0);
  }, 120_000);

  it('refuses quiet hours with no end by the field, then saves email and quiet hours', async () => {
    const page = await context.newPage();
    await page.goto('/notifications');
    const form = page.locator('[data-testid="notification-preferences"]');
    await form.waitFor();
    await form.locator('#quiet-from').fill('22:00');
    await form.locator('[data-testid="save-preferences"]').click();
    const fault = form.locator('[data-field-error="quietTo"]');
    await fault.waitFor();
    expect(await fault.innerText()).toContain('免打扰时段须同时填写开始和结束');
    await form.locator('input[name="by-email"]').check();
    await form.locator('#notification-email').fill('checker@example.test');
    await form.locator('#quiet-to').fill('07:00');
    await form.locator('[data-testid="save-preferences"]').click();
    await form.locator('[data-testid="preferences-saved"]').waitFor();
    await page.reload();
    await expect.poll(() => page.locator('#quiet-to').inputValue()).toBe('07:00');
    expect(await page.locator('#notification-email').inputValue()).toBe('checker@example.test');
  }, 60_000);
});
