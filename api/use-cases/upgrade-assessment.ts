import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { UpgradeProposalView } from '../../contracts/upgrades';
import { UPGRADE_PRIORITIES } from '../../contracts/vocabulary';
import { devices, upgradeDevices, upgradePlans, upgradeProposals } from '../../db/schema';
import { firmwareAssessment, type FirmwareAssessmentInput } from '../../workflows/device-upgrade/definition';
import type { ApiContext, ApiSettings } from '../context';
import { scheduledStart } from './start-process';

export const FIRMWARE_ASSESSMENT_SCHEDULE_ID = 'firmware-assessment';

/**
 * P3.3a "periodic assessment": the Schedule that reads every device's firmware and proposes upgrades, every
 * FIRMWARE_ASSESSMENT_INTERVAL_HOURS. Created once (its first run at once, so a new installation has its devices'
 * firmware to draft against); an existing Schedule is left as it is (an operator may have paused it).
 */
export async function ensureFirmwareAssessmentSchedule(client: Client, taskQueue: string, settings: ApiSettings['upgradeAssessment'], scheduleId = FIRMWARE_ASSESSMENT_SCHEDULE_ID) {
  const input: FirmwareAssessmentInput = { maxAgeMs: settings.maxAgeMs };
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: settings.intervalMs }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: scheduledStart(firmwareAssessment, { workflowId: `${scheduleId}-round`, input, taskQueue }),
      state: { triggerImmediately: true },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  return client.schedule.getHandle(scheduleId);
}

/** The Schedule's id: deployments sharing a namespace (STEWARD_WORKFLOW_PREFIX) each have their own. */
export const firmwareAssessmentScheduleId = (ctx: Pick<ApiContext, 'settings'>) => `${ctx.settings.devices.workflowIdPrefix}${FIRMWARE_ASSESSMENT_SCHEDULE_ID}`;

/** The tech supervisor's "assess now": the Schedule runs once more besides its interval (a run under way is not doubled). */
export async function assessNow(ctx: ApiContext): Promise<{ scheduleId: string }> {
  const scheduleId = firmwareAssessmentScheduleId(ctx);
  const handle = await ensureFirmwareAssessmentSchedule(ctx.temporal, ctx.taskQueue, ctx.settings.upgradeAssessment, scheduleId);
  await handle.trigger(ScheduleOverlapPolicy.SKIP);
  return { scheduleId };
}

/** P3.3a: the latest assessment's proposals, the most pressing first, each with the open plan its device is already in. */
export async function listProposals(ctx: ApiContext): Promise<{ items: UpgradeProposalView[] }> {
  const rows = await ctx.db
    .select({ proposal: upgradeProposals, name: devices.name, system: devices.system })
    .from(upgradeProposals)
    .innerJoin(devices, eq(devices.id, upgradeProposals.deviceId))
    .orderBy(sql`array_position(${sql.param([...UPGRADE_PRIORITIES])}::text[], ${upgradeProposals.priority})`, asc(upgradeProposals.deviceId));
  const open = rows.length
    ? await ctx.db
        .select({ deviceId: upgradeDevices.deviceId, planId: upgradeDevices.planId })
        .from(upgradeDevices)
        .innerJoin(upgradePlans, eq(upgradePlans.id, upgradeDevices.planId))
        .where(inArray(upgradePlans.status, ['in-review', 'approved', 'running', 'paused']))
    : [];
  const openPlanOf = new Map(open.map((row) => [row.deviceId, row.planId]));
  return {
    items: rows.map(({ proposal, name, system }) => ({
      deviceId: proposal.deviceId,
      name,
      system,
      model: proposal.model,
      currentVersion: proposal.currentVersion,
      releaseId: proposal.releaseId,
      version: proposal.version,
      openFaults: proposal.openFaults,
      currentAgeDays: proposal.currentAgeDays,
      priority: proposal.priority,
      assessedAt: proposal.assessedAt.toISOString(),
      openPlanId: openPlanOf.get(proposal.deviceId) ?? null,
    })),
  };
}
