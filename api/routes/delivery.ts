import { listOf, workflowStarted } from '../../contracts/common';
import { deliveryDetail, deliveryIssue, deliveryRequest, deliverySummary, issueRequest } from '../../contracts/delivery';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { DELIVERY_STARTERS, DELIVERY_VIEWERS, getDelivery, listDeliveries, logIssue, startDelivery } from '../use-cases/delivery';

const ISSUE_LOGGERS = ['technician', 'tech-supervisor', 'procurement', 'management', 'admin'] as const;

export const deliveryRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/deliveries',
    summary: 'Start the delivery of a signed contract (P2.3a); idempotent on contractId',
    access: DELIVERY_STARTERS,
    body: deliveryRequest,
    response: workflowStarted,
    status: 201,
    handle: ({ user, body }) => startDelivery(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/deliveries',
    summary: 'Deliveries, newest first',
    access: DELIVERY_VIEWERS,
    response: listOf(deliverySummary),
    handle: () => listDeliveries(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/deliveries/:workflowId',
    summary: 'A delivery: plan, milestones, progress reports, issues log, acceptance and warranty',
    access: DELIVERY_VIEWERS,
    response: deliveryDetail,
    handle: ({ params }) => getDelivery(ctx, params.workflowId),
  }),
  defineRoute({
    method: 'post',
    path: '/deliveries/:workflowId/issues',
    summary: 'Log an issue on a delivery (P2.3b); idempotent on issueId',
    access: ISSUE_LOGGERS,
    body: issueRequest,
    response: deliveryIssue,
    status: 201,
    handle: ({ user, params, body }) => logIssue(ctx, user, params.workflowId, body),
  }),
];
