/**
 * Master data through review over HTTP (P5.1a–b, issue 12): a maker's change to a unit or its owners is a draft that
 * changes nothing; its checker (never the maker) approves or returns it; areas and ownership also need management;
 * only the approval writes it, with the unit's history; identity documents are sealed and shown masked; an owners'
 * vote keeps the roll it froze.
 */
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validIdDocument } from '../contracts/data-review';
import { accessLog, dataChanges, owners, tasks, units, users, voteRoll } from '../db/schema';
import type { DataReviewOutcome } from '../workflows/data-review/messages';
import { testGovernanceSettings, voteInStatus } from './support/governance-scenarios';
import { signIn, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
let stack: ApiTestStack;
const started: string[] = [];
let people: Record<string, SignedInClient>;
const USERNAMES = ['admin', 'checker', 'manager', 'committee', 'owner-zhang', 'auditor'];

beforeAll(async () => {
  stack = await startApiTestStack();
  stack.ctx.settings.governance = testGovernanceSettings(10);
  const clients = await Promise.all(USERNAMES.map((username) => signIn(stack.baseUrl, username)));
  people = Object.fromEntries(USERNAMES.map((username, index) => [username, clients[index]]));
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

/** A resident ID with a correct check digit (GB 11643), from 17 digits. */
function residentId(digits17: string): string {
  const id = [...'0123456789X'].map((check) => `${digits17}${check}`).find((candidate) => validIdDocument('resident-id', candidate));
  return id!;
}

async function submit(body: Record<string, unknown>, as = 'admin') {
  const changeId = randomUUID();
  const response = await people[as].post(`${API}/data-changes`, { changeId, ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return { changeId, workflowId: response.body.workflowId as string };
}

/** The open task of a step, once the process has written it. */
const openTask = (workflowId: string, stepId: string) =>
  eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open'))))[0]);

async function decide(username: string, taskId: string, payload: Record<string, unknown>) {
  const response = await people[username].post(`${API}/tasks/${encodeURIComponent(taskId)}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

const areaOf = async (unitId: string) => Number((await stack.db.select().from(units).where(eq(units.id, unitId)))[0].exclusiveArea);
const resultOf = (workflowId: string) => stack.client.workflow.getHandle(workflowId).result() as Promise<DataReviewOutcome>;

describe('maker-checker over HTTP (P5.1b)', () => {
  it('an area change: a draft changes nothing, the maker cannot approve it (403), the checker alone does not apply it, management does', async () => {
    const before = await areaOf('b1-301');
    const { changeId, workflowId } = await submit({ action: 'change', unitId: 'b1-301', unit: { exclusiveArea: 120.5 } });
    // Sent again (a retry): the same change; the same id from someone else: refused.
    const again = await people.admin.post(`${API}/data-changes`, { changeId, action: 'change', unitId: 'b1-301', unit: { exclusiveArea: 120.5 } });
    expect(again.body).toEqual({ changeId, workflowId });
    expectProblem(await people.checker.post(`${API}/data-changes`, { changeId, action: 'disable', unitId: 'b1-301', reason: 'Merged into 302' }), 409, 'change.id-taken', 'changeId');

    const check = await openTask(workflowId, 'checkChange');
    expect(await areaOf('b1-301')).toBe(before);
    const view = (await people.checker.get(`${API}/data-changes/${changeId}`)).body;
    expect(view).toMatchObject({ status: 'in-review', revision: 1, needsSecondApproval: true, maker: { id: 'u-admin' } });
    expect(view.diff).toEqual([{ field: 'unit.exclusiveArea', before, after: 120.5 }]);
    expect(view.checks).toContainEqual({ field: 'unit.exclusiveArea', rule: 'area-bounds', passed: true });
    expect((check.context as { diff: unknown }).diff).toEqual(view.diff);

    // The maker holds the checker's role, yet may neither claim nor decide their own change.
    expectProblem(await people.admin.post(`${API}/tasks/${encodeURIComponent(check.id)}/claim`), 403, 'task.own-change');
    expectProblem(await people.admin.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-change');
    // Nor may a supervisor (an admin) hand it to them.
    expectProblem(await people.checker.post(`${API}/tasks/${encodeURIComponent(check.id)}/reassign`, { assignee: 'u-admin' }), 422, 'task.not-candidate-user', 'assignee');
    // A return needs its reasons, named by field.
    expectProblem(await people.checker.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'returned' } }), 422, 'task.form-invalid', 'payload.reasons');
    await decide('checker', check.id, { decision: 'approved' });

    // An area change waits for management: the checker's approval alone applies nothing.
    const approval = await openTask(workflowId, 'approveChange');
    expect(approval.candidateRoles).toEqual(['management']);
    expect(await areaOf('b1-301')).toBe(before);
    expect((await people.admin.get(`${API}/units/b1-301/history`)).body.items).toEqual([]);
    await decide('manager', approval.id, { decision: 'approved' });

    expect(await resultOf(workflowId)).toEqual({ status: 'applied', revision: 1, checkedBy: people.checker.user.displayName, approvedBy: people.manager.user.displayName });
    expect(await areaOf('b1-301')).toBe(120.5);
    const history = (await people.auditor.get(`${API}/units/b1-301/history`)).body.items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      changeId,
      outcome: 'applied',
      revision: 1,
      diff: [{ field: 'unit.exclusiveArea', before, after: 120.5 }],
      maker: { id: 'u-admin' },
      checker: { id: 'u-checker' },
      approver: { id: 'u-manager' },
    });
    expect(Date.parse(history[0].checker.at)).toBeLessThanOrEqual(Date.parse(history[0].approver.at));
  }, 60_000);

  it('a new owner: returned with reasons, corrected by the maker and approved; the unit shows the owner masked and its history both steps', async () => {
    const document = residentId('11010519491231002');
    const wrongCheckDigit = `${document.slice(0, 17)}${document[17] === '0' ? '1' : '0'}`;
    expectProblem(
      await people.admin.post(`${API}/data-changes`, { changeId: randomUUID(), action: 'add-owner', unitId: 'b1-302', owner: { name: '孙月 Sun Yue', idDocument: { kind: 'resident-id', number: wrongCheckDigit } } }),
      400,
      'request.body-invalid',
      'owner.idDocument.number',
    );
    expectProblem(await people.admin.post(`${API}/data-changes`, { changeId: randomUUID(), action: 'add-owner', unitId: 'b9-999', owner: { ownerId: 'o-zhang' } }), 422, 'change.invalid', 'unitId');
    // A unit not owned twice: Zhao already owns 302.
    expectProblem(await people.admin.post(`${API}/data-changes`, { changeId: randomUUID(), action: 'add-owner', unitId: 'b1-302', owner: { ownerId: 'o-zhao' } }), 422, 'change.invalid', 'owner');

    const { changeId, workflowId } = await submit({ action: 'add-owner', unitId: 'b1-302', owner: { name: '孙悦 Sun Yue', idDocument: { kind: 'resident-id', number: document } } });
    const check = await openTask(workflowId, 'checkChange');
    const masked = `****${document.slice(-4)}`;
    expect((check.context as { diff: unknown }).diff).toContainEqual({ field: 'owner.idDocument', before: null, after: masked });
    await decide('checker', check.id, { decision: 'returned', reasons: 'The name is 孙月 on the ID card' });

    await openTask(workflowId, 'correctChange');
    await eventually(async () => ((await people.admin.get(`${API}/data-changes/${changeId}`)).body.status === 'returned' ? true : undefined));
    // Only the maker corrects; the unit is untouched meanwhile.
    expectProblem(await people.checker.put(`${API}/data-changes/${changeId}`, { action: 'add-owner', unitId: 'b1-302', owner: { name: '孙月 Sun Yue', idDocument: { kind: 'resident-id', number: document } } }), 403, 'change.not-maker');
    expect((await people.admin.get(`${API}/units/b1-302`)).body.owners.map((owner: { ownerId: string }) => owner.ownerId)).toEqual(['o-zhao']);
    const corrected = await people.admin.put(`${API}/data-changes/${changeId}`, { action: 'add-owner', unitId: 'b1-302', owner: { name: '孙月 Sun Yue', idDocument: { kind: 'resident-id', number: document } } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ revision: 2 });

    const recheck = await openTask(workflowId, 'checkChange');
    expect(recheck.id).toMatch(/\.checkChange\.2$/);
    expect((recheck.context as { diff: unknown }).diff).toContainEqual({ field: 'owner.name', before: null, after: '孙月 Sun Yue' });
    await decide('checker', recheck.id, { decision: 'approved' });
    // Ownership needs management too; the checker may not approve it second.
    const approval = await openTask(workflowId, 'approveChange');
    await decide('manager', approval.id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toMatchObject({ status: 'applied', revision: 2 });

    const unit = (await people.admin.get(`${API}/units/b1-302`)).body;
    expect(unit.owners).toContainEqual({ ownerId: `o-${changeId}`, name: '孙月 Sun Yue', kind: 'person', idDocument: { kind: 'resident-id', masked } });
    // Reading the unit's owners and the change's diff are personal-data reads, each logged about whom they are (P5.3c).
    expect((await people.admin.get(`${API}/data-changes/${changeId}`)).status).toBe(200);
    const logged = await stack.db.select().from(accessLog).where(eq(accessLog.actorId, 'u-admin')).orderBy(desc(accessLog.id)).limit(2);
    expect(logged.map(({ kind, recordIds, subjectIds }) => ({ kind, recordIds, subjectIds }))).toEqual([
      { kind: 'data-change', recordIds: [changeId], subjectIds: ['b1-302'] },
      { kind: 'unit-register', recordIds: ['b1-302'], subjectIds: unit.owners.map((owner: { ownerId: string }) => owner.ownerId) },
    ]);
    const history = (await people.admin.get(`${API}/units/b1-302/history`)).body.items;
    expect(history.map((entry: { outcome: string; revision: number }) => [entry.outcome, entry.revision])).toEqual([
      ['returned', 1],
      ['applied', 2],
    ]);
    expect(history[0]).toMatchObject({ reasons: 'The name is 孙月 on the ID card', checker: { id: 'u-checker' }, approver: null });
    expect(history[1]).toMatchObject({ checker: { id: 'u-checker' }, approver: { id: 'u-manager' } });

    // The number is stored only sealed: not in the register's row, the draft, any answer, or the process's history.
    const [row] = await stack.db.select().from(owners).where(eq(owners.id, `o-${changeId}`));
    expect(row).toMatchObject({ idDocumentKind: 'resident-id', idDocumentLast4: document.slice(-4) });
    expect(row.sealedIdDocument).not.toContain(document);
    expect(JSON.stringify(await stack.db.select().from(dataChanges).where(eq(dataChanges.id, changeId)))).not.toContain(document);
    expect(JSON.stringify(unit) + JSON.stringify(history)).not.toContain(document);
    // Payloads are base64 in a history's JSON: each decoded.
    const payloads: string[] = [];
    JSON.parse(historyToJSON(await stack.client.workflow.getHandle(workflowId).fetchHistory()), (key, value: unknown) => {
      if (key === 'data' && typeof value === 'string') payloads.push(Buffer.from(value, 'base64').toString('utf8'));
      return value;
    });
    expect(payloads.join('\n')).toContain(masked);
    expect(payloads.join('\n')).not.toContain(document);
  }, 60_000);

  it('a use change needs the checker only; a returned change withdrawn writes nothing but its history', async () => {
    const applied = await submit({ action: 'change', unitId: 'b2-101', unit: { use: 'commercial', deliveryStatus: 'sold-undelivered' } });
    await decide('checker', (await openTask(applied.workflowId, 'checkChange')).id, { decision: 'approved' });
    expect(await resultOf(applied.workflowId)).toMatchObject({ status: 'applied', approvedBy: null });
    expect((await stack.db.select().from(tasks).where(eq(tasks.workflowId, applied.workflowId))).map((task) => task.stepId)).toEqual(['checkChange']);
    expect((await people.admin.get(`${API}/units/b2-101`)).body).toMatchObject({ use: 'commercial', deliveryStatus: 'sold-undelivered', active: true });

    const withdrawn = await submit({ action: 'disable', unitId: 'b2-102', reason: 'Entered twice' });
    await decide('checker', (await openTask(withdrawn.workflowId, 'checkChange')).id, { decision: 'returned', reasons: 'It is not a duplicate' });
    await openTask(withdrawn.workflowId, 'correctChange');
    await eventually(async () => ((await people.admin.get(`${API}/data-changes/${withdrawn.changeId}`)).body.status === 'returned' ? true : undefined));
    const answer = await people.admin.post(`${API}/data-changes/${withdrawn.changeId}/withdraw`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    // The answer already shows it withdrawn.
    expect(answer.body.status).toBe('withdrawn');
    expect(await resultOf(withdrawn.workflowId)).toMatchObject({ status: 'withdrawn' });
    expect((await people.admin.get(`${API}/units/b2-102`)).body.active).toBe(true);
    expect((await people.admin.get(`${API}/units/b2-102/history`)).body.items.map((entry: { outcome: string }) => entry.outcome)).toEqual(['returned', 'withdrawn']);
    expectProblem(await people.admin.post(`${API}/data-changes/${withdrawn.changeId}/withdraw`), 409, 'change.not-returned');
  }, 60_000);

  it('a new unit is registered through both approvals; its number cannot be registered twice', async () => {
    const unit = { buildingId: 'b1', number: '401', exclusiveArea: 95.25, use: 'residential', deliveryStatus: 'unsold' };
    const { changeId, workflowId } = await submit({ action: 'create', unitId: 'b1-401', unit });
    expectProblem(await people.admin.get(`${API}/units/b1-401`), 404, 'unit.unknown');
    const check = await openTask(workflowId, 'checkChange');
    expect((check.context as { diff: unknown }).diff).toEqual([
      { field: 'unit.buildingId', before: null, after: '1号楼 Building 1' },
      { field: 'unit.number', before: null, after: '401' },
      { field: 'unit.exclusiveArea', before: null, after: 95.25 },
    ]);
    expect((check.context as { choices: unknown }).choices).toEqual([
      { field: 'unit.use', from: null, to: 'residential' },
      { field: 'unit.deliveryStatus', from: null, to: 'unsold' },
    ]);
    await decide('checker', check.id, { decision: 'approved' });
    await decide('manager', (await openTask(workflowId, 'approveChange')).id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toMatchObject({ status: 'applied' });
    expect((await people.admin.get(`${API}/units/b1-401`)).body).toEqual({ unitId: 'b1-401', ...unit, active: true, owners: [] });
    expect((await people.admin.get(`${API}/units/b1-401/history`)).body.items).toMatchObject([{ changeId, action: 'create', outcome: 'applied' }]);
    expectProblem(await people.admin.post(`${API}/data-changes`, { changeId: randomUUID(), action: 'create', unitId: 'b1-401a', unit }), 422, 'change.invalid', 'unit.number');
  });

  it('whoever checked a change may not approve it second, though they hold management too', async () => {
    const [admin] = await stack.db.select().from(users).where(eq(users.id, 'u-admin'));
    await stack.db.insert(users).values({ id: 'u-dual', username: 'dual', passwordHash: admin.passwordHash, displayName: '数据审核兼管理 Dual', roles: ['admin', 'management'] });
    const dual = await signIn(stack.baseUrl, 'dual');
    const { workflowId } = await submit({ action: 'change', unitId: 'b2-201', unit: { exclusiveArea: 111.5 } });
    const check = await openTask(workflowId, 'checkChange');
    const checked = await dual.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'approved' } });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    const approval = await openTask(workflowId, 'approveChange');
    expectProblem(await dual.post(`${API}/tasks/${encodeURIComponent(approval.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-change');
    expect(await areaOf('b2-201')).not.toBe(111.5);
    await decide('manager', approval.id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toMatchObject({ status: 'applied', checkedBy: dual.user.displayName, approvedBy: people.manager.user.displayName });
  });

  it('an approved change whose unit changed meanwhile is not applied: it goes back to its maker', async () => {
    const before = await areaOf('b2-301');
    const first = await submit({ action: 'change', unitId: 'b2-301', unit: { exclusiveArea: 130 } });
    const second = await submit({ action: 'change', unitId: 'b2-301', unit: { exclusiveArea: 140 } });
    const secondCheck = await openTask(second.workflowId, 'checkChange');
    expect((secondCheck.context as { diff: unknown }).diff).toEqual([{ field: 'unit.exclusiveArea', before, after: 140 }]);
    await decide('checker', (await openTask(first.workflowId, 'checkChange')).id, { decision: 'approved' });
    await decide('manager', (await openTask(first.workflowId, 'approveChange')).id, { decision: 'approved' });
    expect((await resultOf(first.workflowId)).status).toBe('applied');

    await decide('checker', secondCheck.id, { decision: 'approved' });
    await decide('manager', (await openTask(second.workflowId, 'approveChange')).id, { decision: 'approved' });
    const correction = await openTask(second.workflowId, 'correctChange');
    expect((correction.context as { reasons: string }).reasons).toMatch(/record changed while this was in review/);
    expect(await areaOf('b2-301')).toBe(130);
    // The return is recorded just after its correction task opens.
    const history = await eventually(async () => {
      const items = (await people.admin.get(`${API}/units/b2-301/history`)).body.items as Array<{ changeId: string; outcome: string }>;
      return items.length === 2 ? items : undefined;
    });
    expect(history.map((entry) => [entry.changeId, entry.outcome])).toEqual([
      [first.changeId, 'applied'],
      [second.changeId, 'returned'],
    ]);
    // Resubmitted as it is, it is reviewed against the register now.
    await decide('admin', correction.id, { decision: 'resubmit' });
    const recheck = await openTask(second.workflowId, 'checkChange');
    expect((recheck.context as { diff: unknown }).diff).toEqual([{ field: 'unit.exclusiveArea', before: 130, after: 140 }]);
  });

  it('refuses bad input naming the field, and people without the role', async () => {
    expectProblem(await people.admin.post(`${API}/data-changes`, { changeId: randomUUID(), action: 'create', unitId: 'b1-401', unit: { buildingId: 'b1', number: '401', exclusiveArea: 0, use: 'residential', deliveryStatus: 'unsold' } }), 400, 'request.body-invalid', 'unit.exclusiveArea');
    expectProblem(await people.admin.post(`${API}/data-changes`, { changeId: randomUUID(), action: 'create', unitId: 'b1-401', unit: { buildingId: 'b1', number: '401', use: 'residential', deliveryStatus: 'unsold' } }), 400, 'request.body-invalid', 'unit.exclusiveArea');
    expectProblem(await people.admin.post(`${API}/data-changes`, { changeId: randomUUID(), action: 'create', unitId: 'b1-101', unit: { buildingId: 'b1', number: '101', exclusiveArea: 90, use: 'residential', deliveryStatus: 'unsold' } }), 422, 'change.invalid', 'unitId');
    expectProblem(await people.admin.post(`${API}/data-changes`, { changeId: 'not-a-uuid', action: 'disable', unitId: 'b1-101', reason: 'Entered twice' }), 400, 'request.body-invalid', 'changeId');
    expectProblem(await people['owner-zhang'].post(`${API}/data-changes`, { changeId: randomUUID(), action: 'disable', unitId: 'b1-101', reason: 'Entered twice' }), 403, 'auth.needs-role');
    expectProblem(await people.admin.get(`${API}/data-changes/${randomUUID()}`), 404, 'change.unknown');
  });
});

describe("an owners' vote keeps its frozen roll (P2.1c with P5.1b)", () => {
  it('an area, an ownership and a disabled unit changed while a vote is open: its tally uses the roll it froze, the next vote the new register', async () => {
    const requestVote = async (title: string) => {
      const voteId = `dr-${randomUUID().slice(0, 8)}`;
      const response = await people.committee.post(`${API}/votes`, { voteId, title, description: `${title}, as discussed`, item: 9 });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      started.push(response.body.workflowId);
      return { voteId, workflowId: response.body.workflowId as string };
    };
    const rollOf = async (voteId: string) =>
      (await stack.db.select().from(voteRoll).where(eq(voteRoll.voteId, voteId))).map(({ voterId, ownerIds, unitIds, areaHundredths }) => ({ voterId, ownerIds, unitIds, areaHundredths })).sort((a, b) => a.voterId.localeCompare(b.voterId));

    const first = await requestVote('Repaint the car park');
    const opened = await voteInStatus(people['owner-zhang'], first.voteId, 'open');
    const frozen = await rollOf(first.voteId);
    const zhang = frozen.find((voter) => voter.voterId === 'o-zhang')!;

    // Zhang's 101 grows by 10 m², Chen becomes co-owner of 202, and the developer's unsold 2-302 is disabled (entered
    // in error), each through review, while the vote is open.
    const area = await areaOf('b1-101');
    const disabledArea = await areaOf('b2-302');
    const approvedThrough = async (workflowId: string) => {
      await decide('checker', (await openTask(workflowId, 'checkChange')).id, { decision: 'approved' });
      await decide('manager', (await openTask(workflowId, 'approveChange')).id, { decision: 'approved' });
      return (await resultOf(workflowId)).status;
    };
    const changes = await Promise.all([
      submit({ action: 'change', unitId: 'b1-101', unit: { exclusiveArea: area + 10 } }),
      submit({ action: 'add-owner', unitId: 'b1-202', owner: { ownerId: 'o-chen' } }),
      submit({ action: 'disable', unitId: 'b2-302', reason: 'Entered in error: it is the plant room' }),
    ]);
    expect(await Promise.all(changes.map(({ workflowId }) => approvedThrough(workflowId)))).toEqual(['applied', 'applied', 'applied']);
    expect(await areaOf('b1-101')).toBe(area + 10);

    const ballot = await people['owner-zhang'].post(`${API}/votes/${first.voteId}/ballots`, { choice: 'for' });
    expect(ballot.status, JSON.stringify(ballot.body)).toBe(200);
    // Zhang's ballot weighs what the roll froze, not the area the register has now.
    expect(ballot.body.participation).toMatchObject({ area: zhang.areaHundredths, heads: 1 });
    expect(await rollOf(first.voteId)).toEqual(frozen);
    const final = await voteInStatus(people['owner-zhang'], first.voteId, 'final', 60_000);
    expect(final.participation).toMatchObject({ rollArea: opened.participation.rollArea, rollHeads: opened.participation.rollHeads, area: zhang.areaHundredths });

    const second = await requestVote('Plant trees by the gate');
    const next = await voteInStatus(people['owner-zhang'], second.voteId, 'open');
    expect(next.participation.rollArea).toBe(opened.participation.rollArea + 1_000 - Math.round(disabledArea * 100));
    const roll = await rollOf(second.voteId);
    expect(roll.find((voter) => voter.voterId === 'o-zhang')!.areaHundredths).toBe(zhang.areaHundredths + 1_000);
    // Chen owns part of 202 on the next roll only.
    expect(roll.some((voter) => voter.unitIds.includes('b1-202') && voter.ownerIds.includes('o-chen'))).toBe(true);
    expect(frozen.some((voter) => voter.unitIds.includes('b1-202') && voter.ownerIds.includes('o-chen'))).toBe(false);
    expect(frozen.some((voter) => voter.unitIds.includes('b2-302'))).toBe(true);
    expect(roll.some((voter) => voter.unitIds.includes('b2-302'))).toBe(false);
  }, 120_000);
});
