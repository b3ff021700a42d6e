/**
 * Staff users and accounts over HTTP (P5.1b, issue 12): a staff user's creation and change of roles go through
 * data review with management's second approval; nobody reviews their own change or account; a disabled user is
 * signed out within a second and their claimed tasks go back to their candidates; passwords are changed by their
 * holder under the rules, reset by an administrator to one that must be changed at the next sign-in, and asked for
 * through "forgot password" without telling who exists.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldMessage } from '../contracts/problem-texts';
import { PASSWORD_RULES } from '../contracts/staff-users';
import { accessLog, dataChanges, taskActions, tasks, users } from '../db/schema';
import type { DataReviewOutcome } from '../workflows/data-review/messages';
import { anonymous, signIn, withCookies, type HttpClient, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
let stack: ApiTestStack;
const started: string[] = [];
let people: Record<string, SignedInClient>;
const USERNAMES = ['admin', 'checker', 'manager', 'hr'];

beforeAll(async () => {
  stack = await startApiTestStack();
  const clients = await Promise.all(USERNAMES.map((username) => signIn(stack.baseUrl, username)));
  people = Object.fromEntries(USERNAMES.map((username, index) => [username, clients[index]]));
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

async function submit(body: Record<string, unknown>, as = 'admin') {
  const changeId = randomUUID();
  const response = await people[as].post(`${API}/user-changes`, { changeId, ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return { changeId, workflowId: response.body.workflowId as string };
}

const openTask = (workflowId: string, stepId: string) =>
  eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open'))))[0]);

async function decide(client: HttpClient, taskId: string, payload: Record<string, unknown>) {
  const response = await client.post(`${API}/tasks/${encodeURIComponent(taskId)}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

const resultOf = (workflowId: string) => stack.client.workflow.getHandle(workflowId).result() as Promise<DataReviewOutcome>;
const userRow = async (userId: string) => (await stack.db.select().from(users).where(eq(users.id, userId)))[0];

/** A new staff user through both approvals, then given a password of their own through a reset: signed in. */
async function newStaffUser(roles: string[]) {
  const username = `clerk-${randomUUID().slice(0, 8)}`;
  const userId = `u-${username}`;
  const { workflowId } = await submit({ action: 'create', user: { displayName: '文员 测试 Test Clerk', username, department: 'administration', roles } });
  await decide(people.checker, (await openTask(workflowId, 'checkChange')).id, { decision: 'approved' });
  await decide(people.manager, (await openTask(workflowId, 'approveChange')).id, { decision: 'approved' });
  expect(await resultOf(workflowId)).toMatchObject({ status: 'applied' });
  const reset = await people.admin.post(`${API}/users/${userId}/password-reset`);
  expect(reset.status, JSON.stringify(reset.body)).toBe(200);
  const session = withCookies(stack.baseUrl, 'en');
  expectProblem(await session.post(`${API}/auth/login`, { username, password: reset.body.oneTimePassword }), 403, 'auth.must-change-password');
  const password = `a long enough ${randomUUID()}`;
  expect((await session.post(`${API}/auth/password`, { currentPassword: reset.body.oneTimePassword, newPassword: password })).status).toBe(204);
  return { username, userId, password, session };
}

