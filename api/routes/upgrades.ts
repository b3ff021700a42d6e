import { listOf } from '../../contracts/common';
import { firmwareReleaseQuery, firmwareReleaseRequest, firmwareReleaseView } from '../../contracts/upgrades';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { getRelease, listReleases, registerRelease, releaseFile } from '../use-cases/firmware-releases';

export const upgradeRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/firmware-releases',
    summary: "Register a supplier's firmware release with its file and the file's SHA-256 (P3.3a); idempotent on releaseId",
    access: 'firmware.register',
    body: firmwareReleaseRequest,
    response: firmwareReleaseView,
    status: 201,
    handle: ({ user, body }) => registerRelease(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/firmware-releases',
    summary: 'Firmware releases, newest first; by device model',
    access: 'firmware.read',
    query: firmwareReleaseQuery,
    response: listOf(firmwareReleaseView),
    handle: ({ user, query }) => listReleases(ctx, user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/firmware-releases/:releaseId',
    summary: 'One firmware release',
    access: 'firmware.read',
    response: firmwareReleaseView,
    handle: ({ user, params }) => getRelease(ctx, user, params.releaseId),
  }),
  defineRoute({
    method: 'get',
    path: '/firmware-releases/:releaseId/file',
    summary: "A firmware release's file, byte for byte as registered",
    access: 'firmware.read',
    raw: { contentType: 'application/octet-stream' },
    handle: async ({ user, params, res }) => {
      const file = await releaseFile(ctx, user, params.releaseId);
      res.type('application/octet-stream').attachment(file.fileName).send(file.bytes);
    },
  }),
];
