import { eq } from 'drizzle-orm';
import type { Response } from 'express';
import { z } from 'zod';
import { users } from '../../db/schema';
import { verifyPassword } from '../auth/passwords';
import { openSession, type SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { unauthorized } from '../http/problem';

export const credentials = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  ownerId: z.string().nullable(),
  vendorId: z.string().nullable(),
});

export async function signIn(ctx: ApiContext, res: Response, { username, password }: z.infer<typeof credentials>): Promise<SessionUser> {
  const user = await ctx.db.query.users.findFirst({ where: eq(users.username, username) });
  // One answer for an unknown user and a wrong password, so usernames cannot be probed.
  if (!user || !user.active || !(await verifyPassword(user.passwordHash, password))) throw unauthorized('wrong username or password');
  await openSession(ctx.db, res, user.id, ctx.settings.sessionTtlMs, ctx.settings.secureCookies);
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, ownerId: user.ownerId, vendorId: user.vendorId };
}
