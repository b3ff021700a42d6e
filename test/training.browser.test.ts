/**
 * Training files in Chromium (P6.3a, P5.3a): HR opens a staff member's file from the list (scores, certificates with
 * expiry, completed courses), a technician lands on their own, and a manager whose security course expired is told
 * why a page with personal data stays closed.
 */
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, trainingRecords } from '../db/schema';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { API, completeTask, openTaskOf } from './support/governance-scenarios';
import { signIn as apiSignIn } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';
import { CERTIFICATE_PDF, EXTERNAL_COURSE, NEEDS } from './support/training-scenarios';

const PASSWORD = 'steward-demo';
const DAY_MS = 86_400_000;

let stack: ApiTestStack;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
  const now = Date.now();
  const course = { workflowId: 'training-cycle-browser', courseId: 'c1', userId: 'u-tech1', recordedBy: '人事 冯雪' };
  await stack.db.insert(attachments).values({ id: 'cert-browser', kind: 'training-certificate', recordId: 'u-tech1', contentType: 'application/pdf', content: CERTIFICATE_PDF.split(',')[1], uploadedBy: 'u-hr' });
  await stack.db.insert(trainingRecords).values([
    { ...course, id: 'b.exam', courseTitle: '监控系统故障诊断', topic: 'general', method: 'lecture', kind: 'exam', score: 92, passed: true, completedAt: new Date(now - 3 * DAY_MS) },
    { ...course, id: 'b.practical', courseTitle: '监控系统故障诊断', topic: 'general', method: 'lecture', kind: 'practical', score: 55, passed: false, completedAt: new Date(now - 3 * DAY_MS) },
    { ...course, id: 'b.cert', courseId: 'c2', courseTitle: '门禁系统厂家认证', topic: 'general', method: 'external-course', kind: 'certificate', certificateId: 'cert-browser', completedAt: new Date(now - 400 * DAY_MS), expiresAt: new Date(now - 5 * DAY_MS) },
  ]);
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await stack?.stop();
});

async function signedInPage(username: string): Promise<Page> {
  const context = await newContext(browser, stack.baseUrl);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, username, PASSWORD);
  return page;
}

describe('training files in Chromium', () => {
  it('HR opens a technician’s file from the list: scores, an expired certificate, the security course', async () => {
    const page = await signedInPage('hr');
    await page.locator('nav a', { hasText: '培训档案' }).click();
    await page.waitForURL('**/training/files');
    const row = page.locator('[data-testid="training-files"] tr[data-user-id="u-tech1"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('有效至');
    await row.locator('a').click();
    await page.waitForURL('**/training/files/u-tech1');
    const scores = page.locator('[data-testid="training-scores"]');
    await scores.locator('tr[data-kind="exam"]').waitFor();
    expect((await scores.locator('tr[data-kind="exam"]').innerText()).replace(/\s+/g, ' ')).toContain('监控系统故障诊断 理论考试 92 通过');
    expect((await scores.locator('tr[data-kind="practical"]').innerText()).replace(/\s+/g, ' ')).toContain('实操考核 55 未通过');
    const certificates = await page.locator('[data-testid="training-certificates"]').innerText();
    expect(certificates).toContain('门禁系统厂家认证');
    expect(certificates).toContain('已过期');
    expect(await page.locator('[data-testid="training-security"]').innerText()).toContain('有效至');
    await screenshot(page, 'training-file.png');
  });

  it('HR records an external course from its task form in the worklist, uploading the certificate; it lands in the file', async () => {
    const [hr, manager] = await Promise.all([apiSignIn(stack.baseUrl, 'hr'), apiSignIn(stack.baseUrl, 'manager')]);
    const started = await hr.post(`${API}/training-cycles`, { cycleId: randomUUID(), year: 2033 });
    const workflowId = started.body.workflowId as string;
    await completeTask(hr, (await openTaskOf(hr, workflowId, 'analyseNeeds', 'training-cycle')).id, NEEDS);
    const plan = { objectives: ['厂家认证'], courses: [{ ...EXTERNAL_COURSE, startsAt: new Date().toISOString(), attendees: ['u-tech2'] }] };
    await completeTask(hr, (await openTaskOf(hr, workflowId, 'draftTrainingPlan', 'training-cycle')).id, plan);
    await completeTask(manager, (await openTaskOf(manager, workflowId, 'approveTrainingPlan', 'training-cycle')).id, { decision: 'approved' });
    const session = await openTaskOf(hr, workflowId, 'recordSession', 'training-cycle');

    const page = await signedInPage('hr');
    await page.goto(`${stack.baseUrl}/tasks/${encodeURIComponent(session.id)}`);
    await page.locator('[data-testid="task-form"]').waitFor();
    expect(await page.locator('[data-testid="task-form"]').innerText()).toContain('证书文件');
    await page.locator('#field-attendance-0-certificateId').setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: Buffer.from(CERTIFICATE_PDF.split(',')[1], 'base64') });
    await page.locator('[data-file-id]').waitFor();
    await page.locator('[name="attendance.0.certificateExpiresAt"]').fill('2030-06-30T09:00');
    await page.locator('[data-testid="complete-task"]').click();
    await eventually(async () => (await stack.db.select().from(trainingRecords).where(and(eq(trainingRecords.workflowId, workflowId), eq(trainingRecords.kind, 'certificate'))))[0]);
    const file = await hr.get(`${API}/training-files/u-tech2`);
    const certificate = file.body.certificates.find((entry: { workflowId: string }) => entry.workflowId === workflowId);
    expect(certificate.expiresAt.slice(0, 10)).toBe('2030-06-30');
    expect((await hr.raw(`${API}/training/certificates/${certificate.certificateId}`)).status).toBe(200);
  }, 120_000);

  it('a technician’s 培训档案 is their own file', async () => {
    const page = await signedInPage('tech1');
    await page.locator('nav a', { hasText: '培训档案' }).click();
    await page.waitForURL('**/training/files/u-tech1');
    await page.locator('[data-testid="training-scores"] tr[data-kind="exam"]').waitFor();
    expect(await page.locator('h1').innerText()).toContain('技术员 张伟');
  });

  it('a manager whose security course expired is told why the staff accounts page is closed', async () => {
    await stack.db.update(trainingRecords).set({ expiresAt: new Date(Date.now() - DAY_MS) }).where(and(eq(trainingRecords.userId, 'u-manager'), eq(trainingRecords.topic, 'security')));
    const page = await signedInPage('manager');
    await page.goto(`${stack.baseUrl}/admin/users`);
    await expect.poll(async () => page.locator('body').innerText(), { timeout: 20_000 }).toContain('信息安全培训');
    expect(await page.locator('body').innerText()).toContain('过期');
    await page.goto(`${stack.baseUrl}/training/files/u-manager`);
    await page.locator('[data-testid="security-blocked"]').waitFor();
  });
});
