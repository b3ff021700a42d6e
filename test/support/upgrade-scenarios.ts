import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { UpgradePlanRequest } from '../../contracts/upgrades';
import type { Database } from '../../db/client';
import { tasks, upgradeDevices, upgradePlans } from '../../db/schema';
import type { DeviceUpgradeTimings } from '../../workflows/device-upgrade/definition';
import type { HttpClient } from './http-client';
import { eventually } from './poll';

/** Upgrades in seconds: a device writes and reboots in under a second, so a reboot that takes 5 s has failed. */
export const TEST_UPGRADE_TIMINGS: DeviceUpgradeTimings = {
  reviewDueMs: 3_600_000,
  approvalDueMs: 3_600_000,
  decisionDueMs: 3_600_000,
  rebootTimeoutMs: 5_000,
  heartbeatWaitMs: 4_000,
  pollIntervalMs: 100,
  heartbeatTimeoutMs: 2_000,
};

/** The simulator's timing for a quick upgrade: 300 ms writing, 600 ms rebooting. */
export const QUICK_FIRMWARE = { flashMs: 300, rebootMs: 600 };

/** A plan whose window is open now, a pause of a second between waves, nothing tolerated, low risk. */
export function upgradePlan(plan: Pick<UpgradePlanRequest, 'targets' | 'deviceIds' | 'canaryDeviceId'> & Partial<UpgradePlanRequest>): UpgradePlanRequest {
  return {
    planId: randomUUID(),
    title: 'Camera firmware V5.8.0',
    windowStartsAt: new Date(Date.now() - 1_000).toISOString(),
    windowEndsAt: new Date(Date.now() + 3_600_000).toISOString(),
    waveSize: 2,
    maxFailures: 0,
    wavePauseSeconds: 1,
    risk: 'low',
    riskAssessment: 'Vendor-tested maintenance release; one camera first, a night window',
    rollbackPlan: 'Previous firmware and the saved configuration, device by device',
    ...plan,
  };
}

/** Drafts a plan over the API; throws unless its process started. */
export async function draft(http: HttpClient, plan: UpgradePlanRequest): Promise<string> {
  const response = await http.post('/api/v1/upgrade-plans', plan);
  if (response.status !== 201) throw new Error(`draft ${plan.title}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.workflowId as string;
}

/** The open task of a step of a plan's process, once it is written. */
export const openStepTask = (db: Database, workflowId: string, stepId: string, timeoutMs = 30_000) =>
  eventually(async () => (await db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open'))))[0], timeoutMs);

/** Completes a task over the API as the signed-in person; throws unless it was taken. */
export async function completeTask(http: HttpClient, taskId: string, payload: unknown): Promise<void> {
  const response = await http.post(`/api/v1/tasks/${encodeURIComponent(taskId)}/complete`, { payload });
  if (response.status !== 200) throw new Error(`complete ${taskId}: ${response.status} ${JSON.stringify(response.body)}`);
}

/** The tech supervisor approves (and management, when asked). */
export async function approve(db: Database, workflowId: string, techsup: HttpClient, manager?: HttpClient): Promise<void> {
  await completeTask(techsup, (await openStepTask(db, workflowId, 'reviewPlan')).id, { decision: 'approved' });
  if (manager) await completeTask(manager, (await openStepTask(db, workflowId, 'approvePlan')).id, { decision: 'approved' });
}

export const planRow = async (db: Database, planId: string) => (await db.select().from(upgradePlans).where(eq(upgradePlans.id, planId)))[0];
export const deviceRows = (db: Database, planId: string) => db.select().from(upgradeDevices).where(eq(upgradeDevices.planId, planId)).orderBy(upgradeDevices.position);