describe('staff users through review (P5.1b)', () => {
  it('a new user and a change of roles apply only with management second; the maker and the user themselves cannot decide them (403)', async () => {
    const username = `clerk-${randomUUID().slice(0, 8)}`;
    const userId = `u-${username}`;
    expectProblem(
      await people.admin.post(`${API}/user-changes`, { changeId: randomUUID(), action: 'create', user: { displayName: 'Bad', username: 'Bad Name', department: 'finance', roles: ['finance'] } }),
      400,
      'request.body-invalid',
      'user.username',
    );
    expectProblem(
      await people.admin.post(`${API}/user-changes`, { changeId: randomUUID(), action: 'create', user: { displayName: 'Bad', username, department: 'finance', roles: ['cashier'] } }),
      400,
      'request.body-invalid',
      'user.roles.0',
    );
    expectProblem(
      await people.admin.post(`${API}/user-changes`, { changeId: randomUUID(), action: 'create', user: { displayName: 'Taken', username: 'tech1', department: 'engineering', roles: ['technician'] } }),
      422,
      'change.invalid',
      'user.username',
    );

    const { changeId, workflowId } = await submit({ action: 'create', user: { displayName: '文员 测试 Test Clerk', username, department: 'administration', roles: ['hr'] } });
    const check = await openTask(workflowId, 'checkChange');
    expect(check.candidateRoles).toEqual(['admin', 'hr']);
    expectProblem(await people.admin.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-change');
    await decide(people.checker, check.id, { decision: 'approved' });
    const approval = await openTask(workflowId, 'approveChange');
    expect(approval.candidateRoles).toEqual(['management']);
    // Roles without the second approver: nothing applied.
    expect(await userRow(userId)).toBeUndefined();
    await decide(people.manager, approval.id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toEqual({ status: 'applied', revision: 1, checkedBy: people.checker.user.displayName, approvedBy: people.manager.user.displayName });
    expect((await people.admin.get(`${API}/users/${userId}`)).body).toEqual({
      userId,
      username,
      displayName: '文员 测试 Test Clerk',
      department: 'administration',
      roles: ['hr'],
      active: true,
      mustChangePassword: true,
    });

    // The user, an hr checker now, may not review a change of their own roles; the checker's approval alone applies nothing.
    const reset = await people.admin.post(`${API}/users/${userId}/password-reset`);
    const clerk = withCookies(stack.baseUrl);
    expectProblem(await clerk.post(`${API}/auth/login`, { username, password: reset.body.oneTimePassword }), 403, 'auth.must-change-password');
    expect((await clerk.post(`${API}/auth/password`, { currentPassword: reset.body.oneTimePassword, newPassword: `clerk's own ${randomUUID()}` })).status).toBe(204);
    const roles = await submit({ action: 'change', userId, user: { roles: ['hr', 'finance'] } });
    const roleCheck = await openTask(roles.workflowId, 'checkChange');
    expect((roleCheck.context as { subjectUserId: string }).subjectUserId).toBe(userId);
    expectProblem(await clerk.post(`${API}/tasks/${encodeURIComponent(roleCheck.id)}/claim`), 403, 'task.own-account');
    expectProblem(await clerk.post(`${API}/tasks/${encodeURIComponent(roleCheck.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-account');
    await decide(people.hr, roleCheck.id, { decision: 'approved' });
    const roleApproval = await openTask(roles.workflowId, 'approveChange');
    expect((await userRow(userId)).roles).toEqual(['hr']);
    await decide(people.manager, roleApproval.id, { decision: 'approved' });
    expect(await resultOf(roles.workflowId)).toMatchObject({ status: 'applied', checkedBy: people.hr.user.displayName });
    expect((await userRow(userId)).roles).toEqual(['hr', 'finance']);

    const history = (await people.admin.get(`${API}/users/${userId}/history`)).body.items;
    expect(history.map((entry: { action: string; outcome: string }) => [entry.action, entry.outcome])).toEqual([
      ['create', 'applied'],
      ['reset-password', 'applied'],
      ['change', 'applied'],
    ]);
    expect(history[0]).toMatchObject({ changeId, maker: { id: 'u-admin' }, checker: { id: 'u-checker' }, approver: { id: 'u-manager' } });
    expect(history[2].diff).toEqual([{ field: 'user.roles', before: '人事 HR', after: '财务 Finance / 人事 HR' }]);
  }, 90_000);

  it('a disabled user is signed out within a second and the tasks they claimed go back to their candidates', async () => {
    const { userId, session } = await newStaffUser(['hr', 'monitoring-operator']);
    // A task the user claims: the check of someone else's new account.
    const other = await submit({ action: 'create', user: { displayName: '文员 其他 Other Clerk', username: `other-${randomUUID().slice(0, 8)}`, department: 'finance', roles: ['finance'] } });
    const claimed = await openTask(other.workflowId, 'checkChange');
    expect((await session.post(`${API}/tasks/${encodeURIComponent(claimed.id)}/claim`)).status).toBe(200);

    const disable = await submit({ action: 'disable', userId, reason: 'Left the company' });
    const check = await openTask(disable.workflowId, 'checkChange');
    // Signed in, and remembered by the API, right up to the approval; their worklist open live.
    expect((await session.get(`${API}/auth/me`)).status).toBe(200);
    const stream = await session.raw(`${API}/tasks/stream`);
    expect(stream.status).toBe(200);
    const consoleStream = await session.raw(`${API}/console/stream`);
    expect(consoleStream.status).toBe(200);
    const closed = new Set<string>();
    const watchEnd = (name: string, response: Response) => {
      const reader = response.body!.getReader();
      void (async () => {
        for (;;) if ((await reader.read()).done) return closed.add(name);
      })();
    };
    watchEnd('worklist', stream);
    watchEnd('console', consoleStream);
    await decide(people.checker, check.id, { decision: 'approved' });
    await eventually(async () => ((await userRow(userId)).active ? undefined : true));
    const disabledAt = Date.now();
    const answer = await eventually(
      async () => {
        const response = await session.get(`${API}/auth/me`);
        return response.status === 401 ? response : undefined;
      },
      1_500,
      20,
    );
    expect(Date.now() - disabledAt).toBeLessThan(1_500);
    expectProblem(answer, 401, 'auth.sign-in');
    // The live worklist and the live console end with the session.
    await eventually(async () => (closed.size === 2 ? true : undefined), 1_500, 20);
    expect(await resultOf(disable.workflowId)).toMatchObject({ status: 'applied', approvedBy: null });

    const [task] = await stack.db.select().from(tasks).where(eq(tasks.id, claimed.id));
    expect(task).toMatchObject({ status: 'open', assignee: null, candidateRoles: ['admin', 'hr'], candidateUsers: claimed.candidateUsers });
    expect(await stack.db.select({ action: taskActions.action }).from(taskActions).where(eq(taskActions.taskId, claimed.id))).toEqual([{ action: 'claimed' }, { action: 'released' }]);
    // Another checker takes it up.
    await decide(people.hr, claimed.id, { decision: 'approved' });
  }, 90_000);
  it('a department change needs the checker only; returned, it is corrected over PUT by its maker alone; disabled and enabled again', async () => {
    const { userId } = await newStaffUser(['finance']);
    const { changeId, workflowId } = await submit({ action: 'change', userId, user: { department: 'procurement' } });
    expectProblem(await people.admin.post(`${API}/user-changes`, { changeId: randomUUID(), action: 'enable', userId, reason: 'Back from leave' }), 422, 'change.invalid', 'userId');
    await decide(people.checker, (await openTask(workflowId, 'checkChange')).id, { decision: 'returned', reasons: 'Finance, not procurement' });
    await openTask(workflowId, 'correctChange');
    await eventually(async () => ((await people.admin.get(`${API}/data-changes/${changeId}`)).body.status === 'returned' ? true : undefined));
    expectProblem(await people.checker.put(`${API}/user-changes/${changeId}`, { action: 'change', userId, user: { department: 'finance' } }), 403, 'change.not-maker');
    expectProblem(await people.admin.put(`${API}/user-changes/${changeId}`, { action: 'change', userId: 'u-tech1', user: { department: 'finance' } }), 422, 'change.invalid', 'userId');
    const corrected = await people.admin.put(`${API}/user-changes/${changeId}`, { action: 'change', userId, user: { department: 'finance', displayName: '文员 改名 Renamed Clerk' } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ revision: 2, needsSecondApproval: false, recordId: userId });
    await decide(people.hr, (await openTask(workflowId, 'checkChange')).id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toMatchObject({ status: 'applied', revision: 2, approvedBy: null });
    expect(await userRow(userId)).toMatchObject({ department: 'finance', displayName: '文员 改名 Renamed Clerk', roles: ['finance'] });

    for (const action of ['disable', 'enable'] as const) {
      const change = await submit({ action, userId, reason: action === 'disable' ? 'On leave' : 'Back from leave' });
      await decide(people.checker, (await openTask(change.workflowId, 'checkChange')).id, { decision: 'approved' });
      expect(await resultOf(change.workflowId)).toMatchObject({ status: 'applied' });
      expect((await userRow(userId)).active).toBe(action === 'enable');
    }
    expect((await people.admin.get(`${API}/users/${userId}/history`)).body.items.map((entry: { action: string; outcome: string }) => `${entry.action} ${entry.outcome}`)).toEqual([
      'create applied',
      'reset-password applied',
      'change returned',
      'change applied',
      'disable applied',
      'enable applied',
    ]);
  }, 90_000);
});

describe('the staff list (P1.2)', () => {
  it('finds staff by name, department, role and state, a page at a time, never an owner or supplier account; each read is logged (P5.3c)', async () => {
    const { userId, username } = await newStaffUser(['finance']);
    const list = (query: string) => people.manager.get(`${API}/staff-users?${query}`);
    const found = await list(`name=${username}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body).toEqual({ items: [expect.objectContaining({ userId, username, department: 'administration', roles: ['finance'], active: true })], nextCursor: null });
    // By part of the display name, in any case; a wildcard typed is searched for as itself.
    expect((await list('name=TEST%20CLERK')).body.items.map((user: { userId: string }) => user.userId)).toContain(userId);
    expect((await list('name=%25')).body.items).toEqual([]);
    expect((await list('role=finance&department=administration')).body.items.map((user: { userId: string }) => user.userId)).toContain(userId);
    expect((await list('role=guard')).body.items.every((user: { roles: string[] }) => user.roles.includes('guard'))).toBe(true);

    // Every staff user once across the pages, in id order; no owner's or vendor's account among them.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ userId: string }>; nextCursor: string | null } } = await list(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((user) => user.userId));
      cursor = page.body.nextCursor;
    } while (cursor);
    const staff = await stack.db.select({ id: users.id, ownerId: users.ownerId, vendorId: users.vendorId }).from(users);
    expect(seen).toEqual(staff.filter((user) => !user.ownerId && !user.vendorId).map((user) => user.id).sort());
    expect(staff.some((user) => user.ownerId) && staff.some((user) => user.vendorId)).toBe(true);

    expectProblem(await list('role=owner'), 400, 'request.query-invalid', 'query.role');
    expectProblem(await list('active=maybe'), 400, 'request.query-invalid', 'query.active');
    // HR checks changes to staff accounts and reads them; a guard does not.
    expect((await people.hr.get(`${API}/staff-users?name=${username}`)).body.items).toHaveLength(1);
    expectProblem(await (await signIn(stack.baseUrl, 'guard1')).get(`${API}/staff-users`), 403, 'auth.needs-role');

    // The list read and the record read are in the access log, by whom and about whom.
    expect((await people.manager.get(`${API}/users/${userId}`)).status).toBe(200);
    const logged = await stack.db.select().from(accessLog).where(and(eq(accessLog.actorId, people.manager.user.id), eq(accessLog.kind, 'staff-user'))).orderBy(desc(accessLog.id));
    expect(logged[0]).toMatchObject({ scope: 'record', recordIds: [userId], subjectIds: [userId], route: 'GET /api/v1/users/:userId' });
    expect(logged.some((entry) => entry.scope === 'list' && entry.recordIds.includes(userId))).toBe(true);
  }, 60_000);
});

describe('accounts', () => {
  it('the last active administrator is neither disabled nor loses the role (422 naming the field); nothing starts', async () => {
    // The demo's other administrator is away: u-admin is the last one.
    await stack.db.update(users).set({ active: false }).where(eq(users.id, 'u-checker'));
    try {
      const before = (await stack.db.select().from(dataChanges)).length;
      const demote = await people.admin.post(`${API}/user-changes`, { changeId: randomUUID(), action: 'change', userId: 'u-admin', user: { roles: ['hr'] } });
      expectProblem(demote, 422, 'change.invalid', 'user.roles');
      expect(demote.body.errors.find((error: { field: string }) => error.field === 'user.roles').message).toBe(fieldMessage({ message: 'last-admin' }, 'en'));
      expectProblem(await people.admin.post(`${API}/user-changes`, { changeId: randomUUID(), action: 'disable', userId: 'u-admin', reason: 'Leaving' }), 422, 'change.invalid', 'userId');
      expect((await stack.db.select().from(dataChanges)).length).toBe(before);
      expect(await userRow('u-admin')).toMatchObject({ active: true, roles: ['admin'] });
    } finally {
      await stack.db.update(users).set({ active: true }).where(eq(users.id, 'u-checker'));
    }
    // With another administrator active, the same change is a proposal like any other.
    const { workflowId } = await submit({ action: 'change', userId: 'u-admin', user: { roles: ['admin', 'hr'] } });
    expect(workflowId).toBeTruthy();
  });

  it('changing one’s own password: the current one first, then the rules, each named', async () => {
    const { username, password, session } = await newStaffUser(['finance']);
    const weak = (newPassword: string) => session.post(`${API}/auth/password`, { currentPassword: password, newPassword });
    const wrong = await session.post(`${API}/auth/password`, { currentPassword: 'not the password', newPassword: 'a perfectly long one' });
    expectProblem(wrong, 422, 'account.wrong-password', 'currentPassword');
    const short = await weak('short-pass');
    expectProblem(short, 422, 'account.weak-password', 'newPassword');
    expect(short.body.errors).toContainEqual({ field: 'newPassword', message: fieldMessage({ message: 'password-too-short', params: { min: PASSWORD_RULES.minLength } }, 'en') });
    const same = await weak(username);
    expectProblem(same, 422, 'account.weak-password', 'newPassword');
    expect(same.body.errors).toContainEqual({ field: 'newPassword', message: fieldMessage({ message: 'password-is-username' }, 'en') });
    // Nothing was written: the old password still signs in.
    await signIn(stack.baseUrl, username, password);
    const next = `${password} and more`;
    expect((await weak(next)).status).toBe(204);
    expect((await session.get(`${API}/auth/me`)).status).toBe(200);
    expectProblem(await anonymous(stack.baseUrl).post(`${API}/auth/login`, { username, password }), 401, 'auth.wrong-credentials');
    await signIn(stack.baseUrl, username, next);
  }, 60_000);

  it('an administrator’s reset ends the sessions and forces a change at the next sign-in; nothing else works until then', async () => {
    const { username, userId, session } = await newStaffUser(['finance']);
    expectProblem(await people.admin.post(`${API}/users/u-admin/password-reset`), 403, 'account.own-reset');
    expectProblem(await people.hr.post(`${API}/users/${userId}/password-reset`), 403, 'auth.needs-role');
    const reset = await people.admin.post(`${API}/users/${userId}/password-reset`);
    expect(reset.body.oneTimePassword.length).toBeGreaterThanOrEqual(PASSWORD_RULES.minLength);
    expectProblem(await session.get(`${API}/auth/me`), 401, 'auth.sign-in');

    const fresh = withCookies(stack.baseUrl);
    expectProblem(await fresh.post(`${API}/auth/login`, { username, password: reset.body.oneTimePassword }), 403, 'auth.must-change-password');
    expectProblem(await fresh.get(`${API}/auth/me`), 403, 'auth.must-change-password');
    expectProblem(await fresh.get(`${API}/tasks`), 403, 'auth.must-change-password');
    expect((await userRow(userId)).mustChangePassword).toBe(true);
    const mine = `mine at last ${randomUUID()}`;
    expect((await fresh.post(`${API}/auth/password`, { currentPassword: reset.body.oneTimePassword, newPassword: mine })).status).toBe(204);
    expect((await fresh.get(`${API}/auth/me`)).body.user).toMatchObject({ id: userId });
    expect((await userRow(userId)).mustChangePassword).toBe(false);
    await signIn(stack.baseUrl, username, mine);
  }, 60_000);

  it('forgot password: the same answer for anyone; a known user’s request is a task for administrators, answered by a reset', async () => {
    const { username, userId } = await newStaffUser(['finance']);
    const known = await anonymous(stack.baseUrl).post(`${API}/auth/forgot-password`, { username });
    const unknown = await anonymous(stack.baseUrl).post(`${API}/auth/forgot-password`, { username: `nobody-${randomUUID().slice(0, 8)}` });
    expect([known.status, known.body]).toEqual([202, { received: true }]);
    expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);

    const change = await eventually(async () => (await stack.db.select().from(dataChanges).where(and(eq(dataChanges.recordId, userId), eq(dataChanges.action, 'reset-password'))))[0]);
    started.push(change.workflowId);
    expect(change).toMatchObject({ kind: 'user', makerId: userId, status: 'in-review' });
    const check = await openTask(change.workflowId, 'checkChange');
    expect(check.candidateRoles).toEqual(['admin', 'hr']);
    // Asked again while it waits: still one request.
    await anonymous(stack.baseUrl).post(`${API}/auth/forgot-password`, { username });
    const reset = await people.admin.post(`${API}/users/${userId}/password-reset`);
    expect(reset.status).toBe(200);
    expect(await resultOf(change.workflowId)).toMatchObject({ status: 'applied', checkedBy: people.admin.user.displayName });
    expect(await stack.db.select({ id: dataChanges.id }).from(dataChanges).where(and(eq(dataChanges.recordId, userId), eq(dataChanges.action, 'reset-password')))).toHaveLength(1);
  }, 60_000);
});

describe("a supplier's staff account through review (P5.1b)", () => {
  it('role vendor, linked to the supplier: bad input named, a draft changes nothing, the maker cannot approve it, checked and approved by management; history', async () => {
    const username = `cctv-${randomUUID().slice(0, 8)}`;
    const userId = `u-${username}`;
    const entry = { action: 'create', supplierId: 'v-cctv', user: { displayName: '维保工程师 测试 Test Engineer', username } };
    expectProblem(await people.admin.post(`${API}/supplier-staff-changes`, { ...entry, changeId: randomUUID(), user: { ...entry.user, username: '1 bad' } }), 400, 'request.body-invalid', 'user.username');
    expectProblem(await people.admin.post(`${API}/supplier-staff-changes`, { ...entry, changeId: randomUUID(), supplierId: 'v-nobody' }), 422, 'change.invalid', 'user.vendorId');
    expectProblem(await people.hr.post(`${API}/supplier-staff-changes`, { ...entry, changeId: randomUUID() }), 403, 'auth.needs-role');

    const changeId = randomUUID();
    const submitted = await people.admin.post(`${API}/supplier-staff-changes`, { ...entry, changeId });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { workflowId } = submitted.body as { workflowId: string };
    started.push(workflowId);
    const check = await openTask(workflowId, 'checkChange');
    expect((check.context as { diff: unknown }).diff).toEqual(expect.arrayContaining([{ field: 'user.vendorId', before: null, after: '海视安防维保 Haishi CCTV Service' }]));
    expect(await userRow(userId)).toBeUndefined();
    expectProblem(await people.admin.post(`${API}/tasks/${encodeURIComponent(check.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-change');
    await decide(people.hr, check.id, { decision: 'approved' });
    // A new account's roles need management too.
    await decide(people.manager, (await openTask(workflowId, 'approveChange')).id, { decision: 'approved' });
    expect(await resultOf(workflowId)).toMatchObject({ status: 'applied', approvedBy: people.manager.user.displayName });
    expect(await userRow(userId)).toMatchObject({ roles: ['vendor'], vendorId: 'v-cctv', department: null, active: true, mustChangePassword: true });
    const history = (await people.admin.get(`${API}/users/${userId}/history`)).body.items;
    expect(history).toEqual([expect.objectContaining({ outcome: 'applied', kind: 'user', action: 'create', maker: expect.objectContaining({ id: 'u-admin' }), checker: expect.objectContaining({ id: 'u-hr' }) })]);
  }, 90_000);
});
