import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessLog } from '../db/schema';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { withDatabase } from './support/global-setup';
import { signIn as signInHttp } from './support/http-client';
import { startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';

let stack: ApiTestStack;
let browser: Browser;
beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the access log in the browser (zh-CN)', () => {
  it("the auditor finds a guard's read of a person, verifies the chain, and is shown the row a superuser changed", async () => {
    const guard = await signInHttp(stack.baseUrl, 'guard1');
    for (const personId of ['ap-wang', 'ap-li', 'ap-zhang']) expect((await guard.get(`/api/v1/access/people/${personId}`)).status).toBe(200);
    const [read] = await stack.db.select().from(accessLog).where(eq(accessLog.subjectIds, ['ap-wang']));

    const context = await newContext(browser, stack.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'auditor', PASSWORD);
    await page.getByRole('link', { name: '访问日志' }).click();
    await page.waitForSelector('[data-testid="access-log-page"]');
    await page.locator('input[name="subject"]').fill('ap-wang');
    await page.locator('input[name="actor"]').fill('u-guard1');
    await expect.poll(() => new URL(page.url()).search).toBe('?subject=ap-wang&actor=u-guard1');
    const rows = page.locator('[data-testid="access-log-row"]');
    await expect.poll(async () => (await rows.count()) === 1 && (await rows.first().getAttribute('data-id'))).toBe(String(read.id));
    const text = await rows.first().textContent();
    expect(text).toContain('孙强');
    expect(text).toContain('人员记录');
    expect(text).toContain('GET /api/v1/access/people/:personId');

    await page.locator('[data-testid="access-log-verify"]').click();
    const verdict = page.locator('[data-testid="access-log-verification"]');
    await expect.poll(() => verdict.getAttribute('data-intact')).toBe('true');
    expect(await verdict.textContent()).toContain('链完整');

    // A superuser changes the row behind the trigger's back.
    const [{ name }] = await stack.db.$client<Array<{ name: string }>>`select current_database() as name`;
    const superuser = postgres(withDatabase(inject('postgresAdminUrl'), name), { max: 1, onnotice: () => {} });
    try {
      await superuser.begin(async (tx) => {
        await tx.unsafe('set local session_replication_role = replica');
        await tx.unsafe(`update access_log set ip = '203.0.113.9' where id = ${read.id}`);
      });
    } finally {
      await superuser.end();
    }
    await page.locator('[data-testid="access-log-verify"]').click();
    await expect.poll(() => verdict.getAttribute('data-intact')).toBe('false');
    expect(await verdict.textContent()).toContain(`链在第 ${read.id} 行断开`);
    await verdict.getByRole('button', { name: '查看该行' }).click();
    // The filters are cleared and the list starts at the broken row, newer reads before it left out.
    await expect.poll(() => page.locator('input[name="subject"]').inputValue()).toBe('');
    await expect.poll(() => page.locator('input[name="actor"]').inputValue()).toBe('');
    await expect.poll(() => new URL(page.url()).searchParams.get('upTo')).toBe(String(read.id + 1));
    await expect.poll(() => rows.first().getAttribute('data-id')).toBe(String(read.id));
    expect(await rows.first().textContent()).toContain('203.0.113.9');
    expect(await rows.count()).toBe(1);
    await screenshot(page, 'access-log-broken.png');
    await context.close();
  });

  it('the nav entry is for auditors and admins, not for guards', async () => {
    const context = await newContext(browser, stack.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'guard1', PASSWORD);
    expect(await page.getByRole('link', { name: '访问日志' }).count()).toBe(0);
    await context.close();
  });
});
