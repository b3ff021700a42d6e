import { pageOf } from '../../contracts/common';
import { dataImportFile, dataImportRequest, dataImportSubmitted, importRowsQuery, importRowView } from '../../contracts/data-import';
import { dataChangeView } from '../../contracts/data-review';
import { IMPORT_SHEETS, type ImportSheet } from '../../contracts/vocabulary';
import type { ApiContext } from '../context';
import { notFound } from '../http/problem';
import { defineRoute, listed } from '../http/route';
import { correctImport, importRows, importTemplate, submitImport } from '../use-cases/data-import';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const dataImportRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/data-imports',
    summary:
      'Import a sheet of units, owners or staff users (P5.1a–b): every row checked (a fault names its row and column: rows.<row>.<column>, 422, nothing written), then one draft reviewed as one change; idempotent on changeId',
    access: 'data-review.start',
    body: dataImportRequest,
    response: dataImportSubmitted,
    status: 201,
    handle: ({ user, body }) => submitImport(ctx, user, body),
  }),
  defineRoute({
    method: 'put',
    path: '/data-imports/:changeId',
    summary: 'Correct a returned import with a new file of the same sheet and resubmit it (its maker)',
    access: 'data-review.start',
    body: dataImportFile,
    response: dataChangeView,
    handle: ({ user, params, body }) => correctImport(ctx, user, params.changeId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/data-imports/templates/:sheet',
    summary: "A sheet's template (.xlsx): the headings to fill in under, choices as drop-down lists, notes on every column",
    access: 'data-review.start',
    raw: { contentType: XLSX },
    handle: async ({ params, res, req }) => {
      const sheet = params.sheet.replace(/\.xlsx$/, '');
      if (!(IMPORT_SHEETS as readonly string[]).includes(sheet)) throw notFound('request.no-route', { method: 'GET', path: req.originalUrl });
      res
        .type(XLSX)
        .attachment(`steward-${sheet}-template.xlsx`)
        .send(await importTemplate(sheet as ImportSheet));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/data-changes/:changeId/rows',
    summary: "An import's rows in sheet order, a keyset page at a time: each row's record and its fields before and after (documents masked)",
    access: 'data-review.read',
    query: importRowsQuery,
    response: pageOf(importRowView),
    personalData: { kind: 'person-record', scope: 'list', read: ({ result }) => listed(result.items.map((row) => row.recordId)) },
    handle: ({ params, query }) => importRows(ctx, params.changeId, query),
  }),
];
