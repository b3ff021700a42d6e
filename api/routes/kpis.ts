import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { kpiCsv, kpiWorkbook } from '../use-cases/kpis/export';
import { processHeatmap } from '../use-cases/kpis/heatmap';
import { kpiReport } from '../use-cases/kpis/report';
import { heatmapQuery, kpiQuery, kpiReport as kpiReportSchema, processHeatmap as processHeatmapSchema } from '../../contracts/kpis';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** P7.2a, P3.3c: the indicators, their export, and each process's heatmap. */
export const kpiRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/kpis',
    summary: 'The indicators over a period (days in the community time zone) and optionally a building: service quality, stability, construction, satisfaction, platform use',
    access: 'kpi.read',
    query: kpiQuery,
    response: kpiReportSchema,
    handle: ({ query }) => kpiReport(ctx, query),
  }),
  ...(['csv', 'xlsx'] as const).map((format) =>
    defineRoute({
      method: 'get',
      path: `/kpis.${format}`,
      summary: `The indicators as ${format === 'csv' ? 'CSV' : 'an Excel workbook'} (zh-CN and English headings)`,
      access: 'kpi.read',
      query: kpiQuery,
      raw: { contentType: format === 'csv' ? 'text/csv' : XLSX },
      handle: async ({ query, res }) => {
        const report = await kpiReport(ctx, query);
        const name = `kpis-${report.period.from}-${report.period.to}.${format}`;
        if (format === 'csv') res.type('text/csv; charset=utf-8').attachment(name).send(kpiCsv(report));
        else res.type(XLSX).attachment(name).send(await kpiWorkbook(report));
      },
    }),
  ),
  defineRoute({
    method: 'get',
    path: '/processes/:process/heatmap',
    summary: "A process's heatmap over the instances started in a period: per step its visits and the time spent in it (p50, p90)",
    access: 'kpi.read',
    query: heatmapQuery,
    response: processHeatmapSchema,
    handle: ({ user, params, query }) => processHeatmap(ctx, user, params.process, query),
  }),
];
