import { randomBytes, randomUUID } from 'node:crypto';
import { and, arrayContains, asc, eq, gt, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Page } from '../../contracts/common';
import type { DataChangeView, HistoryEntry } from '../../contracts/data-review';
import type { FieldFault } from '../../contracts/problem-texts';
import { newUserId, passwordFaults, PASSWORD_RULES, type PasswordChangeRequest, type StaffUserListQuery, type StaffUserView, type SupplierStaffChangeRequest, type UserChangeProposal, type UserChangeRequest } from '../../contracts/staff-users';
import { dataChangeHistory, dataChanges, loginAttempts, tasks, users } from '../../db/schema';
import { historyOf } from '../../domain/master-data';
import { endSessions, reviewUserChange, type StoredUserProposal } from '../../domain/staff-users';
import { dataReviewProcess } from '../../workflows/data-review/definition';
import type { DataReviewInput } from '../../workflows/data-review/messages';
import { DATA_REVIEW_STEPS } from '../../workflows/data-review/steps';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { tokenHashOf, type SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, forbidden, notFound, unprocessable } from '../http/problem';
import { getChange, returnedChangeOf } from './data-review';
import { countAttempt } from './sign-in';
import { startProcess } from './start-process';
import { completeTask } from './worklist';
import { containing } from '../../db/like-pattern';

type ChangeRow = typeof dataChanges.$inferSelect;
type Maker = { id: string; displayName: string };

/** The proposal as its draft keeps it: a new user's id is `u-<username>`. */
const storedUserProposal = (proposal: UserChangeProposal): StoredUserProposal =>
  proposal.action === 'create' ? { action: 'create', userId: newUserId(proposal.user.username), user: proposal.user } : proposal;

/** P5.1a: the checks that read the register (the username not taken, the user exists and is or is not in use), as a 422 naming each field. */
async function requireStandard(ctx: ApiContext, stored: StoredUserProposal) {
  const { checks } = await reviewUserChange(ctx.db, stored);
  const faults: FieldFault[] = checks.filter((check) => !check.passed).map((check) => ({ field: check.field, message: check.rule }));
  if (faults.length) throw unprocessable('change.invalid', faults);
}

const sameChange = (row: ChangeRow, maker: Maker, stored: StoredUserProposal) => row.kind === 'user' && row.makerId === maker.id && row.action === stored.action && row.recordId === stored.userId;

