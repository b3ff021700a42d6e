import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { listAccessAlerts, listAccessLog, verifyAccessLog } from '../use-cases/access-log';
import { accessLogEntry, accessLogQuery, alertView, verification } from '../../contracts/access-log';
import { listOf, pageOf } from '../../contracts/common';

/** P5.3c: the auditor's view of the access log of personal data, its chain check, and the alerts raised on it. */
export const accessLogRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/access-log',
    summary: 'Reads of personal data, newest first (keyset pages); filter by subject, actor, record, kind and time',
    access: 'access-log.read',
    query: accessLogQuery,
    response: pageOf(accessLogEntry),
    handle: ({ query }) => listAccessLog(ctx, query),
  }),
  defineRoute({
    method: 'get',
    path: '/access-log/verify',
    summary: 'Recompute the hash chain: intact with the row count, or the first broken row',
    access: 'access-log.read',
    response: verification,
    handle: () => verifyAccessLog(ctx.db),
  }),
  defineRoute({
    method: 'get',
    path: '/access-log/alerts',
    summary: 'Anomaly alerts raised on the access log and their review',
    access: 'access-log.alerts.read',
    response: listOf(alertView),
    handle: () => listAccessAlerts(ctx),
  }),
];
