import { workflowStarted } from '../../contracts/common';
import { announcementDetail, announcementList, announcementRead, announcementRequest } from '../../contracts/announcements';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { draftAnnouncement, getAnnouncement, listAnnouncements, markAnnouncementRead } from '../use-cases/announcements';

export const announcementRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/announcements',
    summary: 'Draft a community announcement for all owners, a building or named units (P4.1a); management approves it; idempotent on announcementId',
    access: 'announcement.start',
    body: announcementRequest,
    response: workflowStarted,
    status: 201,
    handle: ({ user, body }) => draftAnnouncement(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/announcements',
    summary: 'The published announcements I may read: pinned first, then newest; an owner sees those of their audience not expired',
    access: 'announcement.read',
    response: announcementList,
    handle: ({ user }) => listAnnouncements(ctx, user),
  }),
  defineRoute({
    method: 'get',
    path: '/announcements/:workflowId',
    summary: 'An announcement; its read receipts (read count, audience size) for management and its drafter',
    access: 'announcement.read',
    response: announcementDetail,
    handle: ({ user, params }) => getAnnouncement(ctx, user, params.workflowId),
  }),
  defineRoute({
    method: 'post',
    path: '/announcements/:workflowId/read',
    summary: 'Record that I read an announcement: once per owner of its audience, however often it is opened',
    access: 'announcement.read',
    response: announcementRead,
    handle: ({ user, params }) => markAnnouncementRead(ctx, user, params.workflowId),
  }),
];