/** A change to a staff user kept as a draft that changes nothing, and its review started; idempotent on the change id. */
async function submit(ctx: ApiContext, maker: Maker, changeId: string, stored: StoredUserProposal): Promise<{ changeId: string; workflowId: string }> {
  const workflowId = dataReviewProcess.workflowId(changeId);
  const [existing] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
  if (existing && !sameChange(existing, maker, stored)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
  if (!existing) {
    await requireStandard(ctx, stored);
    const now = new Date();
    const inserted = await ctx.db
      .insert(dataChanges)
      .values({ id: changeId, workflowId, kind: 'user', action: stored.action, recordId: stored.userId, makerId: maker.id, makerName: maker.displayName, status: 'in-review', proposal: stored, submittedAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: dataChanges.id });
    if (!inserted.length) {
      const [raced] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
      if (!sameChange(raced, maker, stored)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
    }
  }
  const input: DataReviewInput = { changeId, kind: 'user', action: stored.action, userId: stored.userId, maker: { userId: maker.id, displayName: maker.displayName }, timings: ctx.settings.dataReview };
  await startProcess(ctx, dataReviewProcess, { workflowId, input, title: `${stored.userId} 数据变更 Data change`, startedBy: maker.id });
  return { changeId, workflowId };
}

/** P5.1b: a maker's change to a staff user (create, roles or department, disable, enable), reviewed before it applies. */
export async function submitUserChange(ctx: ApiContext, user: SessionUser, request: UserChangeRequest) {
  const { changeId, ...proposal } = request;
  return submit(ctx, user, changeId, storedUserProposal(proposal as UserChangeProposal));
}

/** P5.1b: a supplier's staff member's account (role vendor, linked to the supplier), reviewed like any new account. */
export async function submitSupplierStaffChange(ctx: ApiContext, user: SessionUser, request: SupplierStaffChangeRequest) {
  const { displayName, username } = request.user;
  return submit(ctx, user, request.changeId, { action: 'create', userId: newUserId(username), user: { displayName, username, department: null, roles: ['vendor'], vendorId: request.supplierId } });
}

/** P5.1b: the maker corrects a returned change to a staff user (the same action on the same user) and resubmits it. */
export async function correctUserChange(ctx: ApiContext, user: SessionUser, changeId: string, proposal: UserChangeProposal): Promise<DataChangeView> {
  const { row, taskId } = await returnedChangeOf(ctx, user, changeId);
  const stored = storedUserProposal(proposal);
  if (row.kind !== 'user' || stored.action !== row.action) throw unprocessable('change.invalid', [{ field: 'action', message: 'one-of', params: { values: [row.action] } }]);
  if (stored.userId !== row.recordId) throw unprocessable('change.invalid', [{ field: 'userId', message: 'one-of', params: { values: [row.recordId] } }]);
  await requireStandard(ctx, stored);
  const written = await ctx.db
    .update(dataChanges)
    .set({ proposal: stored, updatedAt: new Date() })
    .where(and(eq(dataChanges.id, changeId), eq(dataChanges.status, 'returned'), eq(dataChanges.revision, row.revision)))
    .returning({ id: dataChanges.id });
  if (!written.length) throw conflict('change.not-returned', { status: 'in-review' }, [{ field: 'status', message: 'not-returned', params: { status: 'in-review' } }]);
  await completeTask(ctx, user, taskId, { decision: 'resubmit' });
  return getChange(ctx, changeId);
}

const staffUserViewOf = (user: typeof users.$inferSelect): StaffUserView => ({
  userId: user.id,
  username: user.username,
  displayName: user.displayName,
  department: user.department as StaffUserView['department'],
  roles: user.roles,
  active: user.active,
  mustChangePassword: user.mustChangePassword,
});

export async function getStaffUser(ctx: ApiContext, userId: string): Promise<StaffUserView> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('user.unknown', { userId });
  return staffUserViewOf(user);
}


/** The staff users (not owners' or suppliers' accounts), a keyset page at a time in user-id order. */
export async function listStaffUsers(ctx: ApiContext, query: StaffUserListQuery): Promise<Page<StaffUserView>> {
  const conditions: Array<SQL | undefined> = [
    isNull(users.ownerId),
    isNull(users.vendorId),
    query.name ? or(ilike(users.displayName, containing(query.name)), ilike(users.username, containing(query.name))) : undefined,
    query.department ? eq(users.department, query.department) : undefined,
    query.role ? arrayContains(users.roles, [query.role]) : undefined,
    query.active === undefined ? undefined : eq(users.active, query.active),
    query.cursor ? gt(users.id, query.cursor) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(staffUserViewOf);
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.userId : null };
}

/** A staff user's history of changes: reviews and password resets, oldest first. */
export async function staffUserHistory(ctx: ApiContext, userId: string): Promise<{ items: HistoryEntry[] }> {
  return { items: await historyOf(ctx.db, { recordId: userId }) };
}

/** A new password against the rules (contracts/staff-users.ts), as a 422 naming `newPassword` and each rule it breaks. */
export function requireRules(password: string, username: string) {
  const faults = passwordFaults(password, username);
  if (faults.length) {
    throw unprocessable(
      'account.weak-password',
      faults.map((message) => ({ field: 'newPassword', message, params: { min: PASSWORD_RULES.minLength, max: PASSWORD_RULES.maxLength } })),
    );
  }
}

/**
 * The holder changes their password: the current one first (counted like a sign-in attempt, H6), then the rules. Their
 * other sessions end; this one goes on, no longer bound to change it.
 */
export async function changeOwnPassword(ctx: ApiContext, user: SessionUser, request: PasswordChangeRequest, token: string | undefined, address: string): Promise<void> {
  await countAttempt(ctx, user.username, address);
  const [row] = await ctx.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(row.passwordHash, request.currentPassword))) {
    throw unprocessable('account.wrong-password', [{ field: 'currentPassword', message: 'wrong-password' }]);
  }
  requireRules(request.newPassword, user.username);
  const passwordHash = await hashPassword(request.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, user.id));
    await tx.delete(loginAttempts).where(eq(loginAttempts.username, user.username));
    await endSessions(tx, user.id, token ? tokenHashOf(token) : undefined);
  });
}

