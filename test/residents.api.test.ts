/**
 * Residents and tenants through review over HTTP (P5.1a–b, issue 12): a maker's entry is a draft that changes nothing;
 * its checker (never the maker) returns or approves it; a returned entry is corrected and approved; the resident's
 * history shows both; the identity document is sealed and shown masked, and reads are logged; an approved move-out
 * starts the access revocation of the person who leaves (P4.2b).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validIdDocument } from '../contracts/data-review';
import { accessLog, accessPeople, processLinks, residents, tasks } from '../db/schema';
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
const residentIdNumber = (digits17: string) => [...'0123456789X'].map((check) => `${digits17}${check}`).find((candidate) => validIdDocument('resident-id', candidate))!;

const openTask = (workflowId: string, stepId: string) =>
  eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open'))))[0]);

async function decide(username: string, taskId: string, payload: Record<string, unknown>) {
  const response = await people[username].post(`${API}/tasks/${encodeURIComponent(taskId)}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function submit(body: Record<string, unknown>) {
  const changeId = randomUUID();
  const response = await people.admin.post(`${API}/resident-changes`, { changeId, ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return { changeId, workflowId: response.body.workflowId as string };
}

const resultOf = (workflowId: string) => stack.client.workflow.getHandle(workflowId).result() as Promise<DataReviewOutcome>;

/** A resident entered by the admin and approved by the checker. */
async function registered(resident: Record<string, unknown>) {
  const { changeId, workflowId } = await submit({ action: 'create', resident });
  await decide('checker', (await openTask(workflowId, 'checkChange')).id, { decision: 'approved' });
  expect(await resultOf(workflowId)).toMatchObject({ status: 'applied' });
  return `r-${changeId}`;
}

