import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, asc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { decodeCursor, page } from './cursor';
import { nameReferences, referencesOf, type WantedReferences } from './task-references';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, forbidden, HttpProblem, notFound, serviceUnavailable, unprocessable } from '../http/problem';
import { nameTitle } from '../../contracts/labels';
import { canOnAny, isChangeSubject, isEarlierActor, isTaskCandidate } from '../../contracts/permissions';
import type { FieldFault } from '../../contracts/problem-texts';
import type { TaskSummary, TaskView, WorklistFilters } from '../../contracts/tasks';
import { taskActions, tasks, users } from '../../db/schema';
import { notifyTaskChanged } from '../../domain/task-channel';
import { completeTaskUpdate, type TaskRejection } from '../../workflows/lib/messages';

type TaskRow = Omit<typeof tasks.$inferSelect, 'result'> & { assigneeName: string | null };

const summaryColumns = {
  id: tasks.id,
  workflowId: tasks.workflowId,
  process: tasks.process,
  stepId: tasks.stepId,
  title: tasks.title,
  status: tasks.status,
  candidateRoles: tasks.candidateRoles,
  candidateUsers: tasks.candidateUsers,
  assignee: tasks.assignee,
  assigneeName: users.displayName,
  priority: tasks.priority,
  dueAt: tasks.dueAt,
  createdAt: tasks.createdAt,
  completedAt: tasks.completedAt,
  completedBy: tasks.completedBy,
};
const taskColumns = { ...summaryColumns, formSchema: tasks.formSchema, context: tasks.context };

function toSummary(row: Omit<TaskRow, 'context' | 'formSchema'>, now = Date.now()): TaskSummary {
  return {
    id: row.id,
    workflowId: row.workflowId,
    process: row.process,
    stepId: row.stepId,
    title: row.title,
    status: row.status,
    candidateRoles: row.candidateRoles,
    candidateUsers: row.candidateUsers,
    assignee: row.assignee,
    assigneeName: row.assigneeName,
    priority: row.priority,
    dueAt: row.dueAt.toISOString(),
    overdue: row.status === 'open' && row.dueAt.getTime() < now,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    completedBy: row.completedBy,
  };
}

/** The task as its reader sees it: the ids its title and context hold are named (`references`). */
async function toView(ctx: ApiContext, row: TaskRow): Promise<TaskView> {
  const context = row.context as Record<string, unknown>;
  const references = await nameReferences(ctx, referencesOf({ process: row.process, title: row.title, context }));
  return { ...toSummary(row), title: nameTitle(row.title, references), context, formSchema: row.formSchema as Record<string, unknown>, references };
}

const isCandidate = (user: Pick<SessionUser, 'id' | 'roles'>, task: Pick<TaskRow, 'candidateRoles' | 'candidateUsers'>) => isTaskCandidate({ userId: user.id, roles: user.roles }, task);

/** task.read: its roles see every task; anyone else the tasks they are a candidate for or assigned (the task-candidate rule). */
export const maySee = (user: SessionUser, task: Pick<TaskRow, 'candidateRoles' | 'candidateUsers' | 'assignee'>) =>
  canOnAny(user, 'task.read') || isCandidate(user, task) || task.assignee === user.id;

/** maySee as a query condition, for the lists: the same rule, each clause in its SQL form (test/permissions.test.ts compares them). */
function visibleTo(user: SessionUser): SQL | undefined {
  if (canOnAny(user, 'task.read')) return undefined;
  return or(
    sql`${tasks.candidateRoles} && ${sql.param(user.roles)}::text[]`,
    sql`${tasks.candidateUsers} @> array[${user.id}]::text[]`,
    eq(tasks.assignee, user.id),
  );
}

const selectTasks = (ctx: ApiContext) =>
  ctx.db.select(taskColumns).from(tasks).leftJoin(users, eq(users.id, tasks.assignee)).$dynamic();

