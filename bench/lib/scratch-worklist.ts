/**
 * A scratch copy of GET /api/v1/tasks with the change the worklist bench proposes, served by a
 * separate Express app in the bench process so it can be measured the same way as the real route.
 * Nothing here is used by Steward itself; api/ and db/ are unchanged.
 *
 * Each route runs the real listWorklist use case with the same query validation, and changes:
 * - /scratch/tasks-session-cache: the session is looked up at most every 10 s per token (in memory; a
 *   signed-out token stays valid that long unless sign-out also clears the cache, which it can in one process);
 * - /scratch/tasks-no-output-check: the response is not re-validated with zod on the way out (the use
 *   case builds it typed);
 * - /scratch/tasks-lean: both.
 */
import cookieParser from 'cookie-parser';
import express, { type RequestHandler } from 'express';
import type { Server } from 'node:http';
import { loadSession, SESSION_COOKIE, type SessionUser } from '../../api/auth/session';
import type { ApiContext } from '../../api/context';
import { listWorklist } from '../../api/use-cases/worklist';
import { pageOf } from '../../contracts/common';
import { taskSummary, worklistFilters } from '../../contracts/tasks';
import type { Database } from '../../db/client';

type WithUser = { user?: SessionUser | null };

/** loadSession, answered from memory for `ttlMs` per token. */
function cachedSession(db: Database, ttlMs = 10_000): RequestHandler {
  const load = loadSession(db, 24 * 3600_000);
  const cache = new Map<string, { user: SessionUser | null; until: number }>();
  return (req, res, next) => {
    const token: string | undefined = req.cookies?.[SESSION_COOKIE];
    const hit = token ? cache.get(token) : undefined;
    if (hit && hit.until > Date.now()) {
      (req as typeof req & WithUser).user = hit.user;
      next();
      return;
    }
    void load(req, res, (error?: unknown) => {
      if (!error && token) cache.set(token, { user: (req as typeof req & WithUser).user ?? null, until: Date.now() + ttlMs });
      next(error);
    });
  };
}

const taskPage = pageOf(taskSummary);

/** Serves the GET /scratch/tasks-… routes (session cookie as for the API) on a free port. */
export function listenScratchWorklist(db: Database): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const ctx = { db } as unknown as ApiContext;
  const handler = (checkOutput: boolean): RequestHandler => async (req, res, next) => {
    try {
      const user = (req as typeof req & WithUser).user;
      if (!user) {
        res.status(401).end();
        return;
      }
      const query = worklistFilters.safeParse(req.query);
      if (!query.success) {
        res.status(400).end();
        return;
      }
      const result = await listWorklist(ctx, user, query.data);
      res.json(checkOutput ? taskPage.parse(result) : result);
    } catch (error) {
      next(error);
    }
  };
  app.get('/scratch/tasks-lean', cookieParser(), cachedSession(db), handler(false));
  app.get('/scratch/tasks-session-cache', cookieParser(), cachedSession(db), handler(true));
  app.get('/scratch/tasks-no-output-check', cookieParser(), loadSession(db, 24 * 3600_000), handler(false));
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
    server.once('error', reject);
  });
}
