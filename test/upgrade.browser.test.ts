/**
 * The upgrades pages in Chromium (P3.3a–b), against the real API and worker and the spawned device simulator: the
 * tech supervisor registers a camera release with its file, runs the assessment, drafts a high-risk plan from its
 * proposals, approves it in the worklist and management does too, and watches it run to its end on the plan's
 * page: every device on the new version, the devices counted on the diagram's steps, nothing worded as a key.
 */
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firmwareAssessmentScheduleId } from '../api/use-cases/upgrade-assessment';
import { upgradePlans } from '../db/schema';
import { DEMO_DEVICES, reportedModel } from '../db/seed/demo-devices';
import { sha256Hex, simulatedFirmware } from '../scripts/device-simulator/firmware-image';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { eventually } from './support/poll';
import { deviceRows, QUICK_FIRMWARE, TEST_UPGRADE_TIMINGS } from './support/upgrade-scenarios';

const PASSWORD = 'steward-demo';
const CAMERAS = DEMO_DEVICES.filter((device) => device.model === 'camera').map((device) => device.id);
/** Four cameras, a second's pause between waves of two: well under this, but never a sleep. */
const PLAN_DONE_MS = 90_000;

let stack: DeviceTestStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const workflows: string[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startDeviceTestStack({ uiDir, heartbeatSeconds: 1 }), launchChromium()]);
  stack.ctx.settings.upgrades = TEST_UPGRADE_TIMINGS;
  for (const deviceId of CAMERAS) await stack.simulator.control('POST', `/_sim/devices/${deviceId}/firmware-faults`, QUICK_FIRMWARE);
});
afterAll(async () => {
  if (stack) await stack.client.schedule.getHandle(firmwareAssessmentScheduleId(stack.ctx)).delete().catch(() => undefined);
  await Promise.all(workflows.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
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

const textOf = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ');

/** Internal keys a reader must never see: states, checks, reasons, step ids. */
const KEYS = /backed-up|rolled-back|rollback-failed|comes-back|\bheartbeat\b|functional|threshold-passed|canary-failed|in-review|verifyWave|testCanary|\btrue\b|\bfalse\b/;

/** The reviewer opens the step's task from their worklist, reads the plan in its context, and approves it. */
async function approveInWorklist(page: Page, workflowId: string, stepId: string, expectedWords: string[]) {
  const taskId = `${workflowId}.${stepId}.1`;
  await page.goto('/worklist');
  const row = page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);
  await eventually(async () => {
    if (await row.count()) return true;
    await page.reload();
    return undefined;
  });
  await row.click();
  await page.waitForURL(`**/tasks/${encodeURIComponent(taskId)}`);
  const context = page.locator('[data-testid="task-context"]');
  await context.waitFor();
  const shown = (await context.innerText()).replace(/\s+/g, ' ');
  for (const words of expectedWords) expect(shown).toContain(words);
  await page.locator('[name="decision"][value="approved"]').check();
  await page.locator('[data-testid="complete-task"]').click();
  await page.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });
}

