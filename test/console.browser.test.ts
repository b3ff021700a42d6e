import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';

let stack: DeviceTestStack;
let browser: Browser;
beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startDeviceTestStack({ uiDir, heartbeatSeconds: 1, settings: { alarm: { acknowledgeMs: 60_000, arriveOnSiteDueMs: 60_000, findingsDueMs: 60_000 } } }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('control-room console in Chromium', () => {
  it('shows a new incident live, with its repeat count, guard and camera snapshot, and device health; the guard acknowledges it there', async () => {
    const context = await newContext(browser, stack.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'monitor', 'steward-demo');
    await page.goto('/console');
    await page.waitForSelector('[data-testid="console-live"] .badge-success');
    // Devices heartbeat every second: the grid turns them streaming without a reload.
    await page.waitForSelector('[data-device="door-b1"][data-status="streaming"]');
    // Overdue inspections (P3.1a) sit on the console of those who may read them.
    await page.waitForSelector('[data-testid="overdue-inspections"] h2');

    await stack.simulator.control('POST', '/_sim/devices/cam-b1-lobby/alarm', { repeat: 5, intervalMs: 20 });
    const workflowId = `${stack.settings.workflowIdPrefix}alarm-z-b1-lobby-fielddetection-1`;
    const row = page.locator(`tr[data-incident="${workflowId}"]`);
    await row.waitFor();
    await expect.poll(() => row.locator('[data-testid="repeat-count"]').textContent(), { timeout: 15_000 }).toBe('5');
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('孙强');
    const snapshot = row.locator('img[alt="B1 lobby camera"]');
    await snapshot.waitFor();
    await expect.poll(() => snapshot.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'console-incident.png');

    // The dispatched guard acknowledges on the console; the row follows live.
    const guardPage = await (await newContext(browser, stack.baseUrl)).newPage();
    await signIn(guardPage, 'guard1', 'steward-demo');
    await guardPage.goto('/console');
    const guardRow = guardPage.locator(`tr[data-incident="${workflowId}"]`);
    await guardRow.getByRole('button', { name: '确认出警' }).click();
    expect(await guardPage.locator('[data-testid="overdue-inspections"]').count()).toBe(0);
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已确认');
    await context.close();
  });
});
