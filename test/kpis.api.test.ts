import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport, ProcessHeatmap, ServiceQualityRow } from '../contracts/kpis';
import { activeAccounts, KPI_BUILDING, KPI_PERIOD, seedKpiFixture, type KpiFixture } from './support/kpi-fixture';
import { signIn, type HttpResponse, type SignedInClient } from './support/http-client';
import { startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
const PERIOD = `from=${KPI_PERIOD.from}&to=${KPI_PERIOD.to}`;

let stack: ApiTestStack;
let manager: SignedInClient;
let tech1: SignedInClient;
let fixture: KpiFixture;

beforeAll(async () => {
  stack = await startApiTestStack();
  fixture = await seedKpiFixture(stack.db, randomUUID().slice(0, 8));
  [manager, tech1] = await Promise.all(['manager', 'tech1'].map((username) => signIn(stack.baseUrl, username)));
});
afterAll(async () => {
  await stack?.stop();
});

function expectProblem(response: HttpResponse, status: number, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toMatch(/^application\/problem\+json\b/);
  if (field) expect((response.body.errors ?? []).map((error: { field: string }) => error.field)).toEqual([field]);
}

async function report(query = `${PERIOD}&building=${KPI_BUILDING}`): Promise<KpiReport> {
  const response = await manager.get(`${API}/kpis?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as KpiReport;
}

const row = (rows: ServiceQualityRow[], stepId: string | null) => rows.find((each) => each.process === 'fault-repair' && each.stepId === stepId)!;

describe('KPIs on a known month (March 2025, building kpi-b)', () => {
  it('service quality per process: instances, cycle time p50/p90, SLA compliance, rework and escalation rates', async () => {
    const process = row((await report()).serviceQuality, null);
    // A, B, C, D start in March (E in April, O in February); A 1 h, B 2 h, C 4 h completed.
    expect(process.instances).toBe(4);
    // p50 of [3600, 7200, 14400] is 7200; p90 is 7200 + 0.8 × (14400 − 7200).
    expect(process.cycleSeconds).toEqual({ p50: 7200, p90: 12960 });
    // Done by the due time: A's two, C's diagnosis; late: B's diagnosis, D's open past due. Cancelled and not-yet-due left out.
    expect(process.sla).toEqual({ count: 3, of: 5, rate: 0.6 });
    // A repaired twice; C passed to the vendor.
    expect(process.rework).toEqual({ count: 1, of: 4, rate: 0.25 });
    expect(process.escalation).toEqual({ count: 1, of: 4, rate: 0.25 });
  });

  it('service quality per step', async () => {
    const rows = (await report()).serviceQuality;
    const diagnosis = row(rows, 'diagnoseFault');
    // 600, 1200, 1800 s (D has not left it): p50 1200, p90 1200 + 0.8 × 600.
    expect(diagnosis).toMatchObject({ instances: 4, cycleSeconds: { p50: 1200, p90: 1680 }, sla: { count: 2, of: 4, rate: 0.5 }, rework: { count: 0, of: 4, rate: 0 } });
    const repair = row(rows, 'repairFault');
    expect(repair).toMatchObject({ instances: 2, cycleSeconds: { p50: 1200, p90: 1200 }, sla: { count: 1, of: 1, rate: 1 }, rework: { count: 1, of: 2, rate: 0.5 } });
    expect(row(rows, 'escalateToVendor').escalation).toEqual({ count: 1, of: 1, rate: 1 });
    // A step passed without being entered has no time measured.
    expect(row(rows, 'faultReported').cycleSeconds).toEqual({ p50: null, p90: null });
  });

  it('stability: availability from the outage repair, faults per system, mean time to repair', async () => {
    const { stability } = await report();
    // kpi-cam-1 down 2 of March's 31 days; kpi-cam-2 and kpi-switch up throughout.
    const cctv = stability.bySystem.find((each) => each.system === 'cctv')!;
    expect(cctv.devices).toBe(2);
    expect(cctv.availability).toBeCloseTo((29 / 31 + 1) / 2, 9);
    expect(stability.bySystem.find((each) => each.system === 'network')).toMatchObject({ devices: 1, availability: 1, faults: 0, mttrSeconds: null });
    expect(stability.availability).toBeCloseTo(91 / 93, 9);
    expect(cctv.faults).toBe(4);
    expect(cctv.mttrSeconds).toBeCloseTo((3600 + 7200 + 14400) / 3, 6);
    expect(stability.faults).toBe(4);
  });

  it('construction on time (budget not recorded), repair ratings, platform use', async () => {
    const figures = await report();
    expect(figures.construction).toEqual({ onTime: { count: 1, of: 3, rate: 1 / 3 }, onBudget: null, buildingApplies: false });
    expect(figures.satisfaction.ratings).toBe(2);
    expect(figures.satisfaction.mean).toBe(3);
    expect(figures.satisfaction.distribution.find((each) => each.rating === 4)?.count).toBe(1);
    // tech1 and tech2 completed tasks in March 2025; nobody's session was used then.
    expect(figures.platformUse.activeUsers).toEqual({ count: 2, of: await activeAccounts(stack.db), rate: 2 / (await activeAccounts(stack.db)) });
  });

  it('another building counts none of these instances', async () => {
    const figures = await report(`${PERIOD}&building=b2`);
    expect(figures.serviceQuality.filter((each) => each.process === 'fault-repair' && each.stepId === null && each.instances > 0)).toEqual([]);
    expect(figures.stability.bySystem.some((each) => each.devices > 0 && each.availability !== 1)).toBe(false);
  });

  it('exports the same figures as CSV and Excel', async () => {
    const csv = await manager.raw(`${API}/kpis.csv?${PERIOD}&building=${KPI_BUILDING}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A byte-order mark first, so spreadsheet programs read UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('故障报修');
    expect(text).toMatch(/SLA 达标率 SLA compliance,0\.6,3,5/);

    const xlsx = await manager.raw(`${API}/kpis.xlsx?${PERIOD}&building=${KPI_BUILDING}`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const values = workbook.getWorksheet('KPI')!.getSheetValues().map((cells) => (Array.isArray(cells) ? cells.slice(1) : []));
    expect(values).toContainEqual(['服务质量 Service quality', '故障报修', '', '周期 p90 (秒) Cycle p90 (s)', 12960]);
    expect(values).toContainEqual(['工程建设 Construction', '项目交付 Deliveries', '', '按期率 On time', 0.3333, 1, 3]);
  });
});

