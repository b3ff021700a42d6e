/**
 * The indicators in Chromium (P7.2a, P3.3c): management's dashboard draws its charts from a known month of records,
 * and a process's diagram in heatmap mode shades its steps and labels them with how often the month's instances
 * entered them.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_BUILDING, KPI_PERIOD, seedKpiFixture, type KpiFixture } from './support/kpi-fixture';
import { ensureUiBuilt, launchChromium, newContext, screenshot, signIn } from './support/browser';
import { startApiTestStack, type ApiTestStack } from './support/stack';

const PASSWORD = 'steward-demo';

let stack: ApiTestStack;
let browser: Browser;
let fixture: KpiFixture;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const uiDir = await ensureUiBuilt();
  [stack, browser] = await Promise.all([startApiTestStack({}, uiDir), launchChromium()]);
  fixture = await seedKpiFixture(stack.db, randomUUID().slice(0, 8));
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

describe('the indicators in Chromium', () => {
  it('management opens the dashboard from its navigation and sees the month’s charts and figures', async () => {
    const page = await signedInPage('manager');
    await page.locator('nav a', { hasText: '指标看板' }).click();
    await page.waitForURL('**/kpis');
    await page.locator('[data-testid="kpi-from"]').fill(KPI_PERIOD.from);
    await page.locator('[data-testid="kpi-to"]').fill(KPI_PERIOD.to);
    await page.locator('[data-testid="kpi-building"]').selectOption(KPI_BUILDING);
    // The cycle-time chart is drawn as SVG with a bar per figure, and names the process.
    const cycle = page.locator('[data-testid="kpi-chart-cycle"] svg');
    await cycle.waitFor();
    await expect.poll(async () => page.locator('[data-testid="kpi-chart-cycle"] svg path').count()).toBeGreaterThan(2);
    expect(await page.locator('[data-testid="kpi-chart-cycle"] svg').innerHTML()).toContain('故障报修');
    for (const chart of ['kpi-chart-rates', 'kpi-chart-stability', 'kpi-chart-ratings']) await page.locator(`[data-testid="${chart}"] svg`).waitFor();
    // Systems by name, not by key.
    const stability = await page.locator('[data-testid="kpi-chart-stability"] svg').innerHTML();
    expect(stability).toContain('视频监控');
    expect(stability).not.toContain('>cctv<');
    // The figures beside the charts: p90 of the process 3.6 h, SLA 60 %, ratings mean 3.00, on time 1 of 3.
    const table = (await page.locator('[data-testid="kpi-quality-table"]').innerText()).replace(/\s+/g, ' ');
    expect(table).toContain('故障报修 整个流程 4 2 小时 3.6 小时 60% (3/5) 25% (1/4) 25% (1/4)');
    expect(await page.locator('[data-testid="kpi-satisfaction"]').innerText()).toContain('3.00');
    expect(await page.locator('[data-testid="kpi-construction"]').innerText()).toContain('33.3% (1/3)');
    expect(await page.locator('[data-testid="kpi-export-xlsx"]').getAttribute('href')).toBe(`/api/v1/kpis.xlsx?from=${KPI_PERIOD.from}&to=${KPI_PERIOD.to}&building=${KPI_BUILDING}`);
    await screenshot(page, 'kpi-dashboard.png');
  });

  it('a diagram in heatmap mode labels each step with the month’s visits and shades it by time spent', async () => {
    const page = await signedInPage('manager');
    await page.goto(`/processes/${encodeURIComponent(fixture.workflowIds.A)}`);
    await page.locator('[data-testid="process-diagram"] .djs-element').first().waitFor();
    await page.locator('[data-testid="heatmap-toggle"]').check();
    await page.locator('[data-testid="heatmap-from"]').fill(KPI_PERIOD.from);
    await page.locator('[data-testid="heatmap-to"]').fill(KPI_PERIOD.to);
    await expect.poll(async () => page.locator('[data-testid="heatmap-instances"]').innerText()).toBe('4 个实例');
    const count = (stepId: string) => page.locator(`.heat-count[data-step="${stepId}"]`);
    await count('repairFault').waitFor();
    expect(await count('repairFault').innerText()).toBe('3');
    expect(await count('diagnoseFault').innerText()).toBe('4');
    expect(await count('escalateToVendor').innerText()).toBe('1');
    // The instance’s own badges are gone in heatmap mode; diagnosis and repair (median 20 min) are the slowest steps: darkest.
    expect(await page.locator('.visit-count[data-step]').count()).toBe(0);
    expect(await count('diagnoseFault').getAttribute('data-level')).toBe('4');
    expect(await page.locator('.djs-element.heat-4[data-element-id="diagnoseFault"]').count()).toBe(1);
    await screenshot(page, 'kpi-heatmap.png');
  });
});