describe('firmware upgrades in Chromium, against the device simulator', () => {
  it('the tech supervisor registers a release, assesses, drafts a high-risk plan from the proposals, both approve it in the worklist, and it runs to its end on its diagram', async () => {
    const techsup = await signedInPage('techsup');
    await techsup.locator('nav a', { hasText: '固件升级' }).click();
    await techsup.waitForURL('**/upgrades');
    await techsup.locator('[data-testid="upgrade-plans"]').waitFor();
    // The lists load after the page: wait for the plans' own answer.
    await expect.poll(() => textOf(techsup, 'main')).toContain('尚无升级计划');

    // Register the camera release with its file and the SHA-256 its supplier published.
    const file = simulatedFirmware({ version: 'V5.8.0', models: ['camera'] });
    await techsup.locator('[data-testid="register-release"] summary').click();
    await techsup.locator('#release-version').fill('V5.8.0');
    await techsup.locator('#release-models').fill(reportedModel('camera'));
    await techsup.locator('#release-releasedOn').fill('2026-11-20');
    await techsup.locator('#release-notes').fill('修复夜间模式与 ONVIF 事件推送');
    await techsup.locator('#release-file').setInputFiles({ name: 'digicap-V5.8.0.dav', mimeType: 'application/octet-stream', buffer: file });
    await techsup.locator('#release-sha256').fill(sha256Hex(file));
    await techsup.locator('#release-vendorId').selectOption('v-cctv');
    await techsup.locator('[data-testid="submit-release"]').click();
    await techsup.locator('[data-testid="release-registered"]').waitFor();
    await techsup.locator('[data-testid="firmware-release"][data-version="V5.8.0"]').waitFor();

    // The assessment, run now, proposes the release for every camera.
    await techsup.locator('[data-testid="assess-now"]').click();
    await techsup.locator('[data-testid="assess-started"]').waitFor();
    const proposals = techsup.locator('[data-testid="upgrade-proposal"]');
    await eventually(async () => ((await proposals.count()) === CAMERAS.length ? true : undefined), 60_000);
    expect(await textOf(techsup, '[data-testid="upgrade-proposals"]')).toContain('V5.7.3');

    // The draft: from the proposals, the first camera the canary, waves of two, a second's pause, high risk.
    await techsup.locator('[data-testid="draft-plan"]').click();
    await techsup.locator('[data-testid="draft-plan-form"]').waitFor();
    await techsup.locator('#plan-title').fill('摄像机固件 V5.8.0');
    await techsup.locator('[data-testid="choose-proposed"]').click();
    expect(await techsup.locator('input[name="deviceIds"]:checked').count()).toBe(CAMERAS.length);
    await techsup.locator('#plan-canary').selectOption(CAMERAS[0]!);
    await techsup.locator('#plan-waveSize').fill('2');
    await techsup.locator('#plan-maxFailures').fill('0');
    await techsup.locator('#plan-wavePauseSeconds').fill('1');
    await techsup.locator('#plan-risk').selectOption('high');
    await techsup.locator('#plan-riskAssessment').fill('夜间模式修复；一台摄像机先升级验证，失败即停止。');
    await techsup.locator('#plan-rollbackPlan').fill('逐台恢复原固件和升级前保存的配置。');
    await techsup.locator('[data-testid="submit-plan"]').click();
    const planPage = techsup.locator('[data-testid="upgrade-plan"]');
    await planPage.waitFor();
    const planId = (await planPage.getAttribute('data-plan-id'))!;
    const [plan] = await stack.db.select().from(upgradePlans).where(eq(upgradePlans.id, planId));
    workflows.push(plan!.workflowId);
    expect(plan).toMatchObject({ title: '摄像机固件 V5.8.0', risk: 'high', needsManagement: true, waveSize: 2, maxFailures: 0, wavePauseMs: 1000, canaryDeviceId: CAMERAS[0] });
    expect(await textOf(techsup, '[data-testid="plan-status"]')).toBe('审批中');
    expect(await textOf(techsup, '[data-testid="plan-summary"]')).toContain('尚未审批');

    // The tech supervisor approves in the worklist, then management.
    await approveInWorklist(techsup, plan!.workflowId, 'reviewPlan', ['摄像机固件 V5.8.0', '高']);
    const manager = await signedInPage('manager');
    await approveInWorklist(manager, plan!.workflowId, 'approvePlan', ['摄像机固件 V5.8.0', '技术主管 王磊 Wang Lei']);

    // Back on the plan's page, the run is followed to its end without a reload.
    await techsup.goto(`/upgrades/plans/${planId}`);
    await techsup.locator('[data-testid="upgrade-plan"][data-status="completed"]').waitFor({ timeout: PLAN_DONE_MS });
    const rows = techsup.locator('[data-testid="plan-device-row"]');
    expect(await rows.count()).toBe(CAMERAS.length);
    for (const deviceId of CAMERAS) {
      const row = techsup.locator(`[data-testid="plan-device-row"][data-device-id="${deviceId}"]`);
      expect(await row.getAttribute('data-state')).toBe('upgraded');
      expect(await row.locator('[data-testid="version-before"]').innerText()).toBe('V5.7.3');
      expect(await row.locator('[data-testid="version-after"]').innerText()).toBe('V5.8.0');
      const shown = (await row.innerText()).replace(/\s+/g, ' ');
      for (const words of ['已升级', '重新上线 通过', '版本正确 通过', '心跳 通过', '功能正常 通过', '升级 ']) expect(shown).toContain(words);
      expect(await stack.simulator.control('GET', `/_sim/devices/${deviceId}/state`)).toMatchObject({ firmwareVersion: 'V5.8.0', flashes: 1 });
    }
    // The backup each device's record names is the one stored for it.
    const records = await deviceRows(stack.db, planId);
    for (const record of records) expect(await techsup.locator(`[data-testid="plan-device-row"][data-device-id="${record.deviceId}"]`).innerText()).toContain(record.backupSha256!.slice(0, 16));
    const summary = await textOf(techsup, '[data-testid="plan-summary"]');
    for (const words of ['全部批次完成', `已升级 ${CAMERAS.length}`, '技术主管 王磊 Wang Lei（技术主管）', '总经理 郑华 Zheng Hua（管理层）']) expect(summary).toContain(words);

    // The diagram counts the devices on its steps: the canary on its test, the rest on the verification.
    const counts = (stepId: string) => techsup.locator(`.step-counts[data-step="${stepId}"] [data-state="upgraded"]`);
    await counts('verifyWave').waitFor();
    expect(await counts('testCanary').getAttribute('data-count')).toBe('1');
    expect(await counts('verifyWave').getAttribute('data-count')).toBe(String(CAMERAS.length - 1));
    expect(await counts('verifyWave').innerText()).toBe(`已升级 ${CAMERAS.length - 1}`);
    expect(await techsup.locator('[data-testid="plan-diagram"] .djs-element.step-completed[data-element-id="upgradeCompleted"]').count()).toBe(1);
    expect(await textOf(techsup, 'main')).not.toMatch(KEYS);
    await screenshot(techsup, 'upgrade-plan.png');

    // The list shows it done with its counts; in English the same page reads in English.
    await techsup.locator('a', { hasText: '← 固件升级' }).click();
    const listed = techsup.locator(`[data-testid="upgrade-plan-row"][data-plan-id="${planId}"]`);
    await listed.waitFor();
    expect(await listed.getAttribute('data-status')).toBe('completed');
    expect((await listed.innerText()).replace(/\s+/g, ' ')).toContain(`已升级 ${CAMERAS.length}`);
    await techsup.locator('[data-testid="language-toggle"]').click();
    await techsup.locator('h1', { hasText: 'Firmware upgrades' }).waitFor();
    expect((await listed.innerText()).replace(/\s+/g, ' ')).toContain(`Upgraded ${CAMERAS.length}`);
  }, 240_000);

  it('an auditor reads the upgrades but drafts and registers nothing; a guard does not see them', async () => {
    const auditor = await signedInPage('auditor');
    await auditor.locator('nav a', { hasText: '固件升级' }).click();
    await auditor.locator('[data-testid="upgrade-plans"]').waitFor();
    expect(await auditor.locator('[data-testid="draft-plan"]').count()).toBe(0);
    expect(await auditor.locator('[data-testid="assess-now"]').count()).toBe(0);
    expect(await auditor.locator('[data-testid="register-release"]').count()).toBe(0);
    const guard = await signedInPage('guard1');
    expect(await guard.locator('nav a[href="/upgrades"]').count()).toBe(0);
  });
});
