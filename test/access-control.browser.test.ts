import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faceConsents, processInstances } from '../db/schema';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';

let stack: ApiTestStack;
let browser: Browser;
beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
});
afterAll(async () => {
  // The plate pushed from the page has no simulator to reach here: end its process rather than leave it retrying.
  const running = await stack.db.select().from(processInstances).where(eq(processInstances.process, 'plate-list'));
  await Promise.all(running.map((row) => stack.client.workflow.getHandle(row.workflowId).terminate('test done').catch(() => undefined)));
  await browser?.close();
  await stack?.stop();
});

describe('access control in the browser (zh-CN)', () => {
  it('an owner sees only themselves, consents to face recognition themselves, and the guard sees the consent', async () => {
    const context = await newContext(browser, stack.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'owner-li', PASSWORD);
    await page.getByRole('link', { name: '门禁' }).click();
    await page.waitForSelector('[data-testid="access-control-page"]');
    const rows = page.locator('[data-testid="access-people"] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-person-id')).toBe('ap-li');
    expect(await page.locator('[data-testid="person-consent"]').textContent()).toContain('未同意');
    // An owner is offered the non-face way in and no enrolment form of their own.
    expect(await page.locator('[data-testid="person-detail"]').textContent()).toContain('无需人脸');
    expect(await page.locator('[data-testid="enrol-form"]').count()).toBe(0);
    // No deletion-log tab for owners.
    expect(await page.locator('[data-testid="access-tab-deletions"]').count()).toBe(0);

    await page.locator('[data-testid="consent-self"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="person-consent"]')?.textContent?.includes('已同意'));
    const [consent] = await eventually(async () => {
      const rowsFound = await stack.db.select().from(faceConsents).where(eq(faceConsents.personId, 'ap-li'));
      return rowsFound.length ? rowsFound : undefined;
    });
    expect(consent).toMatchObject({ method: 'self', recordedBy: 'u-owner-li', withdrawnAt: null });
    await screenshot(page, 'access-control-owner.png');
    await context.close();

    const guardContext = await newContext(browser, stack.baseUrl);
    const guardPage = await guardContext.newPage();
    await signIn(guardPage, 'guard1', PASSWORD);
    await guardPage.goto('/access');
    const liRow = guardPage.locator('[data-testid="access-people"] tr[data-person-id="ap-li"]');
    await liRow.waitFor();
    expect(await liRow.locator('[data-testid="consent-status"]').textContent()).toBe('已同意');
    await guardPage.locator('[data-testid="access-tab-deletions"]').click();
    await guardPage.waitForSelector('[data-testid="face-deletions"]');
    await guardPage.locator('[data-testid="access-tab-plates"]').click();
    await guardPage.locator('#plate-number').fill('not a plate');
    await guardPage.locator('[data-testid="plate-form"] button[type="submit"]').click();
    await guardPage.locator('[data-field-error="plate"]').waitFor();
    await guardPage.locator('#plate-number').fill('粤B 12345');
    await guardPage.locator('#plate-note').fill('张明 车位 B1-018');
    await guardPage.locator('[data-testid="plate-form"] button[type="submit"]').click();
    const plateRow = guardPage.locator('[data-testid="plates"] tbody tr', { hasText: '粤B12345' });
    await plateRow.waitFor();
    expect(await plateRow.textContent()).toContain('允许');
    await screenshot(guardPage, 'access-control-guard.png');
    await guardContext.close();
  });
});
