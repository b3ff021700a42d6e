import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepEvents, tasks } from '../db/schema';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';
const DIAGNOSIS = { cause: 'Loose video cable', repairPlan: 'Reseat the cable', faultClass: 'general' };

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

/** Signs in through the API and returns the session cookie header. */
async function apiSignIn(username: string): Promise<string> {
  const response = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

async function reportFault(): Promise<string> {
  const cookie = await apiSignIn('owner-zhang');
  const response = await fetch(`${stack.baseUrl}/api/v1/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({
      reportId: randomUUID(),
      occurredAt: new Date().toISOString(),
      location: { buildingId: 'b1', unitId: 'b1-101' },
      system: 'cctv',
      symptoms: 'Lobby camera shows a black image',
    }),
  });
  expect(response.status).toBe(201);
  const { workflowId } = (await response.json()) as { workflowId: string };
  return workflowId;
}

function taskOf(workflowId: string, stepId: string) {
  return eventually(async () => {
    const [task] = await stack.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId)));
    return task;
  });
}

async function expectScreenshot(file: string) {
  expect((await stat(file)).size).toBeGreaterThan(0);
}

describe('the UI in Chromium, against the real API and worker', () => {
  let context: BrowserContext;
  let page: Page;
  let workflowId: string;

  beforeAll(async () => {
    workflowId = await reportFault();
    context = await newContext(browser, stack.baseUrl);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('a technician claims and completes the diagnosis from the worklist', async () => {
    const diagnosis = await taskOf(workflowId, 'diagnoseFault');
    await signIn(page, 'tech1', PASSWORD);
    await page.waitForURL('**/worklist');

    const row = page.locator(`[data-testid="task-row"][data-task-id="${diagnosis.id}"]`);
    await row.waitFor();
    await row.click();
    await page.waitForURL(`**/tasks/${encodeURIComponent(diagnosis.id)}`);

    await page.locator('[data-testid="claim-task"]').click();
    await page.locator('[data-testid="release-task"]').waitFor();
    await page.locator('[name="cause"]').fill(DIAGNOSIS.cause);
    await page.locator('[name="repairPlan"]').fill(DIAGNOSIS.repairPlan);
    await page.locator(`[name="faultClass"][value="${DIAGNOSIS.faultClass}"]`).check();
    await expectScreenshot(await screenshot(page, 'task-form.png'));

    await page.locator('[data-testid="complete-task"]').click();
    await page.waitForURL('**/worklist');
    await page.locator('h1').waitFor();

    const completed = await eventually(async () => {
      const [task] = await stack.db.select().from(tasks).where(eq(tasks.id, diagnosis.id));
      return task?.status === 'completed' ? task : undefined;
    });
    expect(completed).toMatchObject({ completedBy: 'u-tech1', result: DIAGNOSIS });
    const repair = await taskOf(workflowId, 'repairFault');
    expect(repair.status).toBe('open');
  });

  it('the instance page marks the steps on the diagram and lists the claim', async () => {
    // The page reads the instance once: wait until the process has recorded the repair step.
    await eventually(async () => {
      const rows = await stack.db
        .select()
        .from(stepEvents)
        .where(and(eq(stepEvents.workflowId, workflowId), eq(stepEvents.stepId, 'repairFault')));
      return rows.length > 0 ? rows : undefined;
    });

    await page.goto(`/processes/${encodeURIComponent(workflowId)}`);
    await page.waitForSelector('[data-testid="process-diagram"] svg');
    // Markers and badges are added in one go once the diagram is imported: wait for a badge.
    const visits = page.locator('.visit-count[data-step="diagnoseFault"]');
    await visits.waitFor();
    expect((await visits.textContent())?.trim()).toBe('1');
    const classes = (id: string) => page.locator(`.djs-element[data-element-id="${id}"]`).first().getAttribute('class');
    expect(await classes('faultReported')).toContain('step-completed');
    expect(await classes('diagnoseFault')).toContain('step-completed');
    expect(await classes('repairFault')).toContain('step-active');

    const claimed = page.locator('[data-testid="process-timeline"] tr[data-event="claimed"]');
    await claimed.waitFor();
    expect(await claimed.getAttribute('data-step')).toBe('diagnoseFault');

    await expectScreenshot(await screenshot(page, 'instance-page.png'));
  });
});

describe('refusals in the UI language', () => {
  const CHINESE = /[\u4e00-\u9fff]/;
  /** Three English words in a row: a sentence left untranslated. */
  const ENGLISH_SENTENCE = /[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}/;
  let context: BrowserContext;

  beforeAll(async () => {
    context = await newContext(browser, stack.baseUrl);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('a page the user may not open says so in Chinese, with whom to ask, and stops loading; in English once switched', async () => {
    const workflowId = await reportFault();
    const page = await context.newPage();
    await signIn(page, 'owner-zhang', PASSWORD);
    for (const path of [`/processes/${encodeURIComponent(workflowId)}`, '/suppliers']) {
      await page.goto(path);
      const banner = page.locator('[role="alert"]');
      await banner.waitFor();
      const text = (await banner.textContent()) ?? '';
      expect(await banner.getAttribute('data-status'), path).toBe('403');
      expect(text, path).toMatch(CHINESE);
      expect(text, path).not.toMatch(ENGLISH_SENTENCE);
      // Names the roles to ask, as people call them.
      expect(text, path).toContain('审计');
      expect(await page.locator('.loading').count(), path).toBe(0);
    }
    await screenshot(page, 'refused-zh-cn.png');

    await page.locator('[data-testid="language-toggle"]').click();
    await page.reload();
    const english = page.locator('[role="alert"]');
    await english.waitFor();
    expect(await english.textContent()).toMatch(/^Forbidden — this needs one of the roles: .*Auditor/);
  });
});
