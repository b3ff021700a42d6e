import { listOf, pageOf } from '../../contracts/common';
import { candidateQuery, candidateUser, completeRequest, reassignRequest, taskCompleted, taskSummary, taskView, worklistFilters } from '../../contracts/tasks';
import { ACCESS_PROCESSES, SUPERVISOR_ROLES } from '../../workflows/lib/roles';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { subjectsOf } from '../use-cases/access-log';
import { claimTask, completeTask, getTask, listCandidates, listWorklist, reassignTask, releaseTask } from '../use-cases/worklist';

export const taskRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/tasks',
    summary: 'The worklist: tasks the user is a candidate for, in due order (keyset pages)',
    access: 'signed-in',
    query: worklistFilters,
    response: pageOf(taskSummary),
    handle: ({ user, query }) => listWorklist(ctx, user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/tasks/:taskId',
    summary: 'One task with its form schema',
    access: 'signed-in',
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
    access: 'signed-in',
    response: taskView,
    handle: ({ user, params }) => claimTask(ctx, user, params.taskId),
  }),
  defineRoute({
    method: 'post',
    path: '/tasks/:taskId/release',
    summary: 'Release a claimed task',
    access: 'signed-in',
    response: taskView,
    handle: ({ user, params }) => releaseTask(ctx, user, params.taskId),
  }),
  defineRoute({
    method: 'post',
    path: '/tasks/:taskId/reassign',
    summary: 'Reassign a task to another candidate (supervisors)',
    access: SUPERVISOR_ROLES,
    body: reassignRequest,
    response: taskView,
    handle: ({ user, params, body }) => reassignTask(ctx, user, params.taskId, body.assignee),
  }),
  defineRoute({
    method: 'post',
    path: '/tasks/:taskId/complete',
    summary: "Complete a task with its form's payload",
    access: 'signed-in',
    body: completeRequest,
    response: taskCompleted,
    handle: async ({ user, params, body }) => ({ task: await completeTask(ctx, user, params.taskId, body.payload) }),
  }),
  defineRoute({
    method: 'get',
    path: '/users',
    summary: 'Active users holding a role (to reassign a task)',
    access: SUPERVISOR_ROLES,
    query: candidateQuery,
    response: listOf(candidateUser),
    handle: ({ query }) => listCandidates(ctx, query.role),
  }),
];
