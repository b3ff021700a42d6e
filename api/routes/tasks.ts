import { z } from 'zod';
import { ACCESS_PROCESSES, ROLES } from '../../contracts/permissions';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { subjectsOf } from '../use-cases/access-log';
import {
  claimTask,
  completeTask,
  getTask,
  listCandidates,
  listWorklist,
  reassignTask,
  releaseTask,
  taskSummary,
  taskView,
  worklistFilters,
} from '../use-cases/worklist';

const taskPage = z.object({ items: z.array(taskSummary), nextCursor: z.string().nullable() });

export const taskRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/tasks',
    summary: 'The worklist: tasks the user is a candidate for, in due order (keyset pages)',
    access: 'task.read',
    query: worklistFilters,
    response: taskPage,
    handle: ({ user, query }) => listWorklist(ctx, user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/tasks/:taskId',
    summary: 'One task with its form schema',
    access: 'task.read',
    response: taskView,
    personalData: {
      kind: 'task-context',
      scope: 'record',
      read: ({ params, result }) => (ACCESS_PROCESSES.includes(result.process) ? { recordIds: [params.taskId], subjectIds: subjectsOf(result.context) } : null),
    },
    handle: ({ user, params }) => getTask(ctx, user, params.taskId),
  }),
  defineRoute({
    method: 'post',
    path: '/tasks/:taskId/claim',
    summary: 'Claim a task',
    access: 'task.claim',
    response: taskView,
    handle: ({ user, params }) => claimTask(ctx, user, params.taskId),
  }),
  defineRoute({
    method: 'post',
    path: '/tasks/:taskId/release',
    summary: 'Release a claimed task',
    access: 'task.release',
    response: taskView,
    handle: ({ user, params }) => releaseTask(ctx, user, params.taskId),
  }),
  defineRoute({
    method: 'post',
    path: '/tasks/:taskId/reassign',
    summary: 'Reassign a task to another candidate (supervisors)',
    access: 'task.reassign',
    body: z.object({ assignee: z.string().min(1) }),
    response: taskView,
    handle: ({ user, params, body }) => reassignTask(ctx, user, params.taskId, body.assignee),
  }),
  defineRoute({
    method: 'post',
    path: '/tasks/:taskId/complete',
    summary: "Complete a task with its form's payload",
    access: 'task.complete',
    body: z.object({ payload: z.record(z.string(), z.unknown()) }),
    response: z.object({ task: taskView }),
    handle: async ({ user, params, body }) => ({ task: await completeTask(ctx, user, params.taskId, body.payload) }),
  }),
  defineRoute({
    method: 'get',
    path: '/users',
    summary: 'Active users holding a role (to reassign a task)',
    access: 'task.reassign',
    query: z.object({ role: z.enum(ROLES) }),
    response: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()) })) }),
    handle: ({ query }) => listCandidates(ctx, query.role),
  }),
];
