import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { FieldFault } from '../../contracts/problem-texts';
import type { DeviceFirmwareView, UpgradePlanDetail, UpgradePlanSummary, upgradePlanRequest } from '../../contracts/upgrades';
import type { UpgradeDeviceState } from '../../contracts/vocabulary';
import { deviceFirmware, devices, firmwareReleases, upgradeDevices, upgradePlans, users } from '../../db/schema';
import { deviceUpgradeProcess, type DeviceUpgradeInput, type UpgradeTarget } from '../../workflows/device-upgrade/definition';
import { needsManagementApproval, planWaves, type DeviceCheck, type DeviceUpgradeOutcome } from '../../workflows/device-upgrade/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, notFound, unprocessable } from '../http/problem';
import { backupRunInput } from './backups';
import { startProcess } from './start-process';

type PlanRequest = z.output<typeof upgradePlanRequest>;
type PlanRow = typeof upgradePlans.$inferSelect;

/** Plans whose devices are spoken for: a device is in one open plan at a time. */
const OPEN_PLAN_STATUSES = ['in-review', 'approved', 'running', 'paused'] as const;

/**
 * P3.3a: what a plan is checked against before anything is written: each device exists and has reported its model
 * and firmware, has a target for its model and does not run it already, and is in no other open plan; each release
 * exists and is for its model; a rollback release is the version the devices run now; the window is still ahead.
 * Refused with a 422 naming every field at fault.
 */
async function checkedPlan(ctx: ApiContext, request: PlanRequest) {
  const faults: FieldFault[] = [];
  const releaseIds = request.targets.flatMap((target) => [target.releaseId, ...(target.rollbackReleaseId ? [target.rollbackReleaseId] : [])]);
  const [releases, deviceRows, busy] = await Promise.all([
    ctx.db.select().from(firmwareReleases).where(inArray(firmwareReleases.id, releaseIds)),
    ctx.db
      .select({ id: devices.id, name: devices.name, system: devices.system, model: deviceFirmware.model, version: deviceFirmware.firmwareVersion })
      .from(devices)
      .leftJoin(deviceFirmware, eq(deviceFirmware.deviceId, devices.id))
      .where(inArray(devices.id, request.deviceIds)),
    ctx.db
      .select({ deviceId: upgradeDevices.deviceId })
      .from(upgradeDevices)
      .innerJoin(upgradePlans, eq(upgradePlans.id, upgradeDevices.planId))
      .where(and(inArray(upgradeDevices.deviceId, request.deviceIds), inArray(upgradePlans.status, [...OPEN_PLAN_STATUSES]), sql`${upgradePlans.id} <> ${request.planId}`)),
  ]);
  const releaseOf = new Map(releases.map((release) => [release.id, release]));
  const targets: UpgradeTarget[] = [];
  request.targets.forEach((target, index) => {
    const install = releaseOf.get(target.releaseId);
    if (!install) faults.push({ field: `targets.${index}.releaseId`, message: 'no-such-release' });
    else if (!install.models.includes(target.model)) faults.push({ field: `targets.${index}.releaseId`, message: 'release-not-for-model', params: { model: target.model } });
    const found = target.rollbackReleaseId ? releaseOf.get(target.rollbackReleaseId) : undefined;
    const rollback = found?.models.includes(target.model) ? found : undefined;
    if (target.rollbackReleaseId && !found) faults.push({ field: `targets.${index}.rollbackReleaseId`, message: 'no-such-release' });
    else if (found && !rollback) faults.push({ field: `targets.${index}.rollbackReleaseId`, message: 'release-not-for-model', params: { model: target.model } });
    if (install) targets.push({ model: target.model, release: { releaseId: install.id, version: install.version }, rollback: rollback ? { releaseId: rollback.id, version: rollback.version } : null });
  });
  const rowOf = new Map(deviceRows.map((row) => [row.id, row]));
  const busyIds = new Set(busy.map((row) => row.deviceId));
  request.deviceIds.forEach((deviceId, index) => {
    const field = `deviceIds.${index}`;
    const row = rowOf.get(deviceId);
    if (!row) return faults.push({ field, message: 'no-such-device' });
    if (!row.model || !row.version) return faults.push({ field, message: 'firmware-not-reported' });
    const target = targets.find((candidate) => candidate.model === row.model);
    if (!target) return faults.push({ field, message: 'no-target-for-model', params: { model: row.model } });
    if (row.version === target.release.version) return faults.push({ field, message: 'already-on-target', params: { version: row.version } });
    const rollbackField = `targets.${request.targets.findIndex((candidate) => candidate.model === row.model)}.rollbackReleaseId`;
    if (target.rollback && target.rollback.version !== row.version && !faults.some((fault) => fault.field === rollbackField)) {
      faults.push({ field: rollbackField, message: 'not-the-running-version', params: { version: row.version } });
    }
    if (busyIds.has(deviceId)) faults.push({ field, message: 'in-open-plan' });
  });
  if (Date.parse(request.windowEndsAt) <= Date.now()) faults.push({ field: 'windowEndsAt', message: 'window-closed' });
  if (faults.length) throw unprocessable('upgrade.plan-invalid', faults);
  const planned = request.deviceIds.map((deviceId) => {
    const row = rowOf.get(deviceId)!;
    return { deviceId, name: row.name, model: row.model!, system: row.system, version: row.version! };
  });
  return { targets, planned };
}

