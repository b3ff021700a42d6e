import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, asc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { decodeCursor, page } from './cursor';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, forbidden, HttpProblem, notFound, unprocessable } from '../http/problem';
import { canOnAny, isTaskCandidate } from '../../contracts/permissions';
import type { FieldFault } from '../../contracts/problem-texts';
import type { TaskSummary, TaskView, WorklistFilters } from '../../contracts/tasks';
import { taskActions, tasks, users } from '../../db/schema';
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

function toView(row: TaskRow): TaskView {
  return { ...toSummary(row), context: row.context as Record<string, unknown>, formSchema: row.formSchema as Record<string, unknown> };
}

const isCandidate = (user: Pick<SessionUser, 'id' | 'roles'>, task: Pick<TaskRow, 'candidateRoles' | 'candidateUsers'>) => isTaskCandidate({ userId: user.id, roles: user.roles }, task);

/** task.read: its roles see every task; anyone else the tasks they are a candidate for or assigned (the task-candidate rule). */
const maySee = (user: SessionUser, task: Pick<TaskRow, 'candidateRoles' | 'candidateUsers' | 'assignee'>) =>
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
    cursor ? sql`(${tasks.dueAt}, ${tasks.id}) > (${cursor[0].toISOString()}::timestamptz, ${cursor[1]})` : undefined,
  ];
  const rows = await ctx.db
    .select(summaryColumns)
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assignee))
    .where(and(...conditions))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(filters.limit + 1);
  const views = rows.map((row) => toSummary(row, now.getTime()));
  return page(views, filters.limit, (task) => [task.dueAt, task.id]);
}

async function findVisibleTask(ctx: ApiContext, user: SessionUser, taskId: string): Promise<TaskRow> {
  const [row] = await selectTasks(ctx).where(eq(tasks.id, taskId));
  // A task the user may not see is reported as missing, so ids reveal nothing.
  if (!row || !maySee(user, row)) throw notFound('task.unknown', { taskId });
  return row;
}

export async function getTask(ctx: ApiContext, user: SessionUser, taskId: string): Promise<TaskView> {
  return toView(await findVisibleTask(ctx, user, taskId));
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
  return updated.length === 1;
}

export async function claimTask(ctx: ApiContext, user: SessionUser, taskId: string): Promise<TaskView> {
  const task = await findVisibleTask(ctx, user, taskId);
  requireOpen(task);
  if (!isCandidate(user, task)) throw forbidden('task.not-candidate', { stepId: task.stepId });
  if (task.assignee === user.id) return toView(task);
  if (task.assignee) throw conflict('task.claimed-by-other', { taskId, name: task.assigneeName ?? task.assignee }, [{ field: 'assignee', message: 'already-claimed' }]);
  if (!(await swapAssignee(ctx, task, user.id))) throw conflict('task.claimed-just-now', { taskId });
  await recordAction(ctx, task, 'claimed', user);
  return getTask(ctx, user, taskId);
}

export async function releaseTask(ctx: ApiContext, user: SessionUser, taskId: string): Promise<TaskView> {
  const task = await findVisibleTask(ctx, user, taskId);
  requireOpen(task);
  if (!task.assignee) return toView(task);
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
  if (!isCandidate(assignee, task)) {
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

/** Tries of a task's completion that met its process continuing as new. */
const UPDATE_ATTEMPTS = 4;
/** gRPC's status code for an update the server could not deliver to the run it met. */
const FAILED_PRECONDITION = 9;

/** Completes a task through the process's `completeTask` update; a retry by the same person is applied once. */
export async function completeTask(ctx: ApiContext, user: SessionUser, taskId: string, payload: unknown): Promise<TaskView> {
  const task = await findVisibleTask(ctx, user, taskId);
  if (task.status === 'completed' && task.completedBy === user.id) return toView(task);
  requireOpen(task);
  if (task.assignee && task.assignee !== user.id) {
    throw conflict('task.claimed-by-other', { taskId, name: task.assigneeName ?? task.assignee }, [{ field: 'assignee', message: 'claimed-by-other' }]);
  }
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await ctx.temporal.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
          args: [{ taskId, actor: { userId: user.id, displayName: user.displayName, roles: user.roles }, payload }],
          updateId: `${taskId}:${user.id}`,
        });
        break;
      } catch (error) {
        // The update met the run as it continued as new (the server answers FAILED_PRECONDITION): sent again under
        // the same id, it reaches the next run, which adopted the task; it is applied once whatever happened.
        if (attempt >= UPDATE_ATTEMPTS || !(error instanceof ServiceError && (error.cause as { code?: number } | undefined)?.code === FAILED_PRECONDITION)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } catch (error) {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type && cause.type in rejectionStatus) {
      throw rejectionStatus[cause.type as TaskRejection](task, (cause.details ?? []) as FieldFault[]);
    }
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
