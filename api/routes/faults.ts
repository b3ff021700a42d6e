import { pageOf, workflowStarted } from '../../contracts/common';
import { faultDetail, faultListQuery, faultReportRequest, faultSummary, ratingRecorded, ratingRequest, recoveredOutage, recoveredOutageClosed } from '../../contracts/faults';
import { listOf } from '../../contracts/common';
import { locationsView } from '../../contracts/reference';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { getFault, getFaultPhoto, listFaults, rateRepair } from '../use-cases/faults';
import { closeRecoveredOutage, listRecoveredOutages } from '../use-cases/recovered-outages';
import { listLocations } from '../use-cases/reference';
import { reportFault } from '../use-cases/report-fault';

export const faultRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/faults',
    summary: 'Report a fault (P3.2a); idempotent on reportId',
    access: 'fault-repair.start',
    body: faultReportRequest,
    response: workflowStarted,
    status: 201,
    handle: ({ user, body }) => reportFault(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/faults',
    summary: 'Faults I reported (staff: all with mine=false)',
    access: 'fault-repair.read',
    query: faultListQuery,
    response: pageOf(faultSummary),
    handle: ({ user, query }) => listFaults(ctx, user, query),
  }),
  // Before /faults/:workflowId, which would take the word for an id.
  defineRoute({
    method: 'get',
    path: '/faults/recovered-outages',
    summary: 'Outage repairs waiting for their diagnosis whose device is back online (P3.1b): closable in one click',
    access: 'fault-repair.close-recovered',
    response: listOf(recoveredOutage),
    handle: () => listRecoveredOutages(ctx),
  }),
  defineRoute({
    method: 'post',
    path: '/faults/:workflowId/close-recovered',
    summary: 'Close an outage repair whose device is back online, while it waits for its diagnosis (P3.1b, P3.2c); idempotent',
    access: 'fault-repair.close-recovered',
    response: recoveredOutageClosed,
    handle: ({ user, params }) => closeRecoveredOutage(ctx, user, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/faults/:workflowId',
    summary: 'A fault: status, report, and the repair record once closed',
    access: 'fault-repair.read',
    response: faultDetail,
    personalData: {
      kind: 'fault-report',
      scope: 'record',
      read: ({ user, params, result }) => {
        const reporter = (result.report?.reporter as { userId?: string } | undefined)?.userId;
        return { recordIds: [params.workflowId], subjectIds: reporter ? [reporter] : [], self: reporter === user.id };
      },
    },
    handle: ({ user, params }) => getFault(ctx, user, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/faults/:workflowId/photo',
    summary: 'The photo attached to a fault report',
    access: 'fault-repair.read',
    raw: { contentType: 'image/*' },
    personalData: { kind: 'fault-photo', scope: 'record', read: ({ params }) => ({ recordIds: [params.workflowId] }) },
    handle: async ({ user, params, res }) => {
      const photo = await getFaultPhoto(ctx, user, params.workflowId);
      res.type(photo.contentType).send(photo.content);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/faults/:workflowId/rating',
    summary: 'The reporter rates the closed repair (1–5)',
    access: 'fault-repair.rate',
    body: ratingRequest,
    response: ratingRecorded,
    handle: ({ user, params, body }) => rateRepair(ctx, user, params.workflowId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/reference/locations',
    summary: 'Buildings, units, zones, devices and systems a fault can be reported at',
    access: 'location.read',
    response: locationsView,
    handle: ({ user }) => listLocations(ctx, user),
  }),
];