/** The same draft sent again: same drafter, title, canary and devices (stored in rollout order, the canary first). */
const sameRequest = (row: PlanRow, devicesOf: string[], user: SessionUser, request: PlanRequest) =>
  row.draftedBy === user.id &&
  row.title === request.title &&
  row.canaryDeviceId === request.canaryDeviceId &&
  [...devicesOf].sort().join(',') === [...request.deviceIds].sort().join(',');

/**
 * P3.3a: the tech supervisor's plan, stored with its devices (each in its wave, the canary first) and its process
 * started: the approvals, then the window. Idempotent on the plan id: the same draft sent again joins its process.
 */
export async function draftPlan(ctx: ApiContext, user: SessionUser, request: PlanRequest): Promise<{ planId: string; workflowId: string }> {
  const workflowId = deviceUpgradeProcess.workflowId(request.planId);
  const existing = await ctx.db.query.upgradePlans.findFirst({ where: eq(upgradePlans.id, request.planId) });
  if (existing) {
    const stored = await ctx.db.select({ deviceId: upgradeDevices.deviceId }).from(upgradeDevices).where(eq(upgradeDevices.planId, request.planId));
    if (!sameRequest(existing, stored.map((row) => row.deviceId), user, request)) throw conflict('upgrade.id-taken', [{ field: 'planId', message: 'taken' }]);
  }
  const { targets, planned } = await checkedPlan(ctx, request);
  const needsManagement = needsManagementApproval(request.risk, planned.map((device) => device.system));
  const { canary, waves } = planWaves(planned, request.canaryDeviceId, request.waveSize);
  const ordered = [canary, ...waves.flat()];
  const waveOf = (deviceId: string) => (deviceId === canary.deviceId ? 0 : waves.findIndex((wave) => wave.some((device) => device.deviceId === deviceId)) + 1);
  const input: DeviceUpgradeInput = {
    planId: request.planId,
    title: request.title,
    draftedBy: { userId: user.id, displayName: user.displayName },
    targets,
    devices: ordered.map(({ deviceId, name, model, system }) => ({ deviceId, name, model, system })),
    canaryDeviceId: canary.deviceId,
    window: { startsAt: new Date(request.windowStartsAt).toISOString(), endsAt: new Date(request.windowEndsAt).toISOString() },
    waveSize: request.waveSize,
    maxFailures: request.maxFailures,
    wavePauseMs: request.wavePauseSeconds * 1000,
    risk: request.risk,
    riskAssessment: request.riskAssessment,
    rollbackPlan: request.rollbackPlan,
    timings: ctx.settings.upgrades,
    stewardBackup: ctx.settings.upgradeBacksUpSteward ? backupRunInput(ctx.settings, 'incremental', user.displayName) : null,
  };
  if (!existing) {
    await ctx.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(upgradePlans)
        .values({
          id: request.planId,
          workflowId,
          title: request.title,
          status: 'in-review',
          targets,
          canaryDeviceId: canary.deviceId,
          windowStartsAt: new Date(request.windowStartsAt),
          windowEndsAt: new Date(request.windowEndsAt),
          waveSize: request.waveSize,
          maxFailures: request.maxFailures,
          wavePauseMs: request.wavePauseSeconds * 1000,
          risk: request.risk,
          riskAssessment: request.riskAssessment,
          rollbackPlan: request.rollbackPlan,
          needsManagement,
          draftedBy: user.id,
          draftedAt: new Date(),
        })
        .onConflictDoNothing()
        .returning({ id: upgradePlans.id });
      // The same id sent twice at once: the other request wrote the plan and its devices.
      if (!inserted.length) return;
      await tx.insert(upgradeDevices).values(
        ordered.map((device, position) => ({
          planId: request.planId,
          deviceId: device.deviceId,
          wave: waveOf(device.deviceId),
          position,
          model: device.model,
          targetVersion: targets.find((target) => target.model === device.model)!.release.version,
        })),
      );
    });
  }
  await startProcess(ctx, deviceUpgradeProcess, { workflowId, input, title: request.title, startedBy: user.id });
  return { planId: request.planId, workflowId };
}

