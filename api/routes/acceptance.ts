import { acceptanceView } from '../../contracts/acceptance';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { ACCEPTANCE_VIEWERS, getAcceptance, getAcceptanceReportPdf } from '../use-cases/acceptance';

export const acceptanceRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/acceptances/:workflowId',
    summary: 'An acceptance (P2.3c): team, signatures, report and warranty',
    access: ACCEPTANCE_VIEWERS,
    response: acceptanceView,
    handle: ({ params }) => getAcceptance(ctx, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/acceptances/:workflowId/report.pdf',
    summary: 'The acceptance report (PDF)',
    access: ACCEPTANCE_VIEWERS,
    raw: { contentType: 'application/pdf' },
    handle: async ({ params, res }) => {
      const pdf = await getAcceptanceReportPdf(ctx, params.workflowId);
      res.type('application/pdf').setHeader('content-disposition', `attachment; filename="acceptance-report-${params.workflowId}.pdf"`);
      res.send(pdf);
    },
  }),
];
