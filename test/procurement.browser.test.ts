import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procurements, tasks } from '../db/schema';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { signIn as apiSignIn } from './support/http-client';
import { CCTV_SUPPLIERS } from './support/procurement-scenarios';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';

let stack: ApiTestStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const started: string[] = [];
beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  // project-delivery is another process's; this branch's tests end at the contract.
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir, { PROCUREMENT_START_DELIVERY: '0' }), launchChromium()]);
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

async function pageOf(username: string) {
  const context = await newContext(browser, stack.baseUrl);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, username, PASSWORD);
  return page;
}

describe('supplier registry and procurement pages in Chromium', () => {
  it('the registry flags the expired licence and the expiring certificate', async () => {
    const page = await pageOf('procure');
    await page.goto('/suppliers');
    const expiring = page.locator('[data-testid="expiring-documents"]');
    await expiring.waitFor();
    expect(await expiring.textContent()).toMatch(/Xinrui[\s\S]*已过期[\s\S]*Huaan[\s\S]*即将到期/);
    expect(await page.locator('[data-testid="supplier-row"][data-vendor-id="v-huaan"] .badge-warning').textContent()).toBe('1');
    // Registering a supplier with its licence starts its qualification review.
    await page.locator('[data-testid="register-supplier"] summary').click();
    await page.locator('[name="supplierId"]').fill('v-ui-new');
    await page.locator('[name="name"]').fill('新供应商 UI Supplier');
    await page.locator('[name="licenceExpires"]').fill('2030-06-30');
    await page.locator('[data-testid="register-supplier"] button[type="submit"]').click();
    await page.locator('[data-testid="supplier-row"][data-vendor-id="v-ui-new"]').waitFor();
    const review = await eventually(async () => (await stack.db.query.tasks.findFirst({ where: eq(tasks.workflowId, 'supplier-qualification-v-ui-new-initial') })) ?? undefined);
    expect(review).toMatchObject({ stepId: 'reviewQualification', candidateRoles: ['tech-supervisor'] });
    started.push(review.workflowId);
    await page.locator('[data-testid="supplier-row"][data-vendor-id="v-pending"] a').click();
    await page.locator('[data-testid="document-row"][data-state="expired"]').waitFor();
    await screenshot(page, 'supplier-page.png');
  });

  it("a supplier bids in its own form and gets a receipt; management sees the bids sealed until the opening, then the bids", async () => {
    const procure = await apiSignIn(stack.baseUrl, 'procure');
    const projectId = `ui-${randomUUID().slice(0, 8)}`;
    // The window holds a supplier's bid and management's look at the sealed bids on a loaded machine (12 s did not).
    const start = await procure.post('/api/v1/procurements', { projectId, title: 'Car park cameras', estimate: 60_000, system: 'cctv', bidWindowSeconds: 25 });
    expect(start.status).toBe(201);
    const workflowId = start.body.workflowId as string;
    started.push(workflowId);
    const method = await eventually(async () => {
      const response = await procure.get('/api/v1/tasks?step=chooseMethod&limit=200');
      return (response.body.items as Array<{ id: string; workflowId: string }>).find((task) => task.workflowId === workflowId);
    });
    expect((await procure.post(`/api/v1/tasks/${encodeURIComponent(method.id)}/complete`, { payload: { method: 'inquiry', invitedVendorIds: [...CCTV_SUPPLIERS] } })).status).toBe(200);
    await eventually(async () => ((await stack.db.query.procurements.findFirst({ where: eq(procurements.workflowId, workflowId) }))?.status === 'bidding' ? true : undefined));

    const supplier = await pageOf('vendor-anxin');
    await supplier.goto(`/procurements/${encodeURIComponent(workflowId)}`);
    await supplier.locator('[data-testid="bid-form"] form').waitFor();
    await supplier.locator('[name="priceYuan"]').fill('58000');
    await supplier.locator('[name="technicalProposal"]').fill('Eight 4 MP bullet cameras with IR');
    await supplier.locator('[name="deliveryDate"]').fill('2027-05-01');
    await supplier.locator('[name="afterSalesTerms"]').fill('Three years on site');
    await supplier.locator('[data-testid="bid-form"] button[type="submit"]').click();
    expect(await supplier.locator('[data-testid="bid-receipt"]').textContent()).toMatch(/[0-9a-f]{64}/);

    const manager = await pageOf('manager');
    await manager.goto(`/procurements/${encodeURIComponent(workflowId)}`);
    await manager.locator('[data-testid="bids-sealed"]').waitFor();
    expect(await manager.locator('body').textContent()).not.toContain('Eight 4 MP bullet cameras');
    await screenshot(manager, 'procurement-sealed.png');

    await eventually(async () => ((await stack.db.query.procurements.findFirst({ where: eq(procurements.workflowId, workflowId) }))?.openedAt ? true : undefined), 60_000);
    await manager.reload();
    const bids = manager.locator('[data-testid="bids-table"]');
    await bids.waitFor();
    expect(await bids.textContent()).toContain('Eight 4 MP bullet cameras with IR');
    await screenshot(manager, 'procurement-opened.png');
  });
});