async function countsOf(ctx: ApiContext, planIds: string[]) {
  if (!planIds.length) return new Map<string, Array<{ state: UpgradeDeviceState; count: number }>>();
  const rows = await ctx.db
    .select({ planId: upgradeDevices.planId, state: upgradeDevices.state, count: sql<number>`count(*)::int` })
    .from(upgradeDevices)
    .where(inArray(upgradeDevices.planId, planIds))
    .groupBy(upgradeDevices.planId, upgradeDevices.state);
  const counts = new Map<string, Array<{ state: UpgradeDeviceState; count: number }>>();
  for (const row of rows) counts.set(row.planId, [...(counts.get(row.planId) ?? []), { state: row.state, count: row.count }]);
  return counts;
}

const summaryOf = (row: PlanRow, draftedByName: string, counts: Array<{ state: UpgradeDeviceState; count: number }>): UpgradePlanSummary => ({
  id: row.id,
  workflowId: row.workflowId,
  title: row.title,
  status: row.status,
  risk: row.risk,
  windowStartsAt: row.windowStartsAt.toISOString(),
  windowEndsAt: row.windowEndsAt.toISOString(),
  draftedBy: row.draftedBy,
  draftedByName,
  draftedAt: row.draftedAt.toISOString(),
  deviceCount: counts.reduce((sum, entry) => sum + entry.count, 0),
  counts,
});

/** The plans, newest first. */
export async function listPlans(ctx: ApiContext) {
  const rows = await ctx.db
    .select({ plan: upgradePlans, draftedByName: users.displayName })
    .from(upgradePlans)
    .innerJoin(users, eq(users.id, upgradePlans.draftedBy))
    .orderBy(desc(upgradePlans.draftedAt))
    .limit(200);
  const counts = await countsOf(ctx, rows.map((row) => row.plan.id));
  return { items: rows.map(({ plan, draftedByName }) => summaryOf(plan, draftedByName, counts.get(plan.id) ?? [])) };
}

