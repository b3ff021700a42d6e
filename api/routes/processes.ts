import { z } from 'zod';
import type { ApiContext } from '../context';
import { constantJson } from '../http/constant-json';
import { defineRoute, listed } from '../http/route';
import { subjectsOf } from '../use-cases/access-log';
import { getInstance, listInstances, processCatalogue, processDiagram, processHistory } from '../use-cases/process-instances';
import { replayInstance } from '../use-cases/process-replay';
import { timelineCsv, timelinePdf } from '../use-cases/process-timeline-export';
import { ACCESS_PROCESSES } from '../../contracts/permissions';
import { instanceDetail, instanceListQuery, instancePage, processCatalogueEntry, replayVerdictView } from '../../contracts/processes';

const catalogue = constantJson(() => z.array(processCatalogueEntry).parse(processCatalogue()));

export const processRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/processes',
    summary: 'Process instances, newest first (keyset pages)',
    access: 'process.read',
    query: instanceListQuery,
    response: instancePage,
    // A search for a person's or a unit's instances reads whom they concern: it is logged like opening them (P5.3c).
    personalData: {
      kind: 'process-instance',
      scope: 'list',
      read: ({ query, result }) =>
        query.owner || query.unit || query.reporter || query.actor ? listed(result.items.map((item) => item.workflowId), { subjectIds: result.matched.map((person) => person.id) }) : null,
    },
    handle: ({ user, query }) => listInstances(ctx, user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/processes/:workflowId',
    summary: 'One instance: step marks, visit counts, timeline, data',
    access: 'process.read',
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
    access: 'process.history.download',
    raw: { contentType: 'application/json' },
    personalData: { kind: 'process-history', scope: 'export', read: ({ params }) => ({ recordIds: [params.workflowId] }) },
    handle: async ({ user, params, res }) => {
      const history = await processHistory(ctx, user, params.workflowId);
      res.attachment(`${params.workflowId}.history.json`).send(history);
    },
  }),
  ...(['csv', 'pdf'] as const).map((format) =>
    defineRoute({
      method: 'get',
      path: `/processes/:workflowId/timeline.${format}`,
      summary: `The instance's timeline as ${format.toUpperCase()} (zh-CN, times in the community's time zone to the second): time, step, clause, event, actor, detail`,
      access: 'process.history.download',
      raw: { contentType: format === 'csv' ? 'text/csv' : 'application/pdf' },
      personalData: { kind: 'process-history', scope: 'export', read: ({ params }) => ({ recordIds: [params.workflowId] }) },
      handle: async ({ user, params, res }) => {
        const body = format === 'csv' ? await timelineCsv(ctx, user, params.workflowId) : await timelinePdf(ctx, user, params.workflowId);
        res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf').attachment(`${params.workflowId}.timeline.${format}`).send(body);
      },
    }),
  ),
  ...(['post', 'get'] as const).map((method) =>
    defineRoute({
      method,
      path: '/processes/:workflowId/replay',
      summary: "Replays the instance's history against the current workflow code: it reproduces, or the first event it diverges at",
      access: 'process.replay',
      response: replayVerdictView,
      handle: ({ params }) => replayInstance(ctx, params.workflowId),
    }),
  ),
  defineRoute({
    method: 'get',
    path: '/process-definitions',
    summary: 'Every process Steward runs: its name, its title, its policy clauses, and the wording of its steps, forms and tasks in each language',
    access: 'signed-in',
    raw: { contentType: 'application/json', schema: z.array(processCatalogueEntry) },
    // Checked against its schema once, as it is built: it is the same for every request.
    handle: async ({ req, res }) => catalogue(req, res),
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
