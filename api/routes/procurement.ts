import type { ApiContext } from '../context';
import { defineRoute, listed } from '../http/route';
import { getBid, getProcurement, listBids, listProcurements, myBidReceipt, startProcurement, submitBid } from '../use-cases/procurement';
import { listOf, workflowStarted } from '../../contracts/common';
import { bidReceipt, bidRequest, bidView, procurementDetail, procurementRequest, procurementSummary } from '../../contracts/procurement';

export const procurementRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/procurements',
    summary: 'Start the procurement of a project (P2.2b); idempotent on projectId',
    access: 'procurement.start',
    body: procurementRequest,
    response: workflowStarted,
    status: 201,
    handle: ({ user, body }) => startProcurement(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/procurements',
    summary: 'Procurements (suppliers: those they are invited to)',
    access: 'procurement.read',
    response: listOf(procurementSummary),
    handle: ({ user }) => listProcurements(ctx, user),
  }),
  defineRoute({
    method: 'get',
    path: '/procurements/:workflowId',
    summary: 'A procurement: invitations; after the opening its bids, panel, scores, award and contract',
    access: 'procurement.read',
    response: procurementDetail,
    personalData: { kind: 'bid', scope: 'list', read: ({ result }) => listed((result.bids ?? []).map((bid) => bid.bidId), { subjectIds: [] }) },
    handle: ({ user, params }) => getProcurement(ctx, user, params.workflowId),
  }),
  defineRoute({
    method: 'post',
    path: '/procurements/:workflowId/bids',
    summary: 'Submit a sealed bid (invited, qualified supplier; before the deadline); returns the receipt',
    access: 'procurement.bid',
    body: bidRequest,
    response: bidReceipt,
    status: 201,
    handle: ({ user, params, body }) => submitBid(ctx, user, params.workflowId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/procurements/:workflowId/bids/mine',
    summary: "The receipt of my company's sealed bid (hash and time)",
    access: 'procurement.bid',
    response: bidReceipt,
    handle: ({ user, params }) => myBidReceipt(ctx, user, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/procurements/:workflowId/bids',
    summary: 'The bids, readable only after the opening (403 before it, for every role)',
    access: 'procurement.read',
    response: listOf(bidView),
    personalData: { kind: 'bid', scope: 'list', read: ({ result }) => listed(result.items.map((bid) => bid.bidId), { subjectIds: [] }) },
    handle: ({ user, params }) => listBids(ctx, user, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/procurements/:workflowId/bids/:bidId',
    summary: 'One bid, readable only after the opening (403 before it, for every role)',
    access: 'procurement.read',
    response: bidView,
    personalData: { kind: 'bid', scope: 'record', read: ({ params }) => ({ recordIds: [params.bidId] }) },
    handle: ({ user, params }) => getBid(ctx, user, params.workflowId, params.bidId),
  }),
];