/** The worklist: tasks the user may see, in due order, a keyset page at a time. */
export async function listWorklist(ctx: ApiContext, user: SessionUser, filters: WorklistFilters) {
  const cursor = decodeCursor(filters.cursor);
  const now = new Date();
  const endOf = (days: number) => new Date(now.getTime() + days * 86_400_000);
  const conditions = [
    filters.status === 'all' ? undefined : eq(tasks.status, filters.status),
    visibleTo(user),
    filters.process ? eq(tasks.process, filters.process) : undefined,
    filters.step ? eq(tasks.stepId, filters.step) : undefined,
    filters.due === 'overdue' ? lt(tasks.dueAt, now) : undefined,
    filters.due === 'today' ? lt(tasks.dueAt, endOf(1)) : undefined,
    filters.due === 'week' ? lt(tasks.dueAt, endOf(7)) : undefined,
    filters.assignee === 'me' ? eq(tasks.assignee, user.id) : undefined,
    filters.assignee === 'unassigned' ? isNull(tasks.assignee) : undefined,
    filters.workflowId ? inArray(tasks.workflowId, filters.workflowId) : undefined,
    cursor ? sql`(${tasks.dueAt}, ${tasks.id}) > (${cursor[0].toISOString()}::timestamptz, ${cursor[1]})` : undefined,
  ];
  const rows = await ctx.db
    .select(summaryColumns)
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assignee))
    .where(and(...conditions))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(filters.limit + 1);
  const wanted: WantedReferences = new Map();
  for (const row of rows) referencesOf(row, wanted);
  const names = await nameReferences(ctx, wanted);
  const views = rows.map((row) => ({ ...toSummary(row, now.getTime()), title: nameTitle(row.title, names) }));
  return page(views, filters.limit, (task) => [task.dueAt, task.id]);
}

/** Tasks as the worklist shows them, by id (the live stream's read of what changed); who may see each is the caller's to check. */
export async function taskSummaries(ctx: ApiContext, taskIds: string[]): Promise<TaskSummary[]> {
  if (taskIds.length === 0) return [];
  const rows = await ctx.db.select(summaryColumns).from(tasks).leftJoin(users, eq(users.id, tasks.assignee)).where(inArray(tasks.id, taskIds));
  const now = Date.now();
  return rows.map((row) => toSummary(row, now));
}

async function findVisibleTask(ctx: ApiContext, user: SessionUser, taskId: string): Promise<TaskRow> {
  const [row] = await selectTasks(ctx).where(eq(tasks.id, taskId));
  // A task the user may not see is reported as missing, so ids reveal nothing.
  if (!row || !maySee(user, row)) throw notFound('task.unknown', { taskId });
  return row;
}

export async function getTask(ctx: ApiContext, user: SessionUser, taskId: string): Promise<TaskView> {
  return toView(ctx, await findVisibleTask(ctx, user, taskId));
}

function requireOpen(task: TaskRow) {
  if (task.status !== 'open') throw conflict('task.not-open', { taskId: task.id, status: task.status }, [{ field: 'status', message: 'task-status', params: { status: task.status } }]);
}

async function recordAction(ctx: ApiContext, task: TaskRow, action: 'claimed' | 'released' | 'reassigned', actor: SessionUser, detail?: unknown) {
  await ctx.db.insert(taskActions).values({ taskId: task.id, workflowId: task.workflowId, action, actor: actor.displayName, detail });
}

/** Sets the assignee only if it is still what we read: two people claiming at once, one wins. */
async function swapAssignee(ctx: ApiContext, task: TaskRow, assignee: string | null): Promise<boolean> {
  const updated = await ctx.db
    .update(tasks)
    .set({ assignee })
    .where(and(eq(tasks.id, task.id), eq(tasks.status, 'open'), task.assignee ? eq(tasks.assignee, task.assignee) : isNull(tasks.assignee)))
    .returning({ id: tasks.id });
  if (updated.length !== 1) return false;
  await notifyTaskChanged(ctx.db, task.id);
  return true;
}

