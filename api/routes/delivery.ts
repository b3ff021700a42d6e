import { listOf, workflowStarted } from '../../contracts/common';
import { deliveryDetail, deliveryIssue, deliveryRequest, deliverySummary, issueRequest } from '../../contracts/delivery';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { getDelivery, listDeliveries, logIssue, startDelivery } from '../use-cases/delivery';

export const deliveryRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/deliveries',
    summary: 'Start the delivery of a signed contract (P2.3a); idempotent on contractId',
    access: 'project-delivery.start',
    body: deliveryRequest,
    response: workflowStarted,
    status: 201,
    handle: ({ user, body }) => startDelivery(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/deliveries',
    summary: 'Deliveries, newest first',
    access: 'project-delivery.read',
    response: listOf(deliverySummary),
    handle: () => listDeliveries(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/deliveries/:workflowId',
    summary: 'A delivery: plan, milestones, progress reports, issues log, acceptance and warranty',
    access: 'project-delivery.read',
    response: deliveryDetail,
    handle: ({ params }) => getDelivery(ctx, params.workflowId),
  }),
  defineRoute({
    method: 'post',
    path: '/deliveries/:workflowId/issues',
    summary: 'Log an issue on a delivery (P2.3b); idempotent on issueId',
    access: 'project-delivery.log-issue',
    body: issueRequest,
    response: deliveryIssue,
    status: 201,
    handle: ({ user, params, body }) => logIssue(ctx, user, params.workflowId, body),
  }),
];
