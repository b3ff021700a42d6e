import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
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

/**
 * Signed-in users looked up in the last few seconds, so a busy worklist does not read the session
 * table on every request. Logout evicts at once; a deactivated user or an expired session is
 * honoured within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_LIMIT = 10_000;
const recentSessions = new Map<string, { user: SessionUser; until: number }>();

function remember(tokenHash: string, user: SessionUser): void {
  if (recentSessions.size >= SESSION_CACHE_LIMIT) recentSessions.delete(recentSessions.keys().next().value!);
  recentSessions.set(tokenHash, { user, until: Date.now() + SESSION_CACHE_MS });
}

export async function openSession(db: Database, res: Response, userId: string, ttlMs: number, secure: boolean): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt: new Date(Date.now() + ttlMs) });
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, maxAge: ttlMs, path: '/' });
}

export async function closeSession(db: Database, res: Response, token: string | undefined): Promise<void> {
  if (token) {
    recentSessions.delete(hashToken(token));
    await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  }
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** How stale a session's last-seen time may get before a request moves it on (one write a minute at most). */
const LAST_SEEN_STEP_MS = 60_000;

/**
 * Puts the signed-in user (or null) on the request; routes decide what that allows. A session ends at
 * its absolute expiry or after `idleMs` without use, whichever comes first.
 */
export function loadSession(db: Database, idleMs: number): RequestHandler {
  return async (req, _res, next) => {
    try {
      const token: string | undefined = req.cookies?.[SESSION_COOKIE];
      let user: SessionUser | null = null;
      const tokenHash = token ? hashToken(token) : null;
      const recent = tokenHash ? recentSessions.get(tokenHash) : undefined;
      if (recent && recent.until > Date.now()) user = recent.user;
      else if (tokenHash) {
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
          .where(
            and(
              eq(sessions.tokenHash, tokenHash),
              gt(sessions.expiresAt, new Date()),
              gt(sessions.lastSeenAt, new Date(Date.now() - idleMs)),
              eq(users.active, true),
            ),
          );
        user = row ?? null;
        if (user) {
          remember(tokenHash, user);
          await db
            .update(sessions)
            .set({ lastSeenAt: sql`now()` })
            .where(and(eq(sessions.tokenHash, tokenHash), lt(sessions.lastSeenAt, new Date(Date.now() - LAST_SEEN_STEP_MS))));
        } else recentSessions.delete(tokenHash);
      }
      (req as typeof req & { user: SessionUser | null }).user = user;
      next();
    } catch (error) {
      next(error);
    }
  };
}