export async function claimTask(ctx: ApiContext, user: SessionUser, taskId: string): Promise<TaskView> {
  const task = await findVisibleTask(ctx, user, taskId);
  requireOpen(task);
  if (!isCandidate(user, task)) throw forbidden('task.not-candidate', { stepId: task.stepId });
  if (isEarlierActor({ userId: user.id }, task)) throw forbidden('task.own-change');
  if (isChangeSubject({ userId: user.id }, task)) throw forbidden('task.own-account');
  if (task.assignee === user.id) return toView(ctx, task);
  if (task.assignee) throw conflict('task.claimed-by-other', { taskId, name: task.assigneeName ?? task.assignee }, [{ field: 'assignee', message: 'already-claimed' }]);
  if (!(await swapAssignee(ctx, task, user.id))) throw conflict('task.claimed-just-now', { taskId });
  await recordAction(ctx, task, 'claimed', user);
  return getTask(ctx, user, taskId);
}

export async function releaseTask(ctx: ApiContext, user: SessionUser, taskId: string): Promise<TaskView> {
  const task = await findVisibleTask(ctx, user, taskId);
  requireOpen(task);
  if (!task.assignee) return toView(ctx, task);
  if (task.assignee !== user.id && !canOnAny(user, 'task.release')) throw forbidden('task.release-not-yours');
  if (!(await swapAssignee(ctx, task, null))) throw conflict('task.changed', { taskId });
  await recordAction(ctx, task, 'released', user);
  return getTask(ctx, user, taskId);
}

export async function reassignTask(ctx: ApiContext, user: SessionUser, taskId: string, assigneeId: string): Promise<TaskView> {
  const task = await findVisibleTask(ctx, user, taskId);
  requireOpen(task);
  const [assignee] = await ctx.db
    .select({ id: users.id, roles: users.roles, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.id, assigneeId), eq(users.active, true)));
  if (!assignee) throw unprocessable('task.no-such-user', [{ field: 'assignee', message: 'unknown-user' }]);
  if (!isCandidate(assignee, task) || isEarlierActor({ userId: assignee.id }, task) || isChangeSubject({ userId: assignee.id }, task)) {
    throw unprocessable('task.not-candidate-user', { name: assignee.displayName, stepId: task.stepId }, [{ field: 'assignee', message: 'not-a-candidate' }]);
  }
  if (!(await swapAssignee(ctx, task, assignee.id))) throw conflict('task.changed', { taskId });
  await recordAction(ctx, task, 'reassigned', user, { to: assignee.displayName });
  return getTask(ctx, user, taskId);
}

/** The process's refusal of a completion, as the caller's problem; the fields at fault come keyed from the step's form. */
const rejectionStatus: Record<TaskRejection, (task: TaskRow, fields: FieldFault[]) => HttpProblem> = {
  UnknownTask: (task) => notFound('task.unknown', { taskId: task.id }),
  TaskClosed: (task) => conflict('task.not-open', { taskId: task.id, status: 'closed' }, [{ field: 'status', message: 'closed' }]),
  NotCandidate: (task) => forbidden('task.not-candidate', { stepId: task.stepId }),
  InvalidPayload: (task, fields) => unprocessable('task.form-invalid', { stepId: task.stepId }, fields.map((field) => ({ ...field, field: `payload.${field.field}` }))),
};

/** gRPC's status code for an update the server could not deliver to the run it met (WorkflowNotReady). */
const FAILED_PRECONDITION = 9;
/**
 * How long a completion the process could not take yet is sent again. The server answers FAILED_PRECONDITION when
 * the update met the run continuing as new (the next run adopted the task) or when the workflow task that carried
 * it failed (its worker died: the next worker takes the workflow after its task times out).
 */
const NOT_READY_MS = 30_000;
/**
 * How long a completion its process does not know yet is tried again while the task's row is still open. A worker
 * that took over from one that died replays the process's history first; until the replay reaches the step, the
 * process refuses the task it has already written (UnknownTask).
 */
