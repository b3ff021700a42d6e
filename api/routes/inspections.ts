import { listOf, pageOf } from '../../contracts/common';
import {
  createPlanRequest,
  overdueView,
  photoRequest,
  photoUploaded,
  planRun,
  planView,
  recordDetail,
  recordListQuery,
  recordSummary,
  updatePlanRequest,
} from '../../contracts/inspections';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { createPlan, deactivatePlan, getPhoto, getPlan, getRecord, listOverdue, listPlans, listRecords, runPlanNow, updatePlan, uploadPhoto } from '../use-cases/inspections';

const PLANNERS = ['tech-supervisor', 'admin'] as const;
const VIEWERS = ['technician', 'tech-supervisor', 'monitoring-operator', 'guard', 'management', 'admin', 'auditor'] as const;
/** The monitoring console and the technical staff who act on what it shows. */
const CONSOLE = ['monitoring-operator', 'technician', 'tech-supervisor', 'management', 'admin'] as const;
const INSPECTORS = ['technician', 'tech-supervisor', 'monitoring-operator', 'guard', 'admin'] as const;

export const inspectionRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/inspections/plans',
    summary: 'Create an inspection plan and its schedule (P3.1a); idempotent on id',
    access: PLANNERS,
    body: createPlanRequest,
    response: planView,
    status: 201,
    handle: ({ user, body }) => createPlan(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/plans',
    summary: 'Inspection plans, active first',
    access: VIEWERS,
    response: listOf(planView),
    handle: () => listPlans(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/plans/:planId',
    summary: 'One inspection plan',
    access: VIEWERS,
    response: planView,
    handle: ({ params }) => getPlan(ctx, params.planId),
  }),
  defineRoute({
    method: 'put',
    path: '/inspections/plans/:planId',
    summary: 'Change an inspection plan; its schedule follows (cycle, paused when inactive)',
    access: PLANNERS,
    body: updatePlanRequest,
    response: planView,
    handle: ({ params, body }) => updatePlan(ctx, params.planId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/inspections/plans/:planId/deactivate',
    summary: 'Deactivate a plan: its schedule is paused, its records stay',
    access: PLANNERS,
    response: planView,
    handle: ({ params }) => deactivatePlan(ctx, params.planId),
  }),
  defineRoute({
    method: 'post',
    path: '/inspections/plans/:planId/run',
    summary: 'Run an active plan now, besides its cycle',
    access: PLANNERS,
    response: planRun,
    status: 202,
    handle: ({ params }) => runPlanNow(ctx, params.planId),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/records',
    summary: 'Inspection records (P3.1c), newest first (keyset pages)',
    access: VIEWERS,
    query: recordListQuery,
    response: pageOf(recordSummary),
    handle: ({ query }) => listRecords(ctx, query),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/records/:workflowId',
    summary: 'An inspection record with its per-item results and the fault repairs it opened',
    access: VIEWERS,
    response: recordDetail,
    handle: ({ params }) => getRecord(ctx, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/overdue',
    summary: 'Open inspections past their due time, for the monitoring console',
    access: CONSOLE,
    response: overdueView,
    handle: () => listOverdue(ctx),
  }),
  defineRoute({
    method: 'post',
    path: '/inspections/photos',
    summary: 'Upload a checklist photo before submitting the checklist; idempotent on photoId',
    access: INSPECTORS,
    body: photoRequest,
    response: photoUploaded,
    status: 201,
    handle: ({ user, body }) => uploadPhoto(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/photos/:photoId',
    summary: 'A checklist photo',
    access: VIEWERS,
    raw: { contentType: 'image/*' },
    personalData: { kind: 'inspection-photo', scope: 'record', read: ({ params }) => ({ recordIds: [params.photoId] }) },
    handle: async ({ user, params, res }) => {
      const photo = await getPhoto(ctx, user, params.photoId);
      res.type(photo.contentType).send(photo.content);
    },
  }),
];
