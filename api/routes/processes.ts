import { pageOf } from '../../contracts/common';
import { instanceDetail, instanceListQuery, instanceSummary, replayVerdictView } from '../../contracts/processes';
import { ACCESS_PROCESSES, PROCESS_VIEWER_ROLES, REPLAY_ROLES } from '../../workflows/lib/roles';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { subjectsOf } from '../use-cases/access-log';
import { getInstance, listInstances, processDiagram, processHistory } from '../use-cases/process-instances';
import { replayInstance } from '../use-cases/process-replay';

export const processRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/processes',
    summary: 'Process instances, newest first (keyset pages)',
    access: PROCESS_VIEWER_ROLES,
    query: instanceListQuery,
    response: pageOf(instanceSummary),
    handle: ({ user, query }) => listInstances(ctx, user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/processes/:workflowId',
    summary: 'One instance: step marks, visit counts, timeline, data',
    access: PROCESS_VIEWER_ROLES,
    response: instanceDetail,
    personalData: {
      kind: 'process-instance',
      scope: 'record',
      read: ({ params, result }) => (ACCESS_PROCESSES.includes(result.instance.process) ? { recordIds: [params.workflowId], subjectIds: subjectsOf(result.data) } : null),
    },
    handle: ({ user, params }) => getInstance(ctx, user, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/processes/:workflowId/history',
    summary: 'The Temporal history of an instance (JSON download), from the archive once Temporal has dropped it',
    access: ['auditor', 'admin', 'tech-supervisor', 'management'],
    raw: { contentType: 'application/json' },
    personalData: { kind: 'process-history', scope: 'export', read: ({ params }) => ({ recordIds: [params.workflowId] }) },
    handle: async ({ user, params, res }) => {
      const history = await processHistory(ctx, user, params.workflowId);
      res.attachment(`${params.workflowId}.history.json`).send(history);
    },
  }),
  ...(['post', 'get'] as const).map((method) =>
    defineRoute({
      method,
      path: '/processes/:workflowId/replay',
      summary: "Replays the instance's history against the current workflow code: it reproduces, or the first event it diverges at",
      access: REPLAY_ROLES,
      response: replayVerdictView,
      handle: ({ params }) => replayInstance(ctx, params.workflowId),
    }),
  ),
  defineRoute({
    method: 'get',
    path: '/process-definitions/:process/diagram',
    summary: "A process's BPMN diagram",
    access: 'signed-in',
    raw: { contentType: 'application/xml' },
    handle: async ({ params, res }) => {
      res.type('application/xml').send(await processDiagram(params.process));
    },
  }),
];
