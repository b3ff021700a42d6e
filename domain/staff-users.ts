/**
 * Staff users under maker-checker (P1.2, P5.1a–b): the diff and checks a checker sees of a change to a staff user,
 * and the approved change written, with its effects: a disabled user's sessions end and the tasks they claimed go
 * back to their candidates.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DiffRow, StandardCheck } from '../contracts/data-review';
import { ROLE_TITLES, type Role } from '../contracts/permissions';
import type { FieldKey } from '../contracts/problem-texts';
import type { Department } from '../contracts/vocabulary';
import type { Database } from '../db/client';
import { sessions, taskActions, tasks, users, vendors } from '../db/schema';
import { TASK_CHANNEL } from './task-channel';

type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

interface StaffFields {
  displayName: string;
  username: string;
  department: Department;
  roles: Role[];
}

/** A supplier's staff member's account: role vendor, linked to their supplier, in no department of ours. */
interface SupplierStaffFields {
  displayName: string;
  username: string;
  department: null;
  roles: ['vendor'];
  vendorId: string;
}

/** A change to a staff user as its draft keeps it (`reset-password`: the user's own "forgot password" request). */
export type StoredUserProposal =
  | { action: 'create'; userId: string; user: StaffFields | SupplierStaffFields }
  | { action: 'change'; userId: string; user: Partial<Omit<StaffFields, 'username'>> }
  | { action: 'disable' | 'enable'; userId: string; reason: string }
  | { action: 'reset-password'; userId: string };

/** The PostgreSQL channel every API process listens on: a user whose sessions, roles or password changed. */
export const SESSION_CHANNEL = 'steward_user_sessions';

/** A password hash no password matches: a new account is signed in to once an administrator has reset it. */
export const NO_PASSWORD = '!';

/** Roles as people read them in a diff: their names, in the order of the role list. */
export const rolesText = (roles: readonly string[]) =>
  roles.length
    ? Object.keys(ROLE_TITLES)
        .filter((role) => roles.includes(role))
        .map((role) => `${ROLE_TITLES[role as Role]['zh-CN']} ${ROLE_TITLES[role as Role].en}`)
        .join(' / ')
    : null;

export interface UserReview {
  diff: DiffRow[];
  checks: StandardCheck[];
  needsSecondApproval: boolean;
}

/**
 * P5.1a–b: what the change does to the staff user as registered now, field by field, and the standard's checks (the
 * username not taken, the user exists and is or is not in use). A change of roles (a new user's included) needs
 * management's approval second.
 */
