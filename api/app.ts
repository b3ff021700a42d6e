import cookieParser from 'cookie-parser';
import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadSession } from './auth/session';
import type { ApiContext } from './context';
import { notFound, problemHandler } from './http/problem';
import { mountRoutes, openApiDocument } from './http/route';
import { authRoutes } from './routes/auth';
import { faultRoutes } from './routes/faults';
import { processRoutes } from './routes/processes';
import { taskRoutes } from './routes/tasks';

export const API_BASE = '/api/v1';

export function createApp(ctx: ApiContext, options: { uiDir?: string } = {}) {
  const routes = [...authRoutes(ctx), ...taskRoutes(ctx), ...faultRoutes(ctx), ...processRoutes(ctx)];
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const openApi = openApiDocument(routes, API_BASE);
  app.get('/api/docs', (_req, res) => {
    res.json(openApi);
  });
  app.use(API_BASE, express.json({ limit: '4mb' }), cookieParser(), loadSession(ctx.db), mountRoutes(routes));
  app.use('/api', (req, _res, next) => next(notFound(`no route ${req.method} ${req.originalUrl}`)));
  if (options.uiDir && existsSync(options.uiDir)) {
    const uiDir = options.uiDir;
    app.use(express.static(uiDir, { index: false }));
    // The UI routes on the client: every other GET gets the app shell.
    app.get(/.*/, (_req, res) => res.sendFile(path.join(uiDir, 'index.html')));
  }
  app.use(problemHandler);
  return app;
}
