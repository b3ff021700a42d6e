import { z } from 'zod';
import { listOf, pageOf } from '../../contracts/common';
import { dataChangeView, historyEntry } from '../../contracts/data-review';
import { forgotPasswordAnswer, forgotPasswordRequest, passwordChangeRequest, passwordReset, staffUserListQuery, staffUserView, supplierStaffChangeRequest, userChangeProposal, userChangeRequest } from '../../contracts/staff-users';
import { SESSION_COOKIE } from '../auth/session';
import type { ApiContext } from '../context';
import { defineRoute, listed } from '../http/route';
import { changeOwnPassword, correctUserChange, forgotPassword, getStaffUser, listStaffUsers, resetPassword, staffUserHistory, submitSupplierStaffChange, submitUserChange } from '../use-cases/staff-users';

export const staffUserRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/user-changes',
    summary: 'Submit a change to a staff user (create, roles or department, disable, enable; P5.1b): a draft that changes nothing until reviewed; idempotent on changeId',
    access: 'data-review.start',
    body: userChangeRequest,
    response: z.object({ changeId: z.string(), workflowId: z.string() }),
    status: 201,
    handle: ({ user, body }) => submitUserChange(ctx, user, body),
  }),
  defineRoute({
    method: 'post',
    path: '/supplier-staff-changes',
    summary: "Enter a supplier's staff member's account (role vendor, linked to the supplier; P5.1b): a draft that changes nothing until reviewed like any new account; idempotent on changeId",
    access: 'data-review.start',
    body: supplierStaffChangeRequest,
    response: z.object({ changeId: z.string(), workflowId: z.string() }),
    status: 201,
    handle: ({ user, body }) => submitSupplierStaffChange(ctx, user, body),
  }),
  defineRoute({
    method: 'put',
    path: '/user-changes/:changeId',
    summary: 'Correct a returned change to a staff user and resubmit it (its maker); withdraw it with POST /data-changes/:changeId/withdraw',
    access: 'data-review.start',
    body: userChangeProposal,
    response: dataChangeView,
    handle: ({ user, params, body }) => correctUserChange(ctx, user, params.changeId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/staff-users',
    summary: "The staff users (not owners' or suppliers' accounts), a keyset page at a time in user-id order: by name or username, department, role, in use or not",
    access: 'staff-user.read',
    query: staffUserListQuery,
    response: pageOf(staffUserView),
    personalData: { kind: 'staff-user', scope: 'list', read: ({ result }) => listed(result.items.map((user) => user.userId)) },
    handle: ({ query }) => listStaffUsers(ctx, query),
  }),
  defineRoute({
    method: 'get',
    path: '/users/:userId',
    summary: 'A staff user as registered: department, roles, in use or not',
    access: 'staff-user.read',
    response: staffUserView,
    personalData: { kind: 'staff-user', scope: 'record', read: ({ params, user }) => ({ recordIds: [params.userId], subjectIds: [params.userId], self: params.userId === user.id }) },
    handle: ({ params }) => getStaffUser(ctx, params.userId),
  }),
  defineRoute({
    method: 'get',
    path: '/users/:userId/history',
    summary: "A staff user's history of changes: who entered, checked and approved what, when; password resets",
    access: 'staff-user.read',
    response: listOf(historyEntry),
    handle: ({ params }) => staffUserHistory(ctx, params.userId),
  }),
  defineRoute({
    method: 'post',
    path: '/users/:userId/password-reset',
    summary: "Reset another user's password: answers a one-time password (once) that they must change at their next sign-in; their sessions end",
    access: 'account.password.reset',
    response: passwordReset,
    handle: ({ user, params }) => resetPassword(ctx, user, params.userId),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/password',
    summary: 'Change your own password (the current one first); the one thing open after a reset until it is done',
    access: 'signed-in',
    openBeforePasswordChange: true,
    body: passwordChangeRequest,
    status: 204,
    handle: ({ user, body, req }) => changeOwnPassword(ctx, user, body, req.cookies?.[SESSION_COOKIE], req.ip ?? 'unknown'),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/forgot-password',
    summary: 'Forgot password: asks the administrators to reset it (a review task); the same answer for any username',
    access: 'public',
    body: forgotPasswordRequest,
    response: forgotPasswordAnswer,
    status: 202,
    handle: async ({ body }) => forgotPassword(ctx, body.username),
  }),
];
