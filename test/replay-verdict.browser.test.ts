import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcessArchiver, type ProcessArchiver } from '../api/use-cases/process-archive';
import { processArchives } from '../db/schema';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { signIn as apiSignIn } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

let stack: ApiTestStack;
let browser: Browser;
let archiver: ProcessArchiver | undefined;
beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
});
afterAll(async () => {
  await archiver?.stop();
  await browser?.close();
  await stack?.stop();
});

describe('the instance page: archive and replay check', () => {
  it('the auditor sees the archive record and gets the verdict from the replay button; a technician has no button', async () => {
    const zhang = await apiSignIn(stack.baseUrl, 'owner-zhang');
    const reported = await zhang.post('/api/v1/faults', {
      reportId: randomUUID(),
      occurredAt: new Date().toISOString(),
      location: { buildingId: 'b1', unitId: 'b1-101' },
      system: 'cctv',
      symptoms: 'Lobby camera shows a black image',
    });
    expect(reported.status).toBe(201);
    const workflowId = reported.body.workflowId as string;
    // Closed without reporting its end: the archiver records it as terminated.
    await eventually(async () => ((await zhang.get(`/api/v1/faults/${workflowId}`)).body.currentSteps?.includes('diagnoseFault') ? true : undefined));
    await stack.client.workflow.getHandle(workflowId).terminate('duplicate report');
    archiver = startProcessArchiver({ ...stack.ctx, settings: { ...stack.ctx.settings, archive: { sweepIntervalMs: 200, lookbackMs: 3_600_000 } } });
    const [archived] = await eventually(async () => {
      const rows = await stack.db.select().from(processArchives).where(eq(processArchives.workflowId, workflowId));
      return rows.length > 0 ? rows : undefined;
    });

    const context = await newContext(browser, stack.baseUrl);
    const page = await context.newPage();
    await signIn(page, 'auditor', 'steward-demo');
    await page.goto(`/processes/${encodeURIComponent(workflowId)}`);
    const section = page.locator(`section.instance-page[data-workflow-id="${workflowId}"]`);
    await section.waitFor();
    expect(await section.getAttribute('data-status')).toBe('terminated');
    expect(await page.locator('[data-testid="instance-archive"] .digest').textContent()).toBe(archived.historySha256);

    await page.locator('[data-testid="replay-button"]').click();
    const verdict = page.locator('.replay-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('reproduces');
    expect(await verdict.textContent()).toContain('一致');
    await screenshot(page, 'instance-replay.png');
    await context.close();

    const techContext = await newContext(browser, stack.baseUrl);
    const techPage = await techContext.newPage();
    await signIn(techPage, 'tech1', 'steward-demo');
    await techPage.goto(`/processes/${encodeURIComponent(workflowId)}`);
    await techPage.locator('section.instance-page').waitFor();
    expect(await techPage.locator('[data-testid="replay-button"]').count()).toBe(0);
    await techContext.close();
  });
});
