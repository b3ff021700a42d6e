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

export const inspectionRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/inspections/plans',
    summary: 'Create an inspection plan and its schedule (P3.1a); idempotent on id',
    access: 'inspection.plan.manage',
    body: createPlanRequest,
    response: planView,
    status: 201,
    handle: ({ user, body }) => createPlan(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/plans',
    summary: 'Inspection plans, active first',
    access: 'inspection.read',
    response: listOf(planView),
    handle: () => listPlans(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/plans/:planId',
    summary: 'One inspection plan',
    access: 'inspection.read',
    response: planView,
    handle: ({ params }) => getPlan(ctx, params.planId),
  }),
  defineRoute({
    method: 'put',
    path: '/inspections/plans/:planId',
    summary: 'Change an inspection plan; its schedule follows (cycle, paused when inactive)',
    access: 'inspection.plan.manage',
    body: updatePlanRequest,
    response: planView,
    handle: ({ params, body }) => updatePlan(ctx, params.planId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/inspections/plans/:planId/deactivate',
    summary: 'Deactivate a plan: its schedule is paused, its records stay',
    access: 'inspection.plan.manage',
    response: planView,
    handle: ({ params }) => deactivatePlan(ctx, params.planId),
  }),
  defineRoute({
    method: 'post',
    path: '/inspections/plans/:planId/run',
    summary: 'Run an active plan now, besides its cycle',
    access: 'inspection.start',
    response: planRun,
    status: 202,
    handle: ({ params }) => runPlanNow(ctx, params.planId),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/records',
    summary: 'Inspection records (P3.1c), newest first (keyset pages)',
    access: 'inspection.read',
    query: recordListQuery,
    response: pageOf(recordSummary),
    handle: ({ query }) => listRecords(ctx, query),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/records/:workflowId',
    summary: 'An inspection record with its per-item results and the fault repairs it opened',
    access: 'inspection.read',
    response: recordDetail,
    handle: ({ params }) => getRecord(ctx, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/overdue',
    summary: 'Open inspections past their due time, for the monitoring console',
    access: 'inspection.overdue.read',
    response: overdueView,
    handle: () => listOverdue(ctx),
  }),
  defineRoute({
    method: 'post',
    path: '/inspections/photos',
    summary: 'Upload a checklist photo before submitting the checklist; idempotent on photoId',
    access: 'inspection.photo.upload',
    body: photoRequest,
    response: photoUploaded,
    status: 201,
    handle: ({ user, body }) => uploadPhoto(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/inspections/photos/:photoId',
    summary: 'A checklist photo',
    access: 'inspection.read',
    raw: { contentType: 'image/*' },
    personalData: { kind: 'inspection-photo', scope: 'record', read: ({ params }) => ({ recordIds: [params.photoId] }) },
    handle: async ({ user, params, res }) => {
      const photo = await getPhoto(ctx, user, params.photoId);
      res.type(photo.contentType).send(photo.content);
    },
  }),
];
