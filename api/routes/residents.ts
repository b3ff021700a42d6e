import { z } from 'zod';
import { listOf, pageOf } from '../../contracts/common';
import { dataChangeView, historyEntry } from '../../contracts/data-review';
import { residentChangeProposal, residentChangeRequest, residentListQuery, residentView } from '../../contracts/residents';
import type { ApiContext } from '../context';
import { defineRoute, listed } from '../http/route';
import { correctResidentChange, getResident, listResidents, residentHistory, submitResidentChange } from '../use-cases/residents';

export const residentRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/resident-changes',
    summary: "Submit a change to a unit's resident or tenant (moving in, a change, a move-out; P5.1b): a draft that changes nothing until reviewed; idempotent on changeId",
    access: 'data-review.start',
    body: residentChangeRequest,
    response: z.object({ changeId: z.string(), workflowId: z.string() }),
    status: 201,
    handle: ({ user, body }) => submitResidentChange(ctx, user, body),
  }),
  defineRoute({
    method: 'put',
    path: '/resident-changes/:changeId',
    summary: 'Correct a returned change to a resident and resubmit it (its maker); withdraw it with POST /data-changes/:changeId/withdraw',
    access: 'data-review.start',
    body: residentChangeProposal,
    response: dataChangeView,
    handle: ({ user, params, body }) => correctResidentChange(ctx, user, params.changeId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/residents',
    summary: "Units' residents and tenants, a keyset page at a time in resident-id order: by name, unit, relation, living there or moved out (documents masked)",
    access: 'data-review.read',
    query: residentListQuery,
    response: pageOf(residentView),
    personalData: { kind: 'resident', scope: 'list', read: ({ result }) => listed(result.items.map((resident) => resident.residentId)) },
    handle: ({ query }) => listResidents(ctx, query),
  }),
  defineRoute({
    method: 'get',
    path: '/residents/:residentId',
    summary: 'A resident or tenant as registered: unit, relation, phone, identity document masked, move-in and move-out',
    access: 'data-review.read',
    response: residentView,
    personalData: { kind: 'resident', scope: 'record', read: ({ params }) => ({ recordIds: [params.residentId], subjectIds: [params.residentId] }) },
    handle: ({ params }) => getResident(ctx, params.residentId),
  }),
  defineRoute({
    method: 'get',
    path: '/residents/:residentId/history',
    summary: "A resident's history of changes: who entered, checked and approved what, when, field by field",
    access: 'data-review.read',
    response: listOf(historyEntry),
    handle: ({ params }) => residentHistory(ctx, params.residentId),
  }),
];
