import { z } from 'zod';
import { PROCESS_VIEWER_ROLES } from '../../workflows/lib/roles';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { PERSONAL_DATA_PROCESSES, subjectsOf } from '../use-cases/access-log';
import { getInstance, instanceDetail, instanceListQuery, instanceSummary, listInstances, processDiagram, processHistory } from '../use-cases/process-instances';

export const processRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/processes',
    summary: 'Process instances, newest first (keyset pages)',
    access: PROCESS_VIEWER_ROLES,
    query: instanceListQuery,
    response: z.object({ items: z.array(instanceSummary), nextCursor: z.string().nullable() }),
    handle: ({ query }) => listInstances(ctx, query),
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
      read: ({ params, result }) => (PERSONAL_DATA_PROCESSES.includes(result.instance.process) ? { recordIds: [params.workflowId], subjectIds: subjectsOf(result.data) } : null),
    },
    handle: ({ params }) => getInstance(ctx, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/processes/:workflowId/history',
    summary: 'The Temporal history of an instance (JSON download)',
    access: ['auditor', 'admin', 'tech-supervisor', 'management'],
    raw: { contentType: 'application/json' },
    personalData: { kind: 'process-history', scope: 'export', read: ({ params }) => ({ recordIds: [params.workflowId] }) },
    handle: async ({ params, res }) => {
      const history = await processHistory(ctx, params.workflowId);
      res.attachment(`${params.workflowId}.history.json`).json(history);
    },
  }),
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
