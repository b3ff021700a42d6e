import { pageOf, workflowStarted } from '../../contracts/common';
import { feedbackDetail, feedbackListQuery, feedbackRequest, feedbackSummary } from '../../contracts/owner-feedback';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { getFeedback, getFeedbackPhoto, listMyFeedback, submitFeedback } from '../use-cases/owner-feedback';

export const ownerFeedbackRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/owner-feedback',
    summary: 'Submit a complaint, inquiry or suggestion with up to 3 photos (P4.1a–b); idempotent on feedbackId',
    access: 'owner-feedback.start',
    body: feedbackRequest,
    response: workflowStarted,
    status: 201,
    handle: ({ user, body }) => submitFeedback(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/owner-feedback',
    summary: 'The feedback I submitted, newest first',
    access: 'owner-feedback.read',
    query: feedbackListQuery,
    response: pageOf(feedbackSummary),
    handle: ({ user, query }) => listMyFeedback(ctx, user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/owner-feedback/:workflowId',
    summary: 'A feedback: what was submitted, every reply and follow-up, how it ended',
    access: 'owner-feedback.read',
    response: feedbackDetail,
    personalData: {
      kind: 'owner-feedback',
      scope: 'record',
      read: ({ params, result }) => ({ recordIds: [params.workflowId], self: result.mine }),
    },
    handle: ({ user, params }) => getFeedback(ctx, user, params.workflowId),
  }),
  defineRoute({
    method: 'get',
    path: '/owner-feedback/:workflowId/photos/:photoId',
    summary: 'A photo attached to a feedback',
    access: 'owner-feedback.read',
    raw: { contentType: 'image/*' },
    personalData: { kind: 'feedback-photo', scope: 'record', read: ({ params }) => ({ recordIds: [params.workflowId] }) },
    handle: async ({ user, params, res }) => {
      const photo = await getFeedbackPhoto(ctx, user, params.workflowId, params.photoId);
      res.type(photo.contentType).send(photo.content);
    },
  }),
];
