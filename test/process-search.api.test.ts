import { and, desc, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, processInstances, tasks } from '../db/schema';
import { DIAGNOSIS } from './support/fault-scenarios';
import { signIn, type HttpResponse, type SignedInClient } from './support/http-client';
import { chineseCharactersOf, printedCharacters } from './support/pdf-characters';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
/** October and November 2025, both ends included: every instance this file seeds starts in one of them. */
const BOTH_MONTHS = 'from=2025-10-01&to=2025-11-30';

let stack: ApiTestStack;
let auditor: SignedInClient;
let zhang: SignedInClient;
let li: SignedInClient;
let tech1: SignedInClient;
const started: string[] = [];
/** The seeded repairs by name: Z zhang's, L li's, T tech1's (T1 in zhang's unit b1-101, C1 a common area). */
const seeded: Record<string, string> = {};

beforeAll(async () => {
  stack = await startApiTestStack();
  [auditor, zhang, li, tech1] = await Promise.all(['auditor', 'owner-zhang', 'owner-li', 'tech1'].map((username) => signIn(stack.baseUrl, username)));
  // Reports through the API; the API cannot backdate a start, so each is then moved to its day of October or
  // November 2025 in the index the search reads (started_at, which no later projection write changes).
  const plan: Array<[string, SignedInClient, string | undefined, string]> = [
    ['Z1', zhang, 'b1-101', '2025-10-31T23:30:00+08:00'],
    ['Z2', zhang, 'b1-102', '2025-11-01T00:10:00+08:00'],
    ['Z3', zhang, 'b1-101', '2025-11-20T10:00:00+08:00'],
    ['L1', li, 'b1-201', '2025-10-10T09:00:00+08:00'],
    ['L2', li, 'b1-201', '2025-11-15T09:00:00+08:00'],
    ['T1', tech1, 'b1-101', '2025-11-05T14:00:00+08:00'],
    ['C1', tech1, undefined, '2025-10-20T08:00:00+08:00'],
  ];
  for (const [name, reporter, unitId, at] of plan) {
    seeded[name] = await report(reporter, unitId, `${name}: the intercom does not ring`);
    await stack.db.update(processInstances).set({ startedAt: new Date(at) }).where(eq(processInstances.workflowId, seeded[name]));
  }
  // The index knows a report's unit once its process's first transition is projected.
  await eventually(async () => {
    const rows = await stack.db.select({ unitId: processInstances.unitId }).from(processInstances).where(inArray(processInstances.workflowId, Object.values(seeded)));
    return rows.filter((row) => row.unitId !== null).length === 6 || undefined;
  });
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

async function report(reporter: SignedInClient, unitId: string | undefined, symptoms: string): Promise<string> {
  const response = await reporter.post(`${API}/faults`, {
    reportId: randomUUID(),
    occurredAt: new Date().toISOString(),
    location: unitId ? { buildingId: 'b1', unitId } : { buildingId: 'b1' },
    system: 'smart-home',
    symptoms,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return response.body.workflowId as string;
}

/** The seeded names of a search's results, in the order answered. */
async function search(query: string): Promise<string[]> {
  const response = await auditor.get(`${API}/processes?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const names = new Map(Object.entries(seeded).map(([name, workflowId]) => [workflowId, name]));
  return (response.body.items as Array<{ workflowId: string }>).map((item) => names.get(item.workflowId) ?? item.workflowId);
}

function expectProblem(response: HttpResponse, status: number, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toMatch(/^application\/problem\+json\b/);
  if (field) expect((response.body.errors ?? []).map((error: { field: string }) => error.field)).toEqual([field]);
}

const logRows = () => stack.db.select().from(accessLog).where(eq(accessLog.actorId, 'u-auditor')).orderBy(desc(accessLog.id));

describe('the auditors’ process search', () => {
  it('finds a process by its name as shown, in either language, or by its code', async () => {
    const all = ['Z3', 'L2', 'T1', 'Z2', 'Z1', 'C1', 'L1'];
    expect(await search(`process=${encodeURIComponent('故障报修')}&${BOTH_MONTHS}`)).toEqual(all);
    expect(await search(`process=${encodeURIComponent('报修')}&${BOTH_MONTHS}`)).toEqual(all);
    expect(await search(`process=${encodeURIComponent('FAULT repair')}&${BOTH_MONTHS}`)).toEqual(all);
    expect(await search(`process=fault-repair&${BOTH_MONTHS}`)).toEqual(all);
    expect(await search(`process=${encodeURIComponent('巡检')}&${BOTH_MONTHS}`)).toEqual([]);
    expectProblem(await auditor.get(`${API}/processes?process=${encodeURIComponent('不存在的流程')}`), 400, 'query.process');
  });

  it('narrows by owner (their units and their own reports), unit, reporter, dates and status', async () => {
    const byZhang = await auditor.get(`${API}/processes?owner=${encodeURIComponent('张明')}`);
    expect(byZhang.body.matched).toEqual([{ filter: 'owner', id: 'o-zhang', name: '张明 Zhang Ming' }]);
    // Zhang's reports, and tech1's report in Zhang's unit b1-101; not Li's, not the common area.
    expect(await search(`owner=${encodeURIComponent('张明')}`)).toEqual(['Z3', 'T1', 'Z2', 'Z1']);
    expect(await search('owner=o-zhang')).toEqual(['Z3', 'T1', 'Z2', 'Z1']);
    // Wang co-owns b1-201 with Li: the unit's repairs are hers too.
    expect(await search(`owner=${encodeURIComponent('王芳')}`)).toEqual(['L2', 'L1']);
    expect(await search('unit=b1-101')).toEqual(['Z3', 'T1', 'Z1']);
    expect(await search('reporter=owner-li')).toEqual(['L2', 'L1']);
    expect(await search('reporter=u-tech1')).toEqual(['T1', 'C1']);
    expect(await search(`reporter=${encodeURIComponent('张伟')}`)).toEqual(['T1', 'C1']);

    // One owner's repairs of one month: days in Beijing time, so 23:30 on 31 October is October's.
    expect(await search(`owner=${encodeURIComponent('张明')}&from=2025-11-01&to=2025-11-30`)).toEqual(['Z3', 'T1', 'Z2']);
    expect(await search(`owner=${encodeURIComponent('张明')}&from=2025-10-01&to=2025-10-31`)).toEqual(['Z1']);
    expect(await search('from=2025-11-01&to=2025-11-01')).toEqual(['Z2']);
    expect(await search(`process=${encodeURIComponent('故障报修')}&unit=b1-201&to=2025-10-31`)).toEqual(['L1']);

    expect(await search(`status=running&${BOTH_MONTHS}`)).toEqual(['Z3', 'L2', 'T1', 'Z2', 'Z1', 'C1', 'L1']);
    expect(await search(`status=completed&${BOTH_MONTHS}`)).toEqual([]);
  });

  it('narrows by actor: who completed one of its tasks', async () => {
    expect(await search(`actor=tech1&${BOTH_MONTHS}`)).toEqual([]);
    const diagnosis = await eventually(async () => {
      const [task] = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, seeded.Z3), eq(tasks.stepId, 'diagnoseFault'), eq(tasks.status, 'open')));
      return task;
    });
    const completed = await tech1.post(`${API}/tasks/${encodeURIComponent(diagnosis.id)}/complete`, { payload: DIAGNOSIS.general });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(await search(`actor=tech1&${BOTH_MONTHS}`)).toEqual(['Z3']);
    expect(await search(`actor=${encodeURIComponent('技术员 张伟')}&owner=o-zhang`)).toEqual(['Z3']);
    expect(await search(`actor=u-tech2&${BOTH_MONTHS}`)).toEqual([]);
  });

  it('refuses bad filter values with a 400 naming the filter', async () => {
    const refusals: Array<[string, string]> = [
      ['owner=nobody-at-all', 'query.owner'],
      ['unit=b9-999', 'query.unit'],
      ['reporter=nobody-at-all', 'query.reporter'],
      ['actor=nobody-at-all', 'query.actor'],
      ['status=lost', 'query.status'],
      ['from=2025-13-01', 'query.from'],
      ['to=yesterday', 'query.to'],
      ['from=2025-11-30&to=2025-11-01', 'query.to'],
      [`owner=${'x'.repeat(101)}`, 'query.owner'],
      ['limit=0', 'query.limit'],
      ['cursor=not-a-cursor', 'query.cursor'],
    ];
    for (const [query, field] of refusals) expectProblem(await auditor.get(`${API}/processes?${query}`), 400, field);
    // LIKE's wildcards are text: "%" names nobody.
    expectProblem(await auditor.get(`${API}/processes?owner=%25`), 400, 'query.owner');
  });

  it('pages newest first with a stable cursor while new instances start', async () => {
    const whole = await search(`process=fault-repair&${BOTH_MONTHS}`);
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const response: HttpResponse = await auditor.get(`${API}/processes?process=fault-repair&${BOTH_MONTHS}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      pages.push(response.body.items.map((item: { workflowId: string }) => Object.entries(seeded).find(([, id]) => id === item.workflowId)![0]));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([whole.slice(0, 3), whole.slice(3, 6), whole.slice(6)]);

    // A report arriving between two pages is newer than the cursor: the next page goes on where the last ended.
    const first = await auditor.get(`${API}/processes?owner=o-zhang&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const newest = await report(zhang, 'b1-102', 'A new report between two pages');
    const second = await auditor.get(`${API}/processes?owner=o-zhang&limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((item: { workflowId: string }) => item.workflowId);
    expect(ids).not.toContain(newest);
    expect(new Set(ids).size).toBe(4);
    expect(second.body.nextCursor).toBeNull();
    expect((await auditor.get(`${API}/processes?owner=o-zhang&limit=1`)).body.items[0].workflowId).toBe(newest);
  });

  it('logs a search for a person or a unit in the access log; a search by process alone reads nobody', async () => {
    const before = (await logRows())[0]?.id ?? 0;
    await search(`process=fault-repair&${BOTH_MONTHS}`);
    expect((await logRows()).filter((row) => row.id > before)).toEqual([]);
    const found = await search(`owner=${encodeURIComponent('王芳')}`);
    const [row] = (await logRows()).filter((row) => row.id > before);
    expect(row).toMatchObject({ kind: 'process-instance', scope: 'list', subjectIds: ['o-wang'], route: 'GET /api/v1/processes' });
    expect(row.recordIds.sort()).toEqual(found.map((name) => seeded[name]).sort());
  });
});

describe('the readable history: the timeline as CSV and PDF', () => {
  it('exports the timeline in words with Beijing times to the second, and logs each download', async () => {
    const workflowId = seeded.Z3;
    // The diagnosis completed above: tech1's row carries its detail.
    const detail = await eventually(async () => {
      const response = await auditor.get(`${API}/processes/${workflowId}`);
      return response.body.timeline.some((entry: { stepId: string; event: string }) => entry.stepId === 'diagnoseFault' && entry.event === 'completed') ? response.body : undefined;
    });
    const before = (await logRows())[0]?.id ?? 0;

    const csv = await auditor.raw(`${API}/processes/${workflowId}/timeline.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(`${workflowId}.timeline.csv`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('时间 Time,步骤 Step,条款 Clause,事件 Event,执行人 Actor,详情 Detail');
    expect(lines).toHaveLength(detail.timeline.length + 1);
    const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(lines[1].split(',')[0]).toBe(beijing(detail.timeline[0].at));
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/);
    expect(lines).toContainEqual(expect.stringMatching(/^[^,]+,已报修,P3\.2a,完成 completed,业主 张明 Zhang Ming,/));
    const diagnosed = lines.find((line) => line.includes('完成 completed,技术员 张伟 Zhang Wei'));
    expect(diagnosed!.split(',')[5].split('；').sort()).toEqual(['cause: Loose video cable', 'faultClass: general', 'repairPlan: Reseat the cable']);
    expect(bytes.toString('utf8')).not.toContain('{');

    const pdf = await auditor.raw(`${API}/processes/${workflowId}/timeline.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`${workflowId}.timeline.pdf`);
    const document = Buffer.from(await pdf.arrayBuffer());
    expect(document.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The Chinese is printed in a CJK face, not dropped: headings, the process, the actors, the events.
    const printed = printedCharacters(document);
    expect(chineseCharactersOf('流程时间线 故障报修 张明 张伟 完成 进入').filter((character) => !printed.has(character))).toEqual([]);

    const logged = (await logRows()).filter((row) => row.id > before).reverse();
    expect(logged.map((row) => [row.kind, row.scope, row.recordIds, row.route])).toEqual([
      ['process-history', 'export', [workflowId], 'GET /api/v1/processes/:workflowId/timeline.csv'],
      ['process-history', 'export', [workflowId], 'GET /api/v1/processes/:workflowId/timeline.pdf'],
    ]);
  });

  it('serves the timeline to those who may download histories only, and nothing for an unknown instance', async () => {
    const technician = await tech1.raw(`${API}/processes/${seeded.Z1}/timeline.csv`);
    expect(technician.status).toBe(403);
    expect(technician.headers.get('content-disposition')).toBeNull();
    expect((await auditor.raw(`${API}/processes/fault-repair-no-such/timeline.pdf`)).status).toBe(404);
    const rows = await stack.db.select().from(accessLog).where(inArray(accessLog.actorId, ['u-tech1']));
    expect(rows.filter((row) => row.route.includes('timeline'))).toEqual([]);
  });
});
