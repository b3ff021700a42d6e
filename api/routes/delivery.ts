import { z } from 'zod';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { DELIVERY_STARTERS, DELIVERY_VIEWERS, deliveryDetail, deliveryRequest, deliverySummary, getDelivery, issueRequest, listDeliveries, logIssue, startDelivery } from '../use-cases/delivery';

const ISSUE_LOGGERS = ['technician', 'tech-supervisor', 'procurement', 'management', 'admin'] as const;

export const deliveryRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/deliveries',
    summary: 'Start the delivery of a signed contract (P2.3a); idempotent on contractId',
    access: DELIVERY_STARTERS,
    body: deliveryRequest,
    response: z.object({ workflowId: z.string() }),
    status: 201,
    handle: ({ user, body }) => startDelivery(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/deliveries',
    summary: 'Deliveries, newest first',
    access: DELIVERY_VIEWERS,
    response: z.object({ items: z.array(deliverySummary) }),
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
    response: z.object({ id: z.string(), title: z.string(), severity: z.string(), source: z.string(), raisedBy: z.string(), raisedAt: z.string() }),
    status: 201,
    handle: ({ user, params, body }) => logIssue(ctx, user, params.workflowId, body),
  }),
];