export async function reviewUserChange(db: Pick<Database, 'select'>, proposal: StoredUserProposal): Promise<UserReview> {
  const [user] = await db.select().from(users).where(eq(users.id, proposal.userId));
  const checks: StandardCheck[] = [];
  const check = (field: string, rule: FieldKey, passed: boolean) => checks.push({ field, rule, passed });
  const diff: DiffRow[] = [];
  const exists = () => check('userId', 'no-such-user', !!user);
  // Somebody must be left to administer: the last active administrator is neither disabled nor loses the role.
  const anotherAdmin = async () => {
    const [other] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.active, true), sql`'admin' = any(${users.roles})`, ne(users.id, proposal.userId)))
      .limit(1);
    return !!other;
  };
  const activeAdmin = !!user?.active && user.roles.includes('admin');
  switch (proposal.action) {
    case 'create': {
      const fields = proposal.user;
      const [holder] = await db.select({ id: users.id }).from(users).where(eq(users.username, fields.username));
      check('user.username', 'taken', !holder);
      check('userId', 'taken', !user);
      diff.push(
        { field: 'user.displayName', before: null, after: fields.displayName },
        { field: 'user.username', before: null, after: fields.username },
        ...('vendorId' in fields ? [] : [{ field: 'user.department', before: null, after: fields.department }]),
        { field: 'user.roles', before: null, after: rolesText(fields.roles) },
      );
      if ('vendorId' in fields) {
        const [supplier] = await db.select({ name: vendors.name }).from(vendors).where(eq(vendors.id, fields.vendorId));
        check('user.vendorId', 'no-such-supplier', !!supplier);
        diff.push({ field: 'user.vendorId', before: null, after: supplier?.name ?? fields.vendorId });
      }
      return { diff, checks, needsSecondApproval: true };
    }
    case 'change': {
      exists();
      if (user) check('userId', 'user-disabled', user.active);
      const fields = proposal.user;
      if (fields.displayName !== undefined) diff.push({ field: 'user.displayName', before: user?.displayName ?? null, after: fields.displayName });
      if (fields.department !== undefined) diff.push({ field: 'user.department', before: user?.department ?? null, after: fields.department });
      if (fields.roles !== undefined) diff.push({ field: 'user.roles', before: rolesText(user?.roles ?? []), after: rolesText(fields.roles) });
      check('user', 'change-something', diff.some((row) => row.before !== row.after));
      if (activeAdmin && fields.roles !== undefined && !fields.roles.includes('admin')) check('user.roles', 'last-admin', await anotherAdmin());
      const rolesChange = diff.some((row) => row.field === 'user.roles' && row.before !== row.after);
      return { diff, checks, needsSecondApproval: rolesChange };
    }
    case 'disable':
    case 'enable': {
      exists();
      const enabling = proposal.action === 'enable';
      if (user) check('userId', enabling ? 'user-active' : 'user-disabled', enabling ? !user.active : user.active);
      if (!enabling && activeAdmin) check('userId', 'last-admin', await anotherAdmin());
      diff.push({ field: 'user.active', before: user?.active ?? null, after: enabling });
      return { diff, checks, needsSecondApproval: false };
    }
    case 'reset-password':
      exists();
      if (user) check('userId', 'user-disabled', user.active);
      diff.push({ field: 'user.password', before: null, after: 'reset-requested' });
      return { diff, checks, needsSecondApproval: false };
  }
}

/** Tells every API process the user's sessions must be read again (ended, or their roles changed): delivered on commit. */
export const notifyUserChanged = (db: Pick<Database, 'execute'>, userId: string) => db.execute(sql`select pg_notify(${SESSION_CHANNEL}, ${userId})`);

/**
 * Ends the user's sessions (P5.1b effects): every session row goes, and the API processes drop what they remember of
 * them when this commits.
 */
export async function endSessions(tx: Executor, userId: string, except?: string): Promise<void> {
  await tx.delete(sessions).where(except ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, except)) : eq(sessions.userId, userId));
  await notifyUserChanged(tx, userId);
}

/** The open tasks the user claimed go back to their candidates (unclaimed; candidates as they were). */
async function releaseClaims(tx: Executor, userId: string, why: string): Promise<void> {
  const released = await tx
    .update(tasks)
    .set({ assignee: null })
    .where(and(eq(tasks.assignee, userId), eq(tasks.status, 'open')))
    .returning({ id: tasks.id, workflowId: tasks.workflowId });
  if (!released.length) return;
  await tx.insert(taskActions).values(released.map((task) => ({ taskId: task.id, workflowId: task.workflowId, action: 'released' as const, actor: 'Steward', detail: { reason: why } })));
  for (const task of released) await tx.execute(sql`select pg_notify(${TASK_CHANNEL}, ${task.id})`);
}

/** P5.1b: writes an approved change to a staff user (in the caller's transaction), with its effects. */
export async function writeUserChange(tx: Executor, proposal: StoredUserProposal): Promise<void> {
  switch (proposal.action) {
    case 'create':
      await tx.insert(users).values({ id: proposal.userId, ...proposal.user, passwordHash: NO_PASSWORD, mustChangePassword: true });
      break;
    case 'change':
      await tx.update(users).set(proposal.user).where(eq(users.id, proposal.userId));
      // Roles are read again on the user's next request.
      await notifyUserChanged(tx, proposal.userId);
      break;
    case 'disable':
      await tx.update(users).set({ active: false }).where(eq(users.id, proposal.userId));
      await endSessions(tx, proposal.userId);
      await releaseClaims(tx, proposal.userId, 'user-disabled');
      break;
    case 'enable':
      await tx.update(users).set({ active: true }).where(eq(users.id, proposal.userId));
      break;
    case 'reset-password':
      // Granted by the administrator's reset (accounts), which hands over the one-time password; the approval records it.
      break;
  }
}