/** A plan with every device's record: versions, backup, checks, durations (P3.3b). */
export async function getPlan(ctx: ApiContext, planId: string): Promise<UpgradePlanDetail> {
  const [row] = await ctx.db
    .select({ plan: upgradePlans, draftedByName: users.displayName })
    .from(upgradePlans)
    .innerJoin(users, eq(users.id, upgradePlans.draftedBy))
    .where(eq(upgradePlans.id, planId));
  if (!row) throw notFound('upgrade.unknown', { planId });
  const { plan } = row;
  const deviceRows = await ctx.db
    .select({ record: upgradeDevices, name: devices.name })
    .from(upgradeDevices)
    .innerJoin(devices, eq(devices.id, upgradeDevices.deviceId))
    .where(eq(upgradeDevices.planId, planId))
    .orderBy(asc(upgradeDevices.position));
  const counts = (await countsOf(ctx, [planId])).get(planId) ?? [];
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  const outcome = plan.outcome as DeviceUpgradeOutcome | null;
  return {
    ...summaryOf(plan, row.draftedByName, counts),
    targets: (plan.targets as UpgradeTarget[]).map((target) => ({
      model: target.model,
      releaseId: target.release.releaseId,
      version: target.release.version,
      rollbackReleaseId: target.rollback?.releaseId ?? null,
      rollbackVersion: target.rollback?.version ?? null,
    })),
    canaryDeviceId: plan.canaryDeviceId,
    waveSize: plan.waveSize,
    maxFailures: plan.maxFailures,
    wavePauseSeconds: plan.wavePauseMs / 1000,
    riskAssessment: plan.riskAssessment,
    rollbackPlan: plan.rollbackPlan,
    needsManagement: plan.needsManagement,
    approvals: plan.approvals as UpgradePlanDetail['approvals'],
    startedAt: iso(plan.startedAt),
    endedAt: iso(plan.endedAt),
    outcome: outcome ? { status: outcome.status, reason: outcome.reason, upgraded: outcome.upgraded, rolledBack: outcome.rolledBack, rollbackFailed: outcome.rollbackFailed, skipped: outcome.skipped } : null,
    stewardBackupRunId: plan.stewardBackupRunId,
    stewardBackupStatus: plan.stewardBackupStatus,
    drillId: plan.drillId,
    devices: deviceRows.map(({ record, name }) => ({
      deviceId: record.deviceId,
      name,
      wave: record.wave,
      model: record.model,
      state: record.state,
      attempt: record.attempt,
      targetVersion: record.targetVersion,
      versionBefore: record.versionBefore,
      versionAfter: record.versionAfter,
      backupSha256: record.backupSha256,
      backedUpAt: iso(record.backedUpAt),
      checks: record.checks as DeviceCheck[],
      rollbackChecks: record.rollbackChecks as DeviceCheck[],
      error: record.error,
      startedAt: iso(record.startedAt),
      finishedAt: iso(record.finishedAt),
      upgradeMs: record.upgradeMs,
      rollbackMs: record.rollbackMs,
    })),
  };
}

/** Every device with the model and firmware it last reported, and the open plan it is in: what a plan is drafted from. */
export async function listDeviceFirmware(ctx: ApiContext): Promise<{ items: DeviceFirmwareView[] }> {
  const [rows, open] = await Promise.all([
    ctx.db
      .select({ deviceId: devices.id, name: devices.name, system: devices.system, model: deviceFirmware.model, firmwareVersion: deviceFirmware.firmwareVersion, reportedAt: deviceFirmware.reportedAt })
      .from(devices)
      .leftJoin(deviceFirmware, eq(deviceFirmware.deviceId, devices.id))
      .orderBy(asc(devices.id)),
    ctx.db
      .select({ deviceId: upgradeDevices.deviceId, planId: upgradeDevices.planId })
      .from(upgradeDevices)
      .innerJoin(upgradePlans, eq(upgradePlans.id, upgradeDevices.planId))
      .where(inArray(upgradePlans.status, [...OPEN_PLAN_STATUSES])),
  ]);
  const openPlanOf = new Map(open.map((row) => [row.deviceId, row.planId]));
  return { items: rows.map((row) => ({ ...row, reportedAt: row.reportedAt?.toISOString() ?? null, openPlanId: openPlanOf.get(row.deviceId) ?? null })) };
}
