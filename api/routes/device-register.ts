import { z } from 'zod';
import { deviceChangeRequest, registeredDeviceView } from '../../contracts/device-register';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { getRegisteredDevice, submitDeviceChange } from '../use-cases/device-register';

export const deviceRegisterRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/device-changes',
    summary:
      'Add a device with its zone and connection data (P5.1b): a draft that changes nothing until the technology department approves it; its password and push secret are write-only; idempotent on changeId',
    access: 'data-review.start',
    body: deviceChangeRequest,
    response: z.object({ changeId: z.string(), workflowId: z.string() }),
    status: 201,
    handle: ({ user, body }) => submitDeviceChange(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/registered-devices/:deviceId',
    summary: 'A registered device: its zone, connection (never its secrets) and health',
    access: 'data-review.read',
    response: registeredDeviceView,
    handle: ({ params }) => getRegisteredDevice(ctx, params.deviceId),
  }),
];
