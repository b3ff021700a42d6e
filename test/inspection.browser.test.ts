import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TaskView } from '../contracts/tasks';
import { inspectionPlans } from '../db/schema';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { signIn as apiSignIn } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let stack: ApiTestStack;
let browser: Browser;
const planId = `t-${randomUUID()}`;
const createdPlans: string[] = [planId];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(createdPlans.map((id) => stack?.client.schedule.getHandle(`inspection-${id}`).delete().catch(() => undefined)));
  await stack?.stop();
});

describe('the inspection checklist in Chromium', () => {
  // A fresh browser profile per test: each signs in as someone else.
  let context: BrowserContext;
  beforeEach(async () => {
    context = await newContext(browser, stack.baseUrl);
  });
  afterEach(async () => {
    await context?.close();
  });

  it('renders per-item pass/fail, note and photo upload in the task form; a failed item becomes a fault repair with the photo', async () => {
    const techsup = await apiSignIn(stack.baseUrl, 'techsup');
    const created = await techsup.post(`${API}/inspections/plans`, {
      id: planId,
      title: 'Lobby and network check',
      responsibleRole: 'technician',
      cycleSeconds: 3600,
      dueWithinSeconds: 1800,
      checklist: [
        { id: 'lobby-camera', text: 'B1 lobby camera: clear picture', system: 'cctv', deviceId: 'cam-b1-lobby' },
        { id: 'core-switch', text: 'Core switch uplink up', system: 'network', deviceId: 'switch-core' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await techsup.post(`${API}/inspections/plans/${planId}/run`)).status).toBe(202);
    const tech1 = await apiSignIn(stack.baseUrl, 'tech1');
    const task = await eventually(async () => {
      const response = await tech1.get(`${API}/tasks?process=inspection&limit=200`);
      return (response.body.items as TaskView[]).find((candidate) => candidate.workflowId.startsWith(`inspection-${planId}-`));
    });

    const page = await context.newPage();
    await signIn(page, 'tech1', 'steward-demo');
    await page.goto(`/tasks/${encodeURIComponent(task.id)}`);
    const form = page.locator('[data-testid="task-form"]');
    await form.waitFor();
    expect(await page.locator('[data-choices="result_lobby-camera"] label').allTextContents()).toEqual(['通过', '不通过']);
    await page.locator('input[name="result_lobby-camera"][value="fail"]').check();
    await page.locator('input[name="note_lobby-camera"]').fill('Picture is black');
    await page.locator('#field-photo_lobby-camera').setInputFiles({ name: 'camera.png', mimeType: 'image/png', buffer: PNG });
    const uploaded = page.locator('.photo-input[data-photo-id]');
    await uploaded.waitFor();
    const photoId = await uploaded.getAttribute('data-photo-id');
    expect(photoId).toMatch(/^[0-9a-f-]{36}$/);
    await page.locator('input[name="result_core-switch"][value="pass"]').check();
    expect(await screenshot(page, 'inspection-checklist.png')).toBeTruthy();
    await page.locator('[data-testid="complete-task"]').click();
    await page.waitForURL('**/worklist');

    const repairId = `fault-repair-${task.workflowId}-lobby-camera`;
    const fault = await eventually(async () => {
      const response = await techsup.get(`${API}/faults/${repairId}`);
      return response.status === 200 && response.body.report ? response.body : undefined;
    });
    expect(fault.report).toMatchObject({ photoId, system: 'cctv', location: { deviceId: 'cam-b1-lobby' }, symptoms: expect.stringContaining('Picture is black') });

    // The record page shows the failed item, its photo and the repair it opened, once it is stored.
    await eventually(async () => {
      const response = await techsup.get(`${API}/inspections/records/${encodeURIComponent(task.workflowId)}`);
      return response.body.status === 'completed' ? response.body : undefined;
    });
    await page.goto(`/inspections/records/${encodeURIComponent(task.workflowId)}`);
    const failedRow = page.locator('[data-testid="inspection-results"] tr[data-item-id="lobby-camera"]');
    await failedRow.waitFor();
    expect(await failedRow.locator('img.photo-preview').getAttribute('src')).toBe(`${API}/inspections/photos/${photoId}`);
    expect(await failedRow.locator('a').getAttribute('href')).toBe(`/processes/${encodeURIComponent(repairId)}`);
    const shot = await screenshot(page, 'inspection-record.png');
    expect((await stat(shot)).size).toBeGreaterThan(0);

    // The run draws on its diagram: the checklist step done, the fault repairs opened.
    await page.goto(`/processes/${encodeURIComponent(task.workflowId)}`);
    await page.waitForSelector('[data-testid="process-diagram"] svg');
    await page.locator('.visit-count[data-step="performInspection"]').waitFor();
    await page.locator('.visit-count[data-step="openFaultRepairs"]').waitFor();
    expect(await page.locator('.djs-element[data-element-id="inspectionClosed"]').first().getAttribute('class')).toContain('step-completed');
    expect((await stat(await screenshot(page, 'inspection-diagram.png'))).size).toBeGreaterThan(0);

    // The inspections page lists the plan and the record.
    await page.goto('/inspections');
    await page.locator(`[data-testid="inspection-plans"] tr[data-plan-id="${planId}"]`).waitFor();
    await page.locator(`[data-testid="inspection-records"] tr[data-workflow-id="${task.workflowId}"]`).waitFor();
    await page.locator('[data-testid="overdue-inspections"]').waitFor();
    await page.close();
  });

  it('a supervisor creates a plan in the UI: a bad field is named at the field, a good plan is listed and scheduled', async () => {
    const page = await context.newPage();
    await signIn(page, 'techsup', 'steward-demo');
    await page.goto('/inspections');
    await page.locator('[data-testid="new-plan"]').click();
    const form = page.locator('[data-testid="plan-form"]');
    await form.waitFor();
    await page.locator('#item-0-text').fill('Gate camera night vision');
    await page.locator('#item-0-device').selectOption('cam-gate');
    await page.locator('#plan-due').fill('30');
    await page.locator('[data-testid="create-plan"]').click();
    // No title: refused by the API (400), shown at the title field.
    await form.locator('[data-field-error="title"]').waitFor();
    await page.locator('#plan-title').fill('Gate camera check');
    await page.locator('[data-testid="create-plan"]').click();
    // A due window longer than the cycle: refused (422), shown at the due field.
    await form.locator('[data-field-error="dueWithinSeconds"]').waitFor();
    await page.locator('#plan-due').fill('1');
    await page.locator('[data-testid="create-plan"]').click();
    await form.waitFor({ state: 'detached' });

    const [plan] = await stack.db.select().from(inspectionPlans).where(eq(inspectionPlans.title, 'Gate camera check'));
    createdPlans.push(plan.id);
    expect(plan).toMatchObject({ responsibleRole: 'technician', cycleSeconds: 7 * 86_400, dueWithinSeconds: 86_400, checklist: [{ id: 'item-1', system: 'cctv', deviceId: 'cam-gate' }] });
    await page.locator(`[data-testid="inspection-plans"] tr[data-plan-id="${plan.id}"]`).waitFor();
    const schedule = await stack.client.schedule.getHandle(`inspection-${plan.id}`).describe();
    expect(schedule.spec.intervals?.[0]?.every).toBe(7 * 86_400 * 1000);
    expect((await stat(await screenshot(page, 'inspections-page.png'))).size).toBeGreaterThan(0);
    await page.close();
  });
});
