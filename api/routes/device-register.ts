import { z } from 'zod';
import { listOf, pageOf } from '../../contracts/common';
import { dataChangeView, historyEntry } from '../../contracts/data-review';
import { deviceChangeProposal, deviceChangeRequest, registeredDeviceListQuery, registeredDeviceSummary, registeredDeviceView } from '../../contracts/device-register';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { correctDeviceChange, deviceHistory, getRegisteredDevice, listRegisteredDevices, submitDeviceChange } from '../use-cases/device-register';

export const deviceRegisterRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/device-changes',
    summary:
      'Add, change or disable a device with its zone and connection data (P5.1b): a draft that changes nothing until the technology department approves it; its password and push secret are write-only (left blank in a change, the stored ones stay); idempotent on changeId',
    access: 'data-review.start',
    body: deviceChangeRequest,
    response: z.object({ changeId: z.string(), workflowId: z.string() }),
    status: 201,
    handle: ({ user, body }) => submitDeviceChange(ctx, user, body),
  }),
  defineRoute({
    method: 'put',
    path: '/device-changes/:changeId',
    summary: 'Correct a returned change to a device and resubmit it (its maker); secrets left blank keep the stored ones; withdraw it with POST /data-changes/:changeId/withdraw',
    access: 'data-review.start',
    body: deviceChangeProposal,
    response: dataChangeView,
    handle: ({ user, params, body }) => correctDeviceChange(ctx, user, params.changeId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/registered-devices',
    summary: 'The device register, a keyset page at a time in device-id order: find a device by (part of) its id, name or zone name; by zone, system, in use or not',
    access: 'data-review.read',
    query: registeredDeviceListQuery,
    response: pageOf(registeredDeviceSummary),
    handle: ({ query }) => listRegisteredDevices(ctx, query),
  }),
  defineRoute({
    method: 'get',
    path: '/registered-devices/:deviceId/history',
    summary: "A device's history of changes: who entered, checked and approved what, when (secrets never shown)",
    access: 'data-review.read',
    response: listOf(historyEntry),
    handle: ({ params }) => deviceHistory(ctx, params.deviceId),
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