const CATCH_UP_MS = 10_000;
const PAUSE_MS = { first: 100, longest: 1_000 };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The rejection of a failed `completeTask` update (UnknownTask, TaskClosed …), if it is one. */
function rejectionOf(error: unknown): ApplicationFailure | undefined {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type && cause.type in rejectionStatus ? cause : undefined;
}

const notReady = (error: unknown) => error instanceof ServiceError && (error.cause as { code?: number } | undefined)?.code === FAILED_PRECONDITION;

/**
 * Sends the completion under one update id, so whatever the tries it is applied once (a refused or undelivered
 * update leaves nothing behind). Sent again while the process is not ready for it (NOT_READY_MS) and while it does
 * not know the task yet but the task's row is open (CATCH_UP_MS), each counted from the first such answer.
 * Returns false when the row closed meanwhile.
 */
async function sendCompletion(ctx: ApiContext, user: SessionUser, task: TaskRow, payload: unknown): Promise<boolean> {
  const update = () =>
    ctx.temporal.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, actor: { userId: user.id, displayName: user.displayName, roles: user.roles }, payload }],
      updateId: `${task.id}:${user.id}`,
    });
  const deadlines: { notReady?: number; unknown?: number } = {};
  for (let pauseMs = PAUSE_MS.first; ; pauseMs = Math.min(pauseMs * 2, PAUSE_MS.longest)) {
    try {
      await update();
      return true;
    } catch (error) {
      if (notReady(error)) {
        deadlines.notReady ??= Date.now() + NOT_READY_MS;
        if (Date.now() >= deadlines.notReady) throw serviceUnavailable('task.not-ready', 5);
      } else if (rejectionOf(error)?.type === 'UnknownTask') {
        deadlines.unknown ??= Date.now() + CATCH_UP_MS;
        const [row] = await ctx.db.select({ status: tasks.status }).from(tasks).where(eq(tasks.id, task.id));
        if (row && row.status !== 'open') return false;
        if (!row || Date.now() >= deadlines.unknown) throw error;
      } else throw error;
      await pause(pauseMs);
    }
  }
}

/** Completes a task through the process's `completeTask` update; a retry by the same person is applied once. */
export async function completeTask(ctx: ApiContext, user: SessionUser, taskId: string, payload: unknown): Promise<TaskView> {
  const task = await findVisibleTask(ctx, user, taskId);
  if (task.status === 'completed' && task.completedBy === user.id) return toView(ctx, task);
  requireOpen(task);
  // Four eyes (P5.1b): whoever entered or already checked a change does not decide it, whatever roles they hold.
  if (isEarlierActor({ userId: user.id }, task)) throw forbidden('task.own-change');
  if (isChangeSubject({ userId: user.id }, task)) throw forbidden('task.own-account');
  if (task.assignee && task.assignee !== user.id) {
    throw conflict('task.claimed-by-other', { taskId, name: task.assigneeName ?? task.assignee }, [{ field: 'assignee', message: 'claimed-by-other' }]);
  }
  try {
    // Closed while the process caught up: answered as any completion of a closed task is.
    if (!(await sendCompletion(ctx, user, task, payload))) {
      const closed = await findVisibleTask(ctx, user, taskId);
      if (closed.status === 'completed' && closed.completedBy === user.id) return toView(ctx, closed);
      requireOpen(closed);
    }
  } catch (error) {
    const rejection = rejectionOf(error);
    if (rejection) throw rejectionStatus[rejection.type as TaskRejection](task, (rejection.details ?? []) as FieldFault[]);
    if (error instanceof WorkflowNotFoundError) throw conflict('task.process-ended', { taskId });
    throw error;
  }
  return getTask(ctx, user, taskId);
}

export async function listCandidates(ctx: ApiContext, role: string) {
  const rows = await ctx.db
    .select({ id: users.id, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(and(eq(users.active, true), sql`${role} = any(${users.roles})`))
    .orderBy(asc(users.displayName));
  return { items: rows };
}
