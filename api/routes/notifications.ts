import { z } from 'zod';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { notificationStream } from '../http/notification-stream';
import { getPreferences, listNotifications, markRead, setPreferences } from '../use-cases/notifications';
import { markReadRequest, notificationFilters, notificationPage, notificationPreferences } from '../../contracts/notifications';

/** P4.1: each signed-in person's own notifications and how they are reached; nobody reads another's. */
export const notificationRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/notifications',
    summary: "The user's notifications, newest first (keyset pages), and how many are unread",
    access: 'signed-in',
    query: notificationFilters,
    response: notificationPage,
    handle: ({ user, query }) => listNotifications(ctx, user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/notifications/stream',
    summary: 'New notifications of the user, live (server-sent events: ready, notification)',
    access: 'signed-in',
    raw: { contentType: 'text/event-stream' },
    handle: async ({ user, res }) => {
      await notificationStream(ctx).attach(res, user);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/notifications/read',
    summary: 'Marks notifications read, those named or all; a repeat changes nothing',
    access: 'signed-in',
    body: markReadRequest,
    response: z.object({ unread: z.number().int() }),
    handle: ({ user, body }) => markRead(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/notifications/preferences',
    summary: "The user's channels, address and quiet hours",
    access: 'signed-in',
    response: notificationPreferences,
    handle: ({ user }) => getPreferences(ctx, user),
  }),
  defineRoute({
    method: 'put',
    path: '/notifications/preferences',
    summary: "Sets the user's channels, address and quiet hours (alarms and dispatches come through quiet hours)",
    access: 'signed-in',
    body: notificationPreferences,
    response: notificationPreferences,
    handle: ({ user, body }) => setPreferences(ctx, user, body),
  }),
];
