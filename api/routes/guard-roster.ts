import { z } from 'zod';
import { listOf, pageOf } from '../../contracts/common';
import { dataChangeView, historyEntry } from '../../contracts/data-review';
import { shiftChangeProposal, shiftChangeRequest, shiftListQuery, shiftView, zoneChangeProposal, zoneChangeRequest, zoneListQuery, zoneView } from '../../contracts/guard-roster';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { correctShiftChange, correctZoneChange, getShift, getZone, listShifts, listZones, recordHistory, submitShiftChange, submitZoneChange } from '../use-cases/guard-roster';

const submitted = z.object({ changeId: z.string(), workflowId: z.string() });

export const guardRosterRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/zone-changes',
    summary: 'Add, change or disable a zone (P5.1b): a draft that changes nothing until the security supervisor or an administrator (never its maker) approves it; idempotent on changeId',
    access: 'guard-roster.propose',
    body: zoneChangeRequest,
    response: submitted,
    status: 201,
    handle: ({ user, body }) => submitZoneChange(ctx, user, body),
  }),
  defineRoute({
    method: 'put',
    path: '/zone-changes/:changeId',
    summary: 'Correct a returned change to a zone and resubmit it (its maker)',
    access: 'guard-roster.propose',
    body: zoneChangeProposal,
    response: dataChangeView,
    handle: ({ user, params, body }) => correctZoneChange(ctx, user, params.changeId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/zones',
    summary: 'The zones, a keyset page at a time in zone-id order: by id or name, building, in use or not; each with its devices in use counted',
    access: 'guard-roster.read',
    query: zoneListQuery,
    response: pageOf(zoneView),
    handle: ({ query }) => listZones(ctx, query),
  }),
  defineRoute({
    method: 'get',
    path: '/zones/:zoneId',
    summary: 'A zone as registered: its name, building, in use or not, devices in use',
    access: 'guard-roster.read',
    response: zoneView,
    handle: ({ params }) => getZone(ctx, params.zoneId),
  }),
  defineRoute({
    method: 'get',
    path: '/zones/:zoneId/history',
    summary: "A zone's history of changes: who entered, checked and approved what, when, field by field",
    access: 'guard-roster.read',
    response: listOf(historyEntry),
    handle: ({ params }) => recordHistory(ctx, params.zoneId),
  }),
  defineRoute({
    method: 'post',
    path: '/shift-changes',
    summary: "Enter, change or cancel a shift of the guard roster (a guard, a zone, a day and hours; P4.2c, P5.1b): a draft that changes nothing until the security supervisor or an administrator (never its maker) approves it; idempotent on changeId",
    access: 'guard-roster.propose',
    body: shiftChangeRequest,
    response: submitted,
    status: 201,
    handle: ({ user, body }) => submitShiftChange(ctx, user, body),
  }),
  defineRoute({
    method: 'put',
    path: '/shift-changes/:changeId',
    summary: 'Correct a returned change to a shift and resubmit it (its maker)',
    access: 'guard-roster.propose',
    body: shiftChangeProposal,
    response: dataChangeView,
    handle: ({ user, params, body }) => correctShiftChange(ctx, user, params.changeId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/guard-shifts',
    summary: "The guard roster, a keyset page at a time by day: a day range, a zone, a guard, a zone's or guard's name",
    access: 'guard-roster.read',
    query: shiftListQuery,
    response: pageOf(shiftView),
    handle: ({ query }) => listShifts(ctx, query),
  }),
  defineRoute({
    method: 'get',
    path: '/guard-shifts/:shiftId',
    summary: 'A shift of the guard roster: the guard, the zone, the day and hours, cancelled or not',
    access: 'guard-roster.read',
    response: shiftView,
    handle: ({ params }) => getShift(ctx, params.shiftId),
  }),
  defineRoute({
    method: 'get',
    path: '/guard-shifts/:shiftId/history',
    summary: "A shift's history of changes: who entered, checked and approved what, when, field by field",
    access: 'guard-roster.read',
    response: listOf(historyEntry),
    handle: ({ params }) => recordHistory(ctx, params.shiftId),
  }),
];
