import cookieParser from 'cookie-parser';
import express from 'express';
import { existsSync } from 'node:fs';
import { loadSession } from './auth/session';
import type { ApiContext } from './context';
import { admission, admissionGates } from './http/admission';
import { DependencyGuard, explainFailures } from './http/dependencies';
import { sameOriginWrites, securityHeaders } from './http/hardening';
import { staticUi } from './http/static-ui';
import { notFound, problemHandler } from './http/problem';
import { mountRoutes, openApiDocument } from './http/route';
import { checkReadiness } from './use-cases/readiness';
import { acceptanceRoutes } from './routes/acceptance';
import { authRoutes } from './routes/auth';
import { dataImportRoutes } from './routes/data-import';
import { deviceRegisterRoutes } from './routes/device-register';
import { dataReviewRoutes } from './routes/data-review';
import { residentRoutes } from './routes/residents';
import { guardRosterRoutes } from './routes/guard-roster';
import { staffUserRoutes } from './routes/staff-users';
import { deliveryRoutes } from './routes/delivery';
import { accessControlRoutes } from './routes/access-control';
import { accessLogRoutes } from './routes/access-log';
import { backupRoutes } from './routes/backups';
import { trainingRoutes } from './routes/training';
import { securityTrainingGate } from './use-cases/training';
import { deviceListener, deviceRoutes } from './routes/devices';
import { faultRoutes } from './routes/faults';
import { ownerFeedbackRoutes } from './routes/owner-feedback';
import { announcementRoutes } from './routes/announcements';
import { inspectionRoutes } from './routes/inspections';
import { kpiRoutes } from './routes/kpis';
import { governanceRoutes } from './routes/governance';
import { processRoutes } from './routes/processes';
import { supplierEvaluationRoutes } from './routes/supplier-evaluation';
import { procurementRoutes } from './routes/procurement';
import { supplierRoutes } from './routes/suppliers';
import { taskRoutes } from './routes/tasks';
import { notificationRoutes } from './routes/notifications';
import { upgradeRoutes } from './routes/upgrades';
import { accessLogWriter } from './use-cases/access-log';

export const API_BASE = '/api/v1';

/** Every route the API mounts under API_BASE (the device listener apart). */
export const apiRoutes = (ctx: ApiContext) => [
  ...authRoutes(ctx),
  ...taskRoutes(ctx),
  ...notificationRoutes(ctx),
  ...faultRoutes(ctx),
  ...ownerFeedbackRoutes(ctx),
  ...announcementRoutes(ctx),
  ...processRoutes(ctx),
  ...deliveryRoutes(ctx),
  ...acceptanceRoutes(ctx),
  ...supplierEvaluationRoutes(ctx),
  ...inspectionRoutes(ctx),
  ...supplierRoutes(ctx),
  ...procurementRoutes(ctx),
  ...deviceRoutes(ctx),
  ...accessControlRoutes(ctx),
  ...governanceRoutes(ctx),
  ...accessLogRoutes(ctx),
  ...backupRoutes(ctx),
  ...dataReviewRoutes(ctx),
  ...dataImportRoutes(ctx),
  ...deviceRegisterRoutes(ctx),
  ...staffUserRoutes(ctx),
  ...residentRoutes(ctx),
  ...guardRosterRoutes(ctx),
  ...upgradeRoutes(ctx),
  ...kpiRoutes(ctx),
  ...trainingRoutes(ctx),
];

/** What an instance that is not ready asks its callers to wait before trying again. */
const READY_RETRY_AFTER_SECONDS = 5;

export function createApp(ctx: ApiContext, options: { uiDir?: string } = {}) {
  const routes = apiRoutes(ctx);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Behind a reverse proxy, TRUST_PROXY names it so sign-in throttling sees the client's address.
  if (ctx.settings.trustProxy) app.set('trust proxy', ctx.settings.trustProxy);
  app.use(securityHeaders(ctx.settings.secureCookies));
  const openApi = openApiDocument(routes, API_BASE);
  app.get('/api/docs', (_req, res) => {
    res.json(openApi);
  });
  // For orchestrators: the process lives (no dependency asked), and whether it can serve (which dependency is down).
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(ctx);
    if (!readiness.ready) res.status(503).set('Retry-After', String(READY_RETRY_AFTER_SECONDS));
    res.json(readiness);
  });
  // Overload and outages are answered at the door: each route's bounded turn, then 503 at once while a dependency is down.
  const guard = new DependencyGuard(ctx);
  app.use(`${API_BASE}/device-events`, admission({ ...ctx.settings.admission, concurrency: ctx.settings.admission.deviceEventConcurrency }), guard.failFast, deviceListener(ctx));
  app.use(
    API_BASE,
    // A live stream holds its request open as long as its page is: it would keep a turn for ever and lock out the
    // route's 17th page. Its work is done per change, once for every client, and connections stay bounded.
    admissionGates(
      routes.filter((route) => route.raw?.contentType !== 'text/event-stream'),
      ctx.settings.admission,
    ),
    guard.failFast,
    sameOriginWrites(ctx.settings.security.allowedOrigins),
    express.json({ limit: '4mb' }),
    cookieParser(),
    loadSession(ctx.db, ctx.settings.security.sessionIdleMs),
    mountRoutes(routes, { recordRead: accessLogWriter(ctx), admitPersonalData: securityTrainingGate(ctx) }),
  );
  app.use('/api', (req, _res, next) => next(notFound('request.no-route', { method: req.method, path: req.originalUrl })));
  // The UI routes on the client: every other GET gets the app shell.
  if (options.uiDir && existsSync(options.uiDir)) app.use(staticUi(options.uiDir));
  app.use(explainFailures(guard));
  app.use(problemHandler);
  return app;
}