describe('the heatmap', () => {
  it("counts each step's visits as the instances' own visit counts, with the time spent", async () => {
    const response = await manager.get(`${API}/processes/fault-repair/heatmap?${PERIOD}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const heatmap = response.body as ProcessHeatmap;
    expect(heatmap.instances).toBe(4);
    // The instances' own pages say how often each step ran: their sums are the heatmap's counts.
    const expected = new Map<string, number>();
    for (const name of ['A', 'B', 'C', 'D'] as const) {
      const detail = await manager.get(`${API}/processes/${fixture.workflowIds[name]}`);
      expect(detail.status).toBe(200);
      for (const [stepId, mark] of Object.entries(detail.body.steps as Record<string, { visits: number }>)) expected.set(stepId, (expected.get(stepId) ?? 0) + mark.visits);
    }
    expect(new Map(heatmap.steps.map((step) => [step.stepId, step.visits]))).toEqual(expected);
    expect(expected.get('repairFault')).toBe(3);
    expect(heatmap.steps.find((step) => step.stepId === 'diagnoseFault')).toMatchObject({ visits: 4, instances: 4, seconds: { p50: 1200, p90: 1680 } });
  });

  it('refuses an unknown process', async () => {
    expectProblem(await manager.get(`${API}/processes/no-such-process/heatmap?${PERIOD}`), 404);
  });
});

describe('bad requests and permissions', () => {
  it('400 naming the field for a bad period or building', async () => {
    expectProblem(await manager.get(`${API}/kpis?from=2025-03-31&to=2025-03-01`), 400, 'query.to');
    expectProblem(await manager.get(`${API}/kpis?from=2025-13-01&to=2025-03-01`), 400, 'query.from');
    expectProblem(await manager.get(`${API}/kpis?from=2024-01-01&to=2025-03-01`), 400, 'query.to');
    expectProblem(await manager.get(`${API}/kpis?${PERIOD}&building=nowhere`), 400, 'query.building');
    expectProblem(await manager.get(`${API}/processes/fault-repair/heatmap?from=2025-03-01&to=yesterday`), 400, 'query.to');
  });

  it('a period left out is the 30 days to today, or the 30 days to the end or from the start given', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: stack.ctx.settings.communityTimeZone }).format(new Date());
    const open = await manager.get(`${API}/kpis`);
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    expect(open.body.period.to).toBe(today);
    expect((Date.parse(open.body.period.to) - Date.parse(open.body.period.from)) / 86_400_000).toBe(29);
    expect((await manager.get(`${API}/kpis?to=2025-03-01`)).body.period).toMatchObject({ from: '2025-01-31', to: '2025-03-01' });
    expect((await manager.get(`${API}/processes/fault-repair/heatmap?from=2025-03-01`)).body).toMatchObject({ from: '2025-03-01', to: '2025-03-30' });
  });

  it('403 without kpi.read, for the figures, their export and the heatmap', async () => {
    for (const path of [`/kpis?${PERIOD}`, `/kpis.csv?${PERIOD}`, `/kpis.xlsx?${PERIOD}`, `/processes/fault-repair/heatmap?${PERIOD}`]) {
      const response = await tech1.get(`${API}${path}`);
      expectProblem(response, 403);
      expect(response.body.detail).toMatch(/管理层|Management/);
    }
  });
});
