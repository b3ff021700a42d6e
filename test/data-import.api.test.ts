/**
 * Bulk import through review over HTTP (P5.1a–b, issue 12): a sheet is checked row by row, a fault named by its row and
 * column and nothing written while one is left; the corrected sheet is one draft, reviewed as one change (its rows
 * page by page), and one approval writes every row in one transaction, each record with its history.
 */
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validIdDocument } from '../contracts/data-review';
import { headerText, IMPORT_TEMPLATES } from '../contracts/import-templates';
import type { ImportSheet } from '../contracts/vocabulary';
import { dataChangeRows, dataChanges, ownerInvitations, owners, tasks, unitOwners, units, users } from '../db/schema';
import type { DataReviewOutcome } from '../workflows/data-review/messages';
import { signIn, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
let stack: ApiTestStack;
const started: string[] = [];
let people: Record<string, SignedInClient>;
const USERNAMES = ['admin', 'checker', 'manager', 'auditor'];

beforeAll(async () => {
  stack = await startApiTestStack();
  const clients = await Promise.all(USERNAMES.map((username) => signIn(stack.baseUrl, username)));
  people = Object.fromEntries(USERNAMES.map((username, index) => [username, clients[index]]));
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

/** A resident ID with a correct check digit (GB 11643), from 17 digits. */
const residentId = (digits17: string) => [...'0123456789X'].map((check) => `${digits17}${check}`).find((candidate) => validIdDocument('resident-id', candidate))!;

/** A sheet as an administrator fills the template in: its headings, then the rows. */
async function workbook(sheet: ImportSheet, rows: Array<Array<string | number | null>>): Promise<string> {
  const book = new ExcelJS.Workbook();
  const data = book.addWorksheet('data');
  data.addRow(IMPORT_TEMPLATES[sheet].columns.map(headerText));
  for (const row of rows) data.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

const openTask = (workflowId: string, stepId: string) =>
  eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open'))))[0]);

async function decide(username: string, taskId: string, payload: Record<string, unknown>) {
  const response = await people[username].post(`${API}/tasks/${encodeURIComponent(taskId)}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

const resultOf = (workflowId: string) => stack.client.workflow.getHandle(workflowId).result() as Promise<DataReviewOutcome>;
const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((error) => error.field);

describe('importing a sheet through review (P5.1a–b)', () => {
  it('the template is downloadable, with its headings and notes', async () => {
    const response = await people.admin.raw(`${API}/data-imports/templates/units`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(IMPORT_TEMPLATES.units.columns.map(headerText));
    expect(book.worksheets[1].rowCount).toBe(IMPORT_TEMPLATES.units.columns.length + 1);
    expectProblem(await people.admin.get(`${API}/data-imports/templates/vendors`), 404, 'request.no-route');
    // A template is the maker's: an auditor may not download one.
    expect((await people.auditor.raw(`${API}/data-imports/templates/units`)).status).toBe(403);
  });

  it('a sheet with one bad row writes nothing and names the row and column; the corrected sheet is approved as one batch and every row is there', async () => {
    const documents = Array.from({ length: 30 }, (_, index) => residentId(`1101051980010${String(index).padStart(4, '0')}`));
    const rows = documents.map((document, index) => ['b1', String(5001 + index), 88.5 + index, '住宅', '已售已交付', `业主${index} Owner ${index}`, '居民身份证', document]);
    // One person owns the last two units: one owner record, two ownerships.
    rows[29] = [...rows[29].slice(0, 5), rows[28][5], '居民身份证', documents[28]];
    const bad = rows.map((row) => [...row]);
    bad[11][2] = 0.5; // sheet row 13, column C: an area out of bounds
    const changeId = randomUUID();
    const refused = await people.admin.post(`${API}/data-imports`, { changeId, sheet: 'units', fileName: 'units.xlsx', format: 'xlsx', content: await workbook('units', bad) });
    expectProblem(refused, 422, 'import.invalid', 'rows.13.exclusiveArea');
    expect(fieldsOf(refused.body)).toEqual(['rows.13.exclusiveArea']);
    expect(refused.body.detail).toMatch(/1/);
    // Nothing written: no draft, no rows, no unit.
    expect(await stack.db.select().from(dataChanges).where(eq(dataChanges.id, changeId))).toEqual([]);
    expect(await stack.db.select().from(dataChangeRows).where(eq(dataChangeRows.changeId, changeId))).toEqual([]);
    expect(await stack.db.select().from(units).where(like(units.id, 'b1-50%'))).toEqual([]);

    const content = await workbook('units', rows);
    const submitted = await people.admin.post(`${API}/data-imports`, { changeId, sheet: 'units', fileName: 'units.xlsx', format: 'xlsx', content });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body).toMatchObject({ changeId, rows: 30 });
    const { workflowId } = submitted.body;
    started.push(workflowId);
    // A retried upload is the same change.
    expect((await people.admin.post(`${API}/data-imports`, { changeId, sheet: 'units', fileName: 'units.xlsx', format: 'xlsx', content })).body).toEqual(submitted.body);

    const check = await openTask(workflowId, 'checkChange');
    expect(await stack.db.select().from(units).where(like(units.id, 'b1-50%'))).toEqual([]);
    expect(check.title).toContain('批量导入房屋');
    expect(check.context).toMatchObject({
      action: 'import',
      importRows: `/admin/changes/${changeId}`,
      diff: [
        { field: 'import.file', before: null, after: 'units.xlsx' },
        { field: 'import.rows', before: null, after: 30 },
        { field: 'import.units', before: null, after: 30 },
        { field: 'import.owners', before: null, after: 29 },
      ],
      needsSecondApproval: true,
    });
    expect((check.context as { checks: Array<{ passed: boolean }> }).checks.every((entry) => entry.passed)).toBe(true);

    // The checker reads the batch diff a page at a time; documents only masked.
    const view = (await people.checker.get(`${API}/data-changes/${changeId}`)).body;
    expect(view).toMatchObject({ action: 'import', status: 'in-review', batch: { sheet: 'units', fileName: 'units.xlsx', rows: 30 } });
    const first = (await people.checker.get(`${API}/data-changes/${changeId}/rows?limit=20`)).body;
    expect(first.items).toHaveLength(20);
    expect(first.items[0]).toEqual({
      row: 2,
      recordId: 'b1-5001',
      diff: [
        { field: 'unit.buildingId', before: null, after: '1号楼 Building 1' },
        { field: 'unit.number', before: null, after: '5001' },
        { field: 'unit.exclusiveArea', before: null, after: 88.5 },
        { field: 'unit.use', before: null, after: 'residential' },
        { field: 'unit.deliveryStatus', before: null, after: 'sold-delivered' },
        { field: 'owner.name', before: null, after: '业主0 Owner 0' },
        { field: 'owner.idDocument', before: null, after: `****${documents[0].slice(-4)}` },
      ],
    });
    const rest = (await people.checker.get(`${API}/data-changes/${changeId}/rows?limit=20&cursor=${first.nextCursor}`)).body;
    expect(rest.items.map((row: { row: number }) => row.row)).toEqual(Array.from({ length: 10 }, (_, index) => 22 + index));
    expect(rest.nextCursor).toBeNull();
    expect(JSON.stringify(first) + JSON.stringify(rest) + JSON.stringify(check.context)).not.toContain(documents[0]);

    // Four eyes: the maker may not decide it.
    expectProblem(await people.admin.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-change');
    await decide('checker', check.id, { decision: 'approved' });
    const approval = await openTask(workflowId, 'approveChange');
    expect(await stack.db.select().from(units).where(like(units.id, 'b1-50%'))).toEqual([]);
    await decide('manager', approval.id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toMatchObject({ status: 'applied', revision: 1 });

    const written = await stack.db.select().from(units).where(like(units.id, 'b1-50%'));
    expect(written.map((unit) => unit.id).sort()).toEqual(rows.map((row) => `b1-${row[1]}`).sort());
    expect(Number(written.find((unit) => unit.id === 'b1-5012')!.exclusiveArea)).toBe(99.5);
    const ownerships = await stack.db.select().from(unitOwners).where(like(unitOwners.unitId, 'b1-50%'));
    expect(ownerships).toHaveLength(30);
    const unit30 = (await people.admin.get(`${API}/units/b1-5030`)).body;
    const unit29 = (await people.admin.get(`${API}/units/b1-5029`)).body;
    expect(unit30.owners).toEqual(unit29.owners);
    expect(unit30.owners[0]).toMatchObject({ name: '业主28 Owner 28', idDocument: { kind: 'resident-id', masked: `****${documents[28].slice(-4)}` } });
    const registered = await stack.db.select().from(owners).where(inArray(owners.id, ownerships.map((row) => row.ownerId)));
    expect(registered).toHaveLength(29);
    for (const owner of registered) expect(owner.sealedIdDocument).not.toMatch(/^\d{17}/);
    // Every new owner is invited to the owner portal once.
    expect(await stack.db.select().from(ownerInvitations).where(eq(ownerInvitations.changeId, changeId))).toHaveLength(29);
    // Each unit's history names the import, with its row's diff, maker, checker and approver.
    const history = (await people.auditor.get(`${API}/units/b1-5001/history`)).body.items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ changeId, action: 'import', outcome: 'applied', maker: { id: 'u-admin' }, checker: { id: 'u-checker' }, approver: { id: 'u-manager' } });
    expect(history[0].diff).toContainEqual({ field: 'unit.number', before: null, after: '5001' });
    expect((await people.checker.get(`${API}/data-changes/${changeId}`)).body).toMatchObject({ status: 'applied', checks: [] });
  }, 90_000);

  it('faults against the register are named too, across a CSV, and a staff sheet is approved as one batch', async () => {
    const header = IMPORT_TEMPLATES.staff.columns.map((column) => column.header['zh-CN']).join(',');
    const csv = (lines: string[]) => Buffer.from(new TextEncoder().encode([header, ...lines].join('\r\n'))).toString('base64');
    const changeId = randomUUID();
    const refused = await people.admin.post(`${API}/data-imports`, {
      changeId,
      sheet: 'staff',
      fileName: 'staff.csv',
      format: 'csv',
      content: csv(['guard9,周九 Zhou Jiu,安保部,保安', 'admin,重名 Same Name,管理层,admin', 'guard9,周十 Zhou Shi,安保部,"保安, 监控值班员"', 'tech9,吴九 Wu Jiu,工程部,厨师']),
    });
    expectProblem(refused, 422, 'import.invalid');
    expect(fieldsOf(refused.body).sort()).toEqual(['rows.3.username', 'rows.4.username', 'rows.5.roles.0'].sort());

    const content = csv(['guard9,周九 Zhou Jiu,安保部,保安', 'monitor9,郑九 Zheng Jiu,安保部,"监控值班员, 保安"']);
    const submitted = await people.admin.post(`${API}/data-imports`, { changeId, sheet: 'staff', fileName: 'staff.csv', format: 'csv', content });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    started.push(submitted.body.workflowId);
    const check = await openTask(submitted.body.workflowId, 'checkChange');
    expect(check.candidateRoles).toEqual(['admin', 'hr']);
    await decide('checker', check.id, { decision: 'approved' });
    await decide('manager', (await openTask(submitted.body.workflowId, 'approveChange')).id, { decision: 'approved' });
    expect(await resultOf(submitted.body.workflowId)).toMatchObject({ status: 'applied' });
    const created = await stack.db.select().from(users).where(inArray(users.id, ['u-guard9', 'u-monitor9']));
    expect(created.map(({ id, roles, department, mustChangePassword, active }) => ({ id, roles: [...roles].sort(), department, mustChangePassword, active }))).toEqual([
      { id: 'u-guard9', roles: ['guard'], department: 'security', mustChangePassword: true, active: true },
      { id: 'u-monitor9', roles: ['guard', 'monitoring-operator'], department: 'security', mustChangePassword: true, active: true },
    ]);
  }, 60_000);

  it('an owners sheet returned, corrected with a new file and approved: co-owners added to registered units', async () => {
    const zhou = residentId('11010519850101123');
    const wu = residentId('11010519850101456');
    const changeId = randomUUID();
    const missing = await people.admin.post(`${API}/data-imports`, {
      changeId,
      sheet: 'owners',
      fileName: 'owners.xlsx',
      format: 'xlsx',
      content: await workbook('owners', [
        ['b2', '201', '周一 Zhou Yi', '居民身份证', zhou],
        ['b2', '999', '吴二 Wu Er', '居民身份证', wu],
        ['b2', '201', '周一 Zhou Yi', '居民身份证', zhou],
      ]),
    });
    expectProblem(missing, 422, 'import.invalid');
    expect(fieldsOf(missing.body)).toEqual(['rows.3.number', 'rows.4.idNumber']);

    const submitted = await people.admin.post(`${API}/data-imports`, {
      changeId,
      sheet: 'owners',
      fileName: 'owners.xlsx',
      format: 'xlsx',
      content: await workbook('owners', [['b2', '201', '周一 Zhou Yi', '居民身份证', zhou]]),
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { workflowId } = submitted.body;
    started.push(workflowId);
    await decide('checker', (await openTask(workflowId, 'checkChange')).id, { decision: 'returned', reasons: 'Wu Er co-owns 202 too' });
    await openTask(workflowId, 'correctChange');
    await eventually(async () => ((await people.admin.get(`${API}/data-changes/${changeId}`)).body.status === 'returned' ? true : undefined));
    const corrected = await people.admin.put(`${API}/data-imports/${changeId}`, {
      fileName: 'owners-2.xlsx',
      format: 'xlsx',
      content: await workbook('owners', [
        ['b2', '201', '周一 Zhou Yi', '居民身份证', zhou],
        ['b2', '202', '吴二 Wu Er', '居民身份证', wu],
      ]),
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ revision: 2, batch: { fileName: 'owners-2.xlsx', rows: 2 } });
    await decide('checker', (await openTask(workflowId, 'checkChange')).id, { decision: 'approved' });
    await decide('manager', (await openTask(workflowId, 'approveChange')).id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toMatchObject({ status: 'applied', revision: 2 });
    expect((await people.admin.get(`${API}/units/b2-201`)).body.owners.map((owner: { name: string }) => owner.name)).toContain('周一 Zhou Yi');
    expect((await people.admin.get(`${API}/units/b2-202`)).body.owners.map((owner: { name: string }) => owner.name)).toContain('吴二 Wu Er');
    expect((await people.admin.get(`${API}/units/b2-202/history`)).body.items.map((entry: { action: string; outcome: string }) => [entry.action, entry.outcome])).toEqual([['import', 'applied']]);
  }, 60_000);
  it('a CSV saved as GB18030 (Excel on Chinese Windows) is read with its Chinese names, and applied as they are', async () => {
    // Written with iconv -t gb18030: 镕 and 喆 are outside GB 2312, so a GB 2312 reading would lose them.
    const file = readFileSync(new URL('./fixtures/staff-gb18030.csv', import.meta.url));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow(TypeError);
    const changeId = randomUUID();
    const submitted = await people.admin.post(`${API}/data-imports`, { changeId, sheet: 'staff', fileName: '员工.csv', format: 'csv', content: file.toString('base64') });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { workflowId } = submitted.body;
    started.push(workflowId);
    const rows = (await people.checker.get(`${API}/data-changes/${changeId}/rows`)).body.items;
    expect(rows.map((row: { recordId: string }) => row.recordId)).toEqual(['u-zhurj', 'u-taozhe', 'u-ouyang']);
    expect(rows.map((row: { diff: Array<{ field: string; after: unknown }> }) => row.diff.find((cell) => cell.field === 'user.displayName')?.after)).toEqual(['朱镕基', '陶喆', '欧阳娜娜']);
    await decide('checker', (await openTask(workflowId, 'checkChange')).id, { decision: 'approved' });
    await decide('manager', (await openTask(workflowId, 'approveChange')).id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toMatchObject({ status: 'applied' });
    const created = await stack.db.select({ id: users.id, displayName: users.displayName, roles: users.roles }).from(users).where(inArray(users.id, ['u-zhurj', 'u-taozhe', 'u-ouyang']));
    expect(Object.fromEntries(created.map((user) => [user.id, [user.displayName, [...user.roles].sort()]]))).toEqual({
      'u-zhurj': ['朱镕基', ['guard']],
      'u-taozhe': ['陶喆', ['guard', 'monitoring-operator']],
      'u-ouyang': ['欧阳娜娜', ['technician']],
    });
  }, 60_000);
});
