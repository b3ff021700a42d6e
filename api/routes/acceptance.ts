import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { getAcceptance, getAcceptanceReportPdf } from '../use-cases/acceptance';
import { acceptanceView } from '../../contracts/acceptance';

export const acceptanceRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/acceptances/:workflowId',
    summary: 'An acceptance (P2.3c): team, signatures, report and warranty',
    access: 'project-acceptance.read',
    response: acceptanceView,
    handle: ({ params }) => getAcceptance(ctx, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/acceptances/:workflowId/report.pdf',
    summary: 'The acceptance report (PDF)',
    access: 'project-acceptance.read',
    raw: { contentType: 'application/pdf' },
    handle: async ({ params, res }) => {
      const pdf = await getAcceptanceReportPdf(ctx, params.workflowId);
      res.type('application/pdf').setHeader('content-disposition', `attachment; filename="acceptance-report-${params.workflowId}.pdf"`);
      res.send(pdf);
    },
  }),
];
