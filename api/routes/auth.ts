import { z } from 'zod';
import { closeSession, SESSION_COOKIE } from '../auth/session';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { credentials, signIn, userView } from '../use-cases/sign-in';

const userResponse = z.object({ user: userView });

export const authRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in; sets an HttpOnly session cookie',
    access: 'public',
    body: credentials,
    response: userResponse,
    handle: async ({ body, req, res }) => ({ user: await signIn(ctx, res, body, req.ip ?? 'unknown') }),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/logout',
    summary: 'Sign out',
    access: 'public',
    status: 204,
    handle: async ({ req, res }) => closeSession(ctx.db, res, req.cookies?.[SESSION_COOKIE]),
  }),
  defineRoute({
    method: 'get',
    path: '/auth/me',
    summary: 'The signed-in user',
    access: 'signed-in',
    response: userResponse,
    handle: async ({ user }) => ({ user }),
  }),
];
