import { z } from 'zod';
import { listOf } from '../../contracts/common';
import {
  deviceFirmwareView,
  firmwareReleaseQuery,
  firmwareReleaseRequest,
  firmwareReleaseView,
  upgradePlanDetail,
  upgradePlanRequest,
  upgradePlanSummary,
  upgradeProposalView,
} from '../../contracts/upgrades';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { getRelease, listReleases, registerRelease, releaseFile } from '../use-cases/firmware-releases';
import { draftPlan, getPlan, listDeviceFirmware, listPlans } from '../use-cases/upgrades';
import { assessNow, listProposals } from '../use-cases/upgrade-assessment';

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
  defineRoute({
    method: 'get',
    path: '/device-firmware',
    summary: 'Every device with the model and firmware it last reported, and the open upgrade plan it is in',
    access: 'device-upgrade.read',
    response: listOf(deviceFirmwareView),
    handle: () => listDeviceFirmware(ctx),
  }),
  defineRoute({
    method: 'post',
    path: '/upgrade-plans',
    summary: 'Draft a device upgrade plan and start its process: approval, then the window (P3.3a); idempotent on planId',
    access: 'device-upgrade.start',
    body: upgradePlanRequest,
    response: z.object({ planId: z.string(), workflowId: z.string() }),
    status: 201,
    handle: ({ user, body }) => draftPlan(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/upgrade-plans',
    summary: 'Upgrade plans, newest first, with their devices counted by state',
    access: 'device-upgrade.read',
    response: listOf(upgradePlanSummary),
    handle: () => listPlans(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/upgrade-plans/:planId',
    summary: "An upgrade plan with each device's record: versions before and after, backup, checks, durations (P3.3b)",
    access: 'device-upgrade.read',
    response: upgradePlanDetail,
    handle: ({ params }) => getPlan(ctx, params.planId),
  }),
  defineRoute({
    method: 'get',
    path: '/upgrade-proposals',
    summary: "The periodic assessment's upgrade proposals (P3.3a): devices on older firmware than their model's newest release, the most pressing first",
    access: 'device-upgrade.read',
    response: listOf(upgradeProposalView),
    handle: () => listProposals(ctx),
  }),
  defineRoute({
    method: 'post',
    path: '/upgrade-assessments',
    summary: 'Assess every device now, besides the periodic Schedule (P3.3a)',
    access: 'device-upgrade.start',
    response: z.object({ scheduleId: z.string() }),
    status: 202,
    handle: () => assessNow(ctx),
  }),
];
