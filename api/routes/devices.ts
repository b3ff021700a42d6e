import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { ApiContext } from '../context';
import { consoleHub } from '../devices/console-hub';
import { parseAlertBody } from '../devices/normalise';
import { deviceGateway } from '../devices/registry';
import { FailureWindow } from '../http/hardening';
import { badRequest, HttpProblem, tooManyRequests } from '../http/problem';
import { defineRoute } from '../http/route';
import { assignGuard, cameraSnapshot, getIncident, listDeviceHealth, listGuards, listIncidents } from '../use-cases/console';
import { listOf } from '../../contracts/common';
import { assignGuardRequest, deviceHealthView, guardView, incidentListQuery, incidentView } from '../../contracts/console';

/**
 * The device listener: devices push ISAPI `EventNotificationAlert`s (XML or JSON) here, authenticated
 * with HTTP Basic (device id, push secret). It lives on the API's own port so a site opens one address
 * to its devices, behind the same proxy and TLS; it is mounted before the JSON parser because devices
 * send XML too. 200 means stored (an alarm then reaches its incident at least once, from here or from the
 * outbox): a device retries anything else.
 */
export function deviceListener(ctx: ApiContext): Router {
  const router = Router();
  // Failed authentications per device id and per address: past the limit, refused before any lookup (H6).
  // Many devices may share one address (NAT), so the address gets ten times a device's allowance.
  const { deviceAuthFailures, deviceAuthWindowMs } = ctx.settings.security;
  const byDevice = new FailureWindow(deviceAuthFailures, deviceAuthWindowMs);
  const byAddress = new FailureWindow(deviceAuthFailures * 10, deviceAuthWindowMs);
  router.post('/', express.text({ type: () => true, limit: '1mb' }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const header = req.headers.authorization ?? '';
      const [scheme, encoded] = header.split(' ');
      const [deviceId, secret] = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8').split(/:(.*)/s) : [];
      const address = req.ip ?? 'unknown';
      const wait = Math.max(byAddress.retryAfter(address), deviceId ? byDevice.retryAfter(deviceId) : 0);
      if (wait > 0) throw tooManyRequests('device.locked', wait);
      const gateway = deviceGateway(ctx);
      const device = deviceId && secret ? await gateway.authenticate(deviceId, secret) : null;
      if (!device) {
        byAddress.fail(address);
        if (deviceId) byDevice.fail(deviceId);
        res.setHeader('www-authenticate', 'Basic realm="steward-devices"');
        throw new HttpProblem(401, 'device.not-authenticated');
      }
      const alert = typeof req.body === 'string' ? parseAlertBody(req.body, req.headers['content-type'] ?? '') : null;
      if (!alert) throw badRequest('device.not-an-alert', [{ field: '(body)', message: 'not-an-alert' }]);
      res.json(await gateway.accept(device, alert, 'http'));
    } catch (error) {
      next(error);
    }
  });
  return router;
}

export const deviceRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/console/incidents',
    summary: 'Alarm incidents for the control-room console (P4.2c)',
    access: 'console.read',
    query: incidentListQuery,
    response: listOf(incidentView),
    handle: async ({ query }) => ({ items: await listIncidents(ctx, query.scope) }),
  }),
  defineRoute({
    method: 'get',
    path: '/console/incidents/:workflowId',
    summary: 'One alarm incident with its timeline',
    access: 'console.read',
    response: incidentView,
    handle: ({ params }) => getIncident(ctx, params.workflowId),
  }),
  defineRoute({
    method: 'post',
    path: '/console/incidents/:workflowId/assign',
    summary: 'Assign a guard to an incident not yet acknowledged',
    access: 'alarm-linkage.assign-guard',
    body: assignGuardRequest,
    response: incidentView,
    handle: ({ user, params, body }) => assignGuard(ctx, user, params.workflowId, body.guardUserId),
  }),
  defineRoute({
    method: 'get',
    path: '/console/guards',
    summary: 'Active guards the control room can assign',
    access: 'console.read',
    response: listOf(guardView),
    handle: async () => ({ items: await listGuards(ctx) }),
  }),
  defineRoute({
    method: 'get',
    path: '/console/devices',
    summary: 'Device health at a glance (P3.1b): streaming, stale, down',
    access: 'console.read',
    response: listOf(deviceHealthView),
    handle: async () => ({ items: await listDeviceHealth(ctx) }),
  }),
  defineRoute({
    method: 'get',
    path: '/console/stream',
    summary: 'Live incidents and device health (server-sent events: snapshot, incident, device)',
    access: 'console.read',
    raw: { contentType: 'text/event-stream' },
    handle: async ({ res, user }) => {
      await consoleHub(ctx).attach(res, user.id);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/devices/:deviceId/snapshot',
    summary: "A camera's snapshot now (JPEG), fetched with the device's credentials",
    access: 'console.read',
    raw: { contentType: 'image/jpeg' },
    personalData: { kind: 'camera-snapshot', scope: 'record', read: ({ params }) => ({ recordIds: [params.deviceId] }) },
    handle: async ({ params, res }) => {
      const image = await cameraSnapshot(ctx, params.deviceId);
      res.type('image/jpeg').setHeader('cache-control', 'no-store');
      res.send(Buffer.from(image));
    },
  }),
];
