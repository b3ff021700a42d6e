/**
 * The auditor meets processes of several kinds in Chromium, in zh-CN: an alarm raised by a camera, an owner's
 * fault report, a visitor pass and a plate put on the allow list. Their titles on /processes name things (the alarm
 * type, the zone, the unit) with no id, internal value or English wording; the instance page's data is headed in
 * Chinese and names the zone rather than its id.
 */
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processInstances } from '../db/schema';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { signIn as apiSignIn, type HttpResponse } from './support/http-client';
import { eventually } from './support/stack';

const API = '/api/v1';
/** What the titles must not show: ids, internal codes, the old `type @ zone` wording and English prefixes. */
const RAW = ['z-b1-lobby', 'fielddetection', 'u-guard1', 'b1-201', '@', 'allow', 'Visitor', 'Plate'];

let stack: DeviceTestStack;
let browser: Browser;
const started: string[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startDeviceTestStack({ uiDir, settings: { alarm: { acknowledgeMs: 60_000, arriveOnSiteDueMs: 60_000, findingsDueMs: 60_000 } } }), launchChromium()]);
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await browser?.close();
  await stack?.stop();
});

function startedProcess(response: HttpResponse): string {
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return response.body.workflowId as string;
}

describe('process titles and instance data as the auditor reads them', () => {
  it('lists an alarm, a repair, a visitor pass and a plate change by name in zh-CN; the alarm page heads its data in Chinese', async () => {
    const [li, guard, auditor] = await Promise.all(['owner-li', 'guard1', 'auditor'].map((username) => apiSignIn(stack.baseUrl, username)));
    await stack.simulator.control('POST', '/_sim/devices/cam-b1-lobby/alarm', { repeat: 2, intervalMs: 20 });
    const alarm = `${stack.settings.workflowIdPrefix}alarm-z-b1-lobby-fielddetection-1`;
    started.push(alarm);
    const repair = startedProcess(
      await li.post(`${API}/faults`, {
        reportId: randomUUID(),
        occurredAt: new Date().toISOString(),
        location: { buildingId: 'b1', unitId: 'b1-201' },
        system: 'smart-home',
        symptoms: '可视对讲不响铃',
      }),
    );
    const pass = startedProcess(
      await li.post(`${API}/access/visitor-passes`, {
        passId: randomUUID(),
        visitorName: '刘访客',
        hostUnitId: 'b1-201',
        validUntil: new Date(Date.now() + 3_600_000).toISOString(),
        credential: { kind: 'card', cardNo: String(Date.now()).slice(-6) },
      }),
    );
    const plate = `粤B${String(Date.now()).slice(-5)}`;
    const plateChange = startedProcess(await guard.post(`${API}/access/plates`, { plate, list: 'allow' }));
    const workflowIds = [alarm, repair, pass, plateChange];
    // Each instance's first transition records the data its title is made of.
    await eventually(async () => {
      const rows = await stack.db.select({ data: processInstances.data }).from(processInstances).where(inArray(processInstances.workflowId, workflowIds));
      return rows.length === workflowIds.length && rows.every((row) => Object.keys(row.data as object).length > 0) ? true : undefined;
    });

    const page = await (await newContext(browser, stack.baseUrl)).newPage();
    await signIn(page, 'auditor', 'steward-demo');
    await page.goto('/processes');
    const titleOf = async (workflowId: string) => {
      const link = page.locator(`tr[data-workflow-id="${workflowId}"] td:first-child a`);
      await link.waitFor();
      return (await link.textContent())!.trim();
    };
    const titles = Object.fromEntries(await Promise.all(workflowIds.map(async (workflowId) => [workflowId, await titleOf(workflowId)] as const)));
    await screenshot(page, 'process-titles.png');
    for (const title of Object.values(titles)) {
      for (const raw of RAW) expect(title, `"${raw}" shows in ${title}`).not.toContain(raw);
      expect(title).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(titles[alarm]).toBe('区域入侵侦测 · 1号楼大堂 B1 lobby');
    expect(titles[repair]).toBe('智能家居：可视对讲不响铃');
    expect(titles[pass]).toMatch(/^访客 刘访客 → .*201$/);
    expect(titles[plateChange]).toBe(`车牌 ${plate}：放行名单`);

    // The API answers both languages; the recorded title stays as the history has it.
    const listed = await auditor.get(`${API}/processes?limit=200`);
    const item = (listed.body.items as Array<{ workflowId: string; title: string; shownTitle: { en: string } }>).find((entry) => entry.workflowId === alarm)!;
    expect(item.title).toBe('fielddetection @ z-b1-lobby');
    expect(item.shownTitle.en).toBe('Field detection · 1号楼大堂 B1 lobby');

    await page.locator(`tr[data-workflow-id="${alarm}"] td:first-child a`).click();
    await page.waitForSelector(`.instance-page[data-workflow-id="${alarm}"]`);
    expect((await page.locator('.instance-page h1').textContent())!.trim()).toBe('区域入侵侦测 · 1号楼大堂 B1 lobby');
    const data = page.locator('[data-testid="process-data"]');
    await data.locator('dt').first().waitFor();
    const headings = (await data.locator('dt').allTextContents()).map((heading) => heading.trim());
    expect(headings).toEqual(expect.arrayContaining(['区域', '报警类型']));
    for (const heading of headings) expect(heading, `the data heading "${heading}"`).toMatch(/[\u4e00-\u9fff]/);
    const shown = (await data.textContent())!;
    expect(shown).toContain('1号楼大堂 B1 lobby');
    expect(shown).toContain('区域入侵侦测');
    for (const raw of ['z-b1-lobby', 'fielddetection', 'zoneId', 'alarmType']) expect(shown).not.toContain(raw);
    await screenshot(page, 'process-instance-data.png');
  });
});
