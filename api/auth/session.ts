import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { RequestHandler, Response } from 'express';
import type { Database } from '../../db/client';
import { sessions, users } from '../../db/schema';

export const SESSION_COOKIE = 'steward_session';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  ownerId: string | null;
  vendorId: string | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openSession(db: Database, res: Response, userId: string, ttlMs: number, secure: boolean): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt: new Date(Date.now() + ttlMs) });
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, maxAge: ttlMs, path: '/' });
}

export async function closeSession(db: Database, res: Response, token: string | undefined): Promise<void> {
  if (token) await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Puts the signed-in user (or null) on the request; routes decide what that allows. */
export function loadSession(db: Database): RequestHandler {
  return async (req, _res, next) => {
    try {
      const token: string | undefined = req.cookies?.[SESSION_COOKIE];
      let user: SessionUser | null = null;
      if (token) {
        const [row] = await db
          .select({
            id: users.id,
            username: users.username,
            displayName: users.displayName,
            roles: users.roles,
            ownerId: users.ownerId,
            vendorId: users.vendorId,
          })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date()), eq(users.active, true)));
        user = row ?? null;
      }
      (req as typeof req & { user: SessionUser | null }).user = user;
      next();
    } catch (error) {
      next(error);
    }
  };
}
