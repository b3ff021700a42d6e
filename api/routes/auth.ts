import { signedInUser, signInRequest } from '../../contracts/auth';
import { closeSession, SESSION_COOKIE } from '../auth/session';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { signIn } from '../use-cases/sign-in';
import { acceptInvitation, getInvitation } from '../use-cases/owner-invitations';
import { ownerInvitationAcceptance, ownerInvitationView } from '../../contracts/staff-users';
import { z } from 'zod';

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
  defineRoute({
    method: 'get',
    path: '/auth/invitations/:token',
    summary: "A new owner's invitation to the owner portal (its one-time link): whose it is and until when it works",
    access: 'public',
    response: ownerInvitationView,
    handle: ({ params }) => getInvitation(ctx, params.token),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/invitations/:token',
    summary: 'The new owner makes their portal account with the invitation: a username and a password under the rules; the link works once',
    access: 'public',
    body: ownerInvitationAcceptance,
    response: z.object({ username: z.string() }),
    status: 201,
    handle: ({ params, body }) => acceptInvitation(ctx, params.token, body),
  }),
];
