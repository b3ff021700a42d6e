import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST_PASS, plan, TEAM, TEAM_USERNAMES } from './support/delivery-scenarios';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { actor, complete, openTask } from './support/fault-scenarios';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';
import { and, eq } from 'drizzle-orm';
import { tasks } from '../db/schema';

const PASSWORD = 'steward-demo';
let stack: ApiTestStack;
let browser: Browser;
const started: string[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
  stack.ctx.settings.delivery = { reportEveryMs: 1000 };
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await browser?.close();
  await stack?.stop();
});

describe('deliveries and supplier evaluation in Chromium', () => {
  it('procurement starts a delivery, logs an issue, and downloads the acceptance report once accepted', async () => {
    const context = await newContext(browser, stack.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'procure', PASSWORD);
    await page.locator('nav a[href="/deliveries"]').click();
    const contractId = `contract-${randomUUID().slice(0, 8)}`;
    const form = page.locator('[data-testid="start-delivery"]');
    await form.locator('#contractId').fill(contractId);
    await form.locator('#projectId').fill('p-gates');
    await form.locator('#title').fill('人脸识别门禁 Face gates');
    await form.locator('#vendorId').selectOption('v-access-control');
    await form.locator('#deliveryDate').fill('2027-03-01');
    await form.locator('button[type="submit"]').click();
    const deliveryId = `project-delivery-${contractId}`;
    started.push(deliveryId);
    await page.waitForURL(`**/deliveries/${deliveryId}`);

    await complete(stack.client, deliveryId, (await openTask(stack.db, deliveryId, 'planImplementation')).id, actor('techsup'), plan([3600]));
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="milestones"] tbody tr').count()).toBe(1);
    await page.locator('#issueTitle').fill('Cable tray missing at gate 2');
    await page.locator('#severity').selectOption('high');
    await page.locator('[data-testid="issue-form"] button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="issues"] tbody tr').count()).toBe(1);

    await complete(stack.client, deliveryId, (await openTask(stack.db, deliveryId, 'reportProgress')).id, actor('tech1'), { summary: 'All gates live', percentComplete: 100, milestonesReached: ['Milestone 1'], deliveryComplete: true });
    const acceptanceId = deliveryId.replace('project-delivery-', 'project-acceptance-');
    await complete(stack.client, acceptanceId, (await openTask(stack.db, acceptanceId, 'formTeam')).id, actor('techsup'), TEAM);
    await complete(stack.client, acceptanceId, (await openTask(stack.db, acceptanceId, 'inspectDelivery')).id, actor('techsup'), CHECKLIST_PASS);
    const signing = await eventually(async () => {
      const rows = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, acceptanceId), eq(tasks.stepId, 'signAcceptance')));
      return rows.length === 3 ? rows : undefined;
    });
    for (const username of TEAM_USERNAMES) {
      const own = signing.find((task) => task.candidateUsers.includes(actor(username).userId))!;
      await complete(stack.client, acceptanceId, own.id, actor(username), { signedAs: actor(username).displayName });
    }
    await openTask(stack.db, acceptanceId, 'settleWithSupplier');

    await page.reload();
    const download = page.locator('[data-testid="acceptance-report"]');
    await download.waitFor();
    const pdf = await page.request.get((await download.getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page.locator('[data-testid="acceptance"] li').count()).toBe(6);
    await screenshot(page, 'delivery-page.png');
    await context.close();

    // Management opens the delivery's process instance: its diagram, and the acceptance one click away.
    const managerContext = await newContext(browser, stack.baseUrl);
    const manager = await managerContext.newPage();
    await signIn(manager, 'manager', PASSWORD);
    await manager.goto(`/deliveries/${deliveryId}`);
    await manager.locator(`a[href="/processes/${deliveryId}"]`).first().click();
    await manager.locator('.djs-element[data-element-id="startAcceptance"]').first().waitFor({ state: 'attached' });
    const related = manager.locator(`[data-testid="related-instances"] li[data-workflow-id="${acceptanceId}"] a`);
    await related.click();
    await manager.waitForURL(`**/processes/${acceptanceId}`);
    await manager.locator('.djs-element[data-element-id="settleWithSupplier"]').first().waitFor({ state: 'attached' });
    await screenshot(manager, 'acceptance-instance.png');
    await managerContext.close();
  });

  it('management starts an on-demand supplier evaluation from the registry', async () => {
    const context = await newContext(browser, stack.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'manager', PASSWORD);
    await page.locator('nav a[href="/supplier-evaluations"]').click();
    const row = page.locator('[data-testid="supplier-row"][data-vendor="v-cctv"]');
    await row.locator('button').click();
    const link = row.locator('a');
    await link.waitFor();
    const workflowId = decodeURIComponent((await link.getAttribute('href'))!.split('/').pop()!);
    started.push(workflowId);
    expect(workflowId).toMatch(/^supplier-evaluation-/);
    await openTask(stack.db, workflowId, 'evaluateByTechnology');
    await screenshot(page, 'suppliers-page.png');
    await context.close();
  });
});
