import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { correctChange, getUnit, readChange, submitChange, unitHistory, withdrawChange } from '../use-cases/data-review';
import { listOf, pageOf } from '../../contracts/common';
import { listBuildings, listUnits } from '../use-cases/unit-register';
import { buildingView, dataChangeProposal, dataChangeRequest, dataChangeView, historyEntry, unitListQuery, unitSummary, unitView } from '../../contracts/data-review';
import { z } from 'zod';

export const dataReviewRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/data-changes',
    summary: 'Submit a change to a unit or its owners (P5.1b): a draft that changes nothing until its checker approves it; idempotent on changeId',
    access: 'data-review.start',
    body: dataChangeRequest,
    response: z.object({ changeId: z.string(), workflowId: z.string() }),
    status: 201,
    handle: ({ user, body }) => submitChange(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/data-changes/:changeId',
    summary: 'A change in review: before and after field by field, the collection standard’s checks, its history so far (master data’s readers; a change to a zone or the guard roster, its readers too)',
    access: 'signed-in',
    response: dataChangeView,
    // The diff names owners and staff (identity documents masked): whom the change is about is its record.
    personalData: { kind: 'data-change', scope: 'record', read: ({ params, result }) => ({ recordIds: [params.changeId], subjectIds: [result.recordId] }) },
    handle: ({ user, params }) => readChange(ctx, user, params.changeId),
  }),
  defineRoute({
    method: 'put',
    path: '/data-changes/:changeId',
    summary: 'Correct a returned change and resubmit it (its maker)',
    access: 'data-review.start',
    body: dataChangeProposal,
    response: dataChangeView,
    handle: ({ user, params, body }) => correctChange(ctx, user, params.changeId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/data-changes/:changeId/withdraw',
    summary: 'Withdraw a returned change (its maker only, whatever kind of data they may enter: a zone or a shift too)',
    access: 'signed-in',
    response: dataChangeView,
    handle: ({ user, params }) => withdrawChange(ctx, user, params.changeId),
  }),
  defineRoute({
    method: 'get',
    path: '/units',
    summary: 'The unit register, a keyset page at a time in unit-id order: find a unit by (part of) its number or building',
    access: 'data-review.read',
    query: unitListQuery,
    response: pageOf(unitSummary),
    handle: ({ query }) => listUnits(ctx, query),
  }),
  defineRoute({
    method: 'get',
    path: '/buildings',
    summary: 'The buildings, for entering a new unit',
    access: 'data-review.read',
    response: listOf(buildingView),
    handle: () => listBuildings(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/units/:unitId',
    summary: 'A unit as registered, with its owners (identity documents masked)',
    access: 'data-review.read',
    response: unitView,
    personalData: {
      kind: 'unit-register',
      scope: 'record',
      read: ({ params, result }) => (result.owners.length ? { recordIds: [params.unitId], subjectIds: result.owners.map((owner) => owner.ownerId) } : null),
    },
    handle: ({ params }) => getUnit(ctx, params.unitId),
  }),
  defineRoute({
    method: 'get',
    path: '/units/:unitId/history',
    summary: "A unit's history of changes: who entered, checked and approved what, when, field by field",
    access: 'data-review.read',
    response: listOf(historyEntry),
    handle: ({ params }) => unitHistory(ctx, params.unitId),
  }),
];
