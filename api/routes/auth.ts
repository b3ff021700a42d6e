import { signedInUser, signInRequest } from '../../contracts/auth';
import { closeSession, SESSION_COOKIE } from '../auth/session';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { signIn } from '../use-cases/sign-in';

export const authRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in; sets an HttpOnly session cookie',
    access: 'public',
    body: signInRequest,
    response: signedInUser,
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
    response: signedInUser,
    handle: async ({ user }) => ({ user }),
  }),
];
