import { and, count, eq, gt, min } from 'drizzle-orm';
import type { Response } from 'express';
import type { SignInRequest } from '../../contracts/auth';
import { loginAttempts, users } from '../../db/schema';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { openSession, type SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { forbidden, tooManyRequests, unauthorized } from '../http/problem';

/** A hash no password matches, checked for unknown users so they take as long as real ones (H6). */
let decoyHash: Promise<string> | undefined;

/**
 * Signs in, throttled per username and per address (H6): each attempt counts before its password is
 * checked, and once a username or an address has used up its attempts within the window, sign-in is
 * refused (429) without checking the password until the window moves on. Success clears the username's
 * count.
 */
export async function signIn(ctx: ApiContext, res: Response, { username, password }: SignInRequest, address: string): Promise<SessionUser> {
  await countAttempt(ctx, username, address);
  const user = await ctx.db.query.users.findFirst({ where: eq(users.username, username) });
  const known = user !== undefined && user.active;
  // One answer, after the same work, for an unknown user and a wrong password.
  const matches = await verifyPassword(known ? user.passwordHash : await (decoyHash ??= hashPassword(`decoy-${Math.random()}`)), password);
  if (!known || !matches) throw unauthorized('auth.wrong-credentials');
  await ctx.db.delete(loginAttempts).where(eq(loginAttempts.username, username));
  await openSession(ctx.db, res, user.id, ctx.settings.sessionTtlMs, ctx.settings.secureCookies);
  // Signed in to change the one-time password, and to nothing else until then.
  if (user.mustChangePassword) throw forbidden('auth.must-change-password');
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, ownerId: user.ownerId, vendorId: user.vendorId };
}

/**
 * Counts an attempt at a user's password (signing in, or the current password of a change) before it is checked,
 * and refuses it (429) once the username or the address has used up its attempts within the window (H6).
 */
export async function countAttempt(ctx: ApiContext, username: string, address: string): Promise<void> {
  const { loginFailuresPerUser, loginFailuresPerAddress, loginWindowMs } = ctx.settings.security;
  await ctx.db.insert(loginAttempts).values({ username, address });
  const since = new Date(Date.now() - loginWindowMs);
  const [byUser] = await ctx.db
    .select({ attempts: count(), oldest: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), gt(loginAttempts.at, since)));
  const [byAddress] = await ctx.db
    .select({ attempts: count(), oldest: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.address, address), gt(loginAttempts.at, since)));
  const locked = [byUser.attempts > loginFailuresPerUser ? byUser : null, byAddress.attempts > loginFailuresPerAddress ? byAddress : null].filter((entry) => entry !== null);
  if (locked.length) {
    const until = Math.max(...locked.map((entry) => (entry.oldest?.getTime() ?? Date.now()) + loginWindowMs));
    throw tooManyRequests('auth.locked', (until - Date.now()) / 1000, [{ field: 'username', message: 'temporarily-locked' }]);
  }
}
