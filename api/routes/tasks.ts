import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { taskStream } from '../http/task-stream';
import { subjectsOf } from '../use-cases/access-log';
import { claimTask, completeTask, getTask, listCandidates, listWorklist, reassignTask, releaseTask } from '../use-cases/worklist';
import { listOf, pageOf } from '../../contracts/common';
import { ACCESS_PROCESSES } from '../../contracts/permissions';
import { candidateQuery, candidateUser, completeRequest, reassignRequest, taskCompleted, taskSummary, taskView, worklistFilters } from '../../contracts/tasks';

export const taskRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/tasks',
    summary: 'The worklist: tasks the user is a candidate for, in due order (keyset pages)',
    access: 'task.read',
    query: worklistFilters,
    response: pageOf(taskSummary),
    handle: ({ user, query }) => listWorklist(ctx, user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/tasks/stream',
    summary: 'The worklist live: each task the user may see, as it is opened, claimed or closed (server-sent events: ready, task)',
    access: 'task.read',
    raw: { contentType: 'text/event-stream' },
    handle: async ({ user, res }) => {
      await taskStream(ctx).attach(res, user);
    },
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
    body: reassignRequest,
    response: taskView,
    handle: ({ user, params, body }) => reassignTask(ctx, user, params.taskId, body.assignee),
  }),
  defineRoute({
    method: 'post',
    path: '/tasks/:taskId/complete',
    summary: "Complete a task with its form's payload",
    access: 'task.complete',
    body: completeRequest,
    response: taskCompleted,
    handle: async ({ user, params, body }) => ({ task: await completeTask(ctx, user, params.taskId, body.payload) }),
  }),
  defineRoute({
    method: 'get',
    path: '/users',
    summary: 'Active users holding a role (to reassign a task)',
    access: 'task.reassign',
    query: candidateQuery,
    response: listOf(candidateUser),
    handle: ({ query }) => listCandidates(ctx, query.role),
  }),
];