/** A one-time password: 16 characters from 96 random bits. */
const oneTimePassword = () => randomBytes(12).toString('base64url');

/**
 * An administrator resets another user's password (P5.1b: recorded in their history): a one-time password, shown to
 * the administrator once, to be changed at the next sign-in; the user's sessions end. Their request through "forgot
 * password", if any is waiting, is approved by it.
 */
export async function resetPassword(ctx: ApiContext, admin: SessionUser, userId: string): Promise<{ oneTimePassword: string }> {
  if (userId === admin.id) throw forbidden('account.own-reset');
  const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound('user.unknown', { userId });
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, userId));
    await endSessions(tx, userId);
    // An administrator's act, not a review: no process, no checker; the entry keeps who did it and when.
    await tx.insert(dataChangeHistory).values({
      changeId: randomUUID(),
      workflowId: '',
      kind: 'user',
      action: 'reset-password',
      recordId: userId,
      revision: 1,
      outcome: 'applied',
      diff: [{ field: 'user.password', before: null, after: 'reset' }],
      makerId: admin.id,
      makerName: admin.displayName,
      submittedAt: now,
    });
  });
  await answerRequests(ctx, admin, userId);
  return { oneTimePassword: password };
}

/** The user's waiting "forgot password" requests, answered by the reset just done. */
async function answerRequests(ctx: ApiContext, admin: SessionUser, userId: string) {
  const waiting = await ctx.db
    .select({ workflowId: dataChanges.workflowId })
    .from(dataChanges)
    .where(and(eq(dataChanges.kind, 'user'), eq(dataChanges.action, 'reset-password'), eq(dataChanges.recordId, userId), eq(dataChanges.status, 'in-review')));
  if (!waiting.length) return;
  const open = await ctx.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(inArray(tasks.workflowId, waiting.map((change) => change.workflowId)), eq(tasks.stepId, DATA_REVIEW_STEPS.checkChange.id), eq(tasks.status, 'open')));
  for (const task of open) await completeTask(ctx, admin, task.id, { decision: 'approved' });
}

/**
 * "Forgot password" from the sign-in page: a request to the administrators (a review task) for an active user with
 * none waiting. Answered at once and alike whoever is named (no account enumeration); the request is made afterwards.
 */
export function forgotPassword(ctx: ApiContext, username: string): { received: true } {
  void requestReset(ctx, username).catch((error: Error) => console.error(`[accounts] a forgotten-password request failed: ${error.message}`));
  return { received: true };
}

async function requestReset(ctx: ApiContext, username: string): Promise<void> {
  const [user] = await ctx.db.select({ id: users.id, displayName: users.displayName }).from(users).where(and(eq(users.username, username), eq(users.active, true)));
  if (!user) return;
  const [waiting] = await ctx.db
    .select({ id: dataChanges.id })
    .from(dataChanges)
    .where(and(eq(dataChanges.kind, 'user'), eq(dataChanges.action, 'reset-password'), eq(dataChanges.recordId, user.id), inArray(dataChanges.status, ['in-review', 'returned'])));
  if (waiting) return;
  await submit(ctx, user, randomUUID(), { action: 'reset-password', userId: user.id });
}