describe('residents and tenants through review (P5.1a–b)', () => {
  it('a tenant: a draft changes nothing, the maker cannot approve it (403), returned, corrected and approved; shown masked, history both steps', async () => {
    const document = residentIdNumber('31010419900307241');
    const tenant = { unitId: 'b1-202', name: '钱多多 Qian Duoduo', relation: 'tenant', phone: '1380013', idDocument: { kind: 'resident-id', number: document }, moveInDate: '2026-11-01' };
    expectProblem(await people.admin.post(`${API}/resident-changes`, { changeId: randomUUID(), action: 'create', resident: { ...tenant, phone: 'call me' } }), 400, 'request.body-invalid', 'resident.phone');
    expectProblem(await people.admin.post(`${API}/resident-changes`, { changeId: randomUUID(), action: 'create', resident: { ...tenant, unitId: 'b9-999' } }), 422, 'change.invalid', 'resident.unitId');

    const { changeId, workflowId } = await submit({ action: 'create', resident: tenant });
    const residentId = `r-${changeId}`;
    const check = await openTask(workflowId, 'checkChange');
    expect(check.candidateRoles).toEqual(['admin']);
    expect(check.context).toMatchObject({ unitId: 'b1-202', kind: 'resident', action: 'create' });
    expect((check.context as { diff: unknown }).diff).toContainEqual({ field: 'resident.idDocument', before: null, after: `****${document.slice(-4)}` });
    // The draft changes nothing.
    expectProblem(await people.admin.get(`${API}/residents/${residentId}`), 404, 'resident.unknown');
    expect((await people.admin.get(`${API}/residents?unitId=b1-202`)).body.items).toEqual([]);
    // The maker holds the checker's role, yet may not decide their own entry.
    expectProblem(await people.admin.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-change');
    await decide('checker', check.id, { decision: 'returned', reasons: 'The phone number is short of digits' });

    await openTask(workflowId, 'correctChange');
    await eventually(async () => ((await people.admin.get(`${API}/data-changes/${changeId}`)).body.status === 'returned' ? true : undefined));
    // The returned draft, as the body that corrects it: the document's number is to be entered again (kept only sealed).
    expect((await people.admin.get(`${API}/data-changes/${changeId}`)).body.draft).toEqual({ action: 'create', resident: { ...tenant, idDocument: { kind: 'resident-id', number: '' } } });
    expectProblem(await people.checker.put(`${API}/resident-changes/${changeId}`, { action: 'create', resident: { ...tenant, phone: '13800138000' } }), 403, 'change.not-maker');
    const corrected = await people.admin.put(`${API}/resident-changes/${changeId}`, { action: 'create', resident: { ...tenant, phone: '13800138000' } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ revision: 2, kind: 'resident', recordId: residentId });
    expectProblem(await people.admin.get(`${API}/residents/${residentId}`), 404, 'resident.unknown');

    const recheck = await openTask(workflowId, 'checkChange');
    expect((recheck.context as { diff: unknown }).diff).toContainEqual({ field: 'resident.phone', before: null, after: '****8000' });
    await decide('checker', recheck.id, { decision: 'approved' });
    // A resident weighs on no vote or fee: no second approval.
    expect(await resultOf(workflowId)).toEqual({ status: 'applied', revision: 2, checkedBy: people.checker.user.displayName, approvedBy: null });

    const resident = (await people.auditor.get(`${API}/residents/${residentId}`)).body;
    expect(resident).toEqual({
      residentId,
      unitId: 'b1-202',
      name: '钱多多 Qian Duoduo',
      relation: 'tenant',
      phone: '13800138000',
      idDocument: { kind: 'resident-id', masked: `****${document.slice(-4)}` },
      moveInDate: '2026-11-01',
      moveOutDate: null,
      active: true,
    });
    // The read is logged about whom it is (P5.3c); the number is kept only sealed.
    const [logged] = await stack.db.select().from(accessLog).where(eq(accessLog.actorId, 'u-auditor')).orderBy(desc(accessLog.id)).limit(1);
    expect(logged).toMatchObject({ kind: 'resident', recordIds: [residentId], subjectIds: [residentId] });
    const [row] = await stack.db.select().from(residents).where(eq(residents.id, residentId));
    expect(row.sealedIdDocument).not.toContain(document);
    expect(row.idDocumentLast4).toBe(document.slice(-4));

    const history = (await people.admin.get(`${API}/residents/${residentId}/history`)).body.items;
    expect(history.map((entry: { outcome: string; revision: number }) => [entry.outcome, entry.revision])).toEqual([
      ['returned', 1],
      ['applied', 2],
    ]);
    expect(history[0]).toMatchObject({ kind: 'resident', reasons: 'The phone number is short of digits', maker: { id: 'u-admin' }, checker: { id: 'u-checker' } });
    expect(JSON.stringify(history)).not.toContain(document);
  }, 90_000);

  it('the list finds residents by name, unit and relation, a page at a time', async () => {
    const family = { unitId: 'b2-101', relation: 'family-member', phone: '+86 10 6512 3456', moveInDate: '2025-06-01' };
    const first = await registered({ ...family, name: '孔一 Kong Yi', idDocument: { kind: 'resident-id', number: residentIdNumber('11010520000101111') } });
    const second = await registered({ ...family, name: '孔二 Kong Er', idDocument: { kind: 'passport', number: 'E12345678' } });
    const page = (await people.admin.get(`${API}/residents?unitId=b2-101&limit=1`)).body;
    expect(page.items).toHaveLength(1);
    const next = (await people.admin.get(`${API}/residents?unitId=b2-101&limit=1&cursor=${page.nextCursor}`)).body;
    expect([page.items[0].residentId, next.items[0].residentId].sort()).toEqual([first, second].sort());
    expect((await people.admin.get(`${API}/residents?name=${encodeURIComponent('孔二')}`)).body.items.map((item: { residentId: string }) => item.residentId)).toEqual([second]);
    expect((await people.admin.get(`${API}/residents?unitId=b2-101&relation=tenant`)).body.items).toEqual([]);
    expectProblem(await people.admin.get(`${API}/residents?relation=lodger`), 400, 'request.query-invalid', 'query.relation');
  }, 90_000);

  it("a tenant's approved move-out starts the access revocation of the person who leaves, as an owner's does", async () => {
    const residentId = await registered({
      unitId: 'b2-102',
      name: '褚三 Chu San',
      relation: 'tenant',
      phone: '13900139000',
      idDocument: { kind: 'resident-id', number: residentIdNumber('44030519880808123') },
      moveInDate: '2026-01-15',
    });
    // At the door the tenant is enrolled as the registered resident they are.
    const person = await people.admin.post(`${API}/access/people`, { personId: randomUUID(), kind: 'resident', name: '褚三 Chu San', residentId });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    expect(person.body).toMatchObject({ unitId: 'b2-102', status: 'active' });
    const personId = person.body.id as string;

    expectProblem(await people.admin.post(`${API}/resident-changes`, { changeId: randomUUID(), action: 'move-out', residentId, moveOutDate: '2025-12-31' }), 422, 'change.invalid', 'moveOutDate');
    const { changeId, workflowId } = await submit({ action: 'move-out', residentId, moveOutDate: '2026-11-30' });
    const check = await openTask(workflowId, 'checkChange');
    // Until approved, the tenant still lives there and keeps their access.
    expect((await people.admin.get(`${API}/residents/${residentId}`)).body).toMatchObject({ active: true, moveOutDate: null });
    await decide('checker', check.id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toMatchObject({ status: 'applied' });

    const revocationId = `access-revocation-moved-out-${changeId}-${personId}`;
    started.push(revocationId);
    expect((await stack.client.workflow.getHandle(revocationId).describe()).type).toBe('accessRevocation');
    expect(await stack.db.select().from(processLinks).where(eq(processLinks.fromWorkflowId, workflowId))).toEqual([expect.objectContaining({ toWorkflowId: revocationId, relation: 'access-revocation' })]);
    await eventually(async () => ((await stack.db.select({ status: accessPeople.status }).from(accessPeople).where(eq(accessPeople.id, personId)))[0].status === 'left' ? true : undefined));
    expect((await people.admin.get(`${API}/residents/${residentId}`)).body).toMatchObject({ active: false, moveOutDate: '2026-11-30' });
    expect((await people.admin.get(`${API}/residents?unitId=b2-102&active=false`)).body.items.map((item: { residentId: string }) => item.residentId)).toEqual([residentId]);
    // Moved out once: a second move-out is refused, naming the resident.
    expectProblem(await people.admin.post(`${API}/resident-changes`, { changeId: randomUUID(), action: 'move-out', residentId, moveOutDate: '2026-12-01' }), 422, 'change.invalid', 'residentId');
  }, 90_000);
});
