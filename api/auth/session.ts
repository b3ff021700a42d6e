import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { RequestHandler, Response } from 'express';
import { executePrepared, type Database } from '../../db/client';
import { sessions, users } from '../../db/schema';
import { SESSION_CHANNEL } from '../../domain/staff-users';

export const SESSION_COOKIE = 'steward_session';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  ownerId: string | null;
  vendorId: string | null;
  /** After an administrator's reset: only the change of password is open to them until they change it. */
  mustChangePassword?: boolean;
}

/** What the session table keeps of a cookie token. */
export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Signed-in users looked up in the last few seconds, so a busy worklist does not read the session
 * table on every request. Logout evicts at once; so does a disabled user, a change of roles or of
 * password, in every API process (SESSION_CHANNEL); an expired session is honoured within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_LIMIT = 10_000;
const recentSessions = new Map<string, { user: SessionUser; until: number }>();

const userChangeListeners = new Set<(userId: string) => void>();

/** Called with each user whose sessions ended or must be read again (a live stream ends theirs, to be opened anew). */
export function onUserChanged(listener: (userId: string) => void): void {
  userChangeListeners.add(listener);
}

/** Forgets every session of the user this process remembers: its next request reads the session table. */
export function forgetUser(userId: string): void {
  for (const [tokenHash, entry] of recentSessions) if (entry.user.id === userId) recentSessions.delete(tokenHash);
  for (const listener of userChangeListeners) listener(userId);
}

function remember(tokenHash: string, user: SessionUser): void {
  if (recentSessions.size >= SESSION_CACHE_LIMIT) recentSessions.delete(recentSessions.keys().next().value!);
  recentSessions.set(tokenHash, { user, until: Date.now() + SESSION_CACHE_MS });
}

export async function openSession(db: Database, res: Response, userId: string, ttlMs: number, secure: boolean): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ tokenHash: tokenHashOf(token), userId, expiresAt: new Date(Date.now() + ttlMs) });
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, maxAge: ttlMs, path: '/' });
}

export async function closeSession(db: Database, res: Response, token: string | undefined): Promise<void> {
  if (token) {
    recentSessions.delete(tokenHashOf(token));
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHashOf(token)));
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
  // Until it listens (and whenever its connection is being re-established) nothing is remembered.
  let listening = false;
  void db.$client
    .listen(SESSION_CHANNEL, forgetUser, () => {
      listening = true;
    })
    .catch((error: Error) => console.error(`[sessions] cannot listen for ended sessions: ${error.message}`));
  return async (req, _res, next) => {
    try {
      const token: string | undefined = req.cookies?.[SESSION_COOKIE];
      let user: SessionUser | null = null;
      const tokenHash = token ? tokenHashOf(token) : null;
      const recent = tokenHash ? recentSessions.get(tokenHash) : undefined;
      if (recent && recent.until > Date.now() && listening) user = recent.user;
      else if (tokenHash) {
        // One prepared statement on the database's clock: the user, and the last-seen time moved on when stale.
        const [row] = await executePrepared<SessionUser & Record<string, unknown>>(db, sql`
          with found as (
            select ${users.id} as id, ${users.username} as username, ${users.displayName} as "displayName", ${users.roles} as roles,
                   ${users.ownerId} as "ownerId", ${users.vendorId} as "vendorId", ${users.mustChangePassword} as "mustChangePassword", ${sessions.lastSeenAt} < now() - make_interval(secs => ${LAST_SEEN_STEP_MS / 1000}) as stale
            from ${sessions} join ${users} on ${users.id} = ${sessions.userId}
            where ${sessions.tokenHash} = ${tokenHash} and ${sessions.expiresAt} > now()
              and ${sessions.lastSeenAt} > now() - make_interval(secs => ${idleMs / 1000}) and ${users.active}
          ), touched as (
            update ${sessions} set last_seen_at = now() where token_hash = ${tokenHash} and (select stale from found)
          )
          select id, username, "displayName", roles, "ownerId", "vendorId", "mustChangePassword" from found`);
        user = row ?? null;
        if (user) remember(tokenHash, user);
        else recentSessions.delete(tokenHash);
      }
      (req as typeof req & { user: SessionUser | null }).user = user;
      next();
    } catch (error) {
      next(error);
    }
  };
}
