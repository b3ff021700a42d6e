import { z } from 'zod';
import { fieldText } from '../../contracts/problem-texts';
import type { SystemKind, UpgradeDeviceState, UpgradeRisk } from '../../contracts/vocabulary';
import { fieldMeta } from '../lib/labels';
import { DEVICE_UPGRADE_LABELS as LABELS, type PlannedDevice } from './definition';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { DeviceUpgradeInput, DeviceUpgradeTimings, FirmwareAssessmentInput, PlannedDevice, UpgradeTarget } from './definition';

/** Systems whose devices keep people out or raise alarms: a plan touching one needs management's approval too (P3.3a). */
export const GUARDED_SYSTEMS: readonly SystemKind[] = ['access-control', 'intrusion-alarm'];

/** Management approves after the tech supervisor when the risk is high or the plan touches access control or alarms. */
export const needsManagementApproval = (risk: UpgradeRisk, systems: readonly SystemKind[]) => risk === 'high' || systems.some((system) => GUARDED_SYSTEMS.includes(system));

/** The order of the rollout: the canary alone, then the other devices in waves of `waveSize`, in the plan's order. */
export function planWaves<Device extends { deviceId: string }>(devices: readonly Device[], canaryDeviceId: string, waveSize: number): { canary: Device; waves: Device[][] } {
  const canary = devices.find((device) => device.deviceId === canaryDeviceId);
  if (!canary) throw new TypeError(`the canary ${canaryDeviceId} is not among the plan's devices`);
  const rest = devices.filter((device) => device.deviceId !== canaryDeviceId);
  const waves: Device[][] = [];
  for (let index = 0; index < rest.length; index += waveSize) waves.push(rest.slice(index, index + waveSize));
  return { canary, waves };
}

/** One check of a device after an upgrade or a rollback, as recorded. */
export interface DeviceCheck {
  check: 'comes-back' | 'heartbeat' | 'version' | 'functional' | 'configuration';
  passed: boolean;
  detail: string;
}

/** A device's configuration saved before anything changed (or why it could not be). */
export type BackupResult = { ok: true; versionBefore: string; sha256: string } | { ok: false; error: string };

/**
 * What an upload did: `installing` (the device took the image and wrote it, or had it from an earlier try of the same
 * attempt), `already-installed` (it runs the target version: nothing sent), `not-sent` (the device did not answer, or
 * it or Steward's checksum check refused the image: nothing written).
 */
export type ApplyResult = { outcome: 'installing' | 'already-installed'; percentSeen: number } | { outcome: 'not-sent'; error: string };

export interface VerifyResult {
  passed: boolean;
  versionAfter: string | null;
  checks: DeviceCheck[];
}

export interface RollbackResult {
  rolledBack: boolean;
  versionAfter: string | null;
  checks: DeviceCheck[];
  error: string | null;
}

/** Why a plan ended as it did. */
export type UpgradeEndReason = 'done' | 'canary-failed' | 'threshold-passed' | 'window-closed' | 'aborted' | 'rejected';

export interface DeviceUpgradeOutcome {
  status: 'completed' | 'stopped' | 'aborted' | 'rejected';
  reason: UpgradeEndReason;
  upgraded: number;
  rolledBack: number;
  rollbackFailed: number;
  skipped: number;
  failedDevices: Array<{ deviceId: string; state: UpgradeDeviceState; error: string }>;
}

/**
 * P3.3b, P5.2b: the backup of Steward's data a plan takes before its devices, and the drill it starts once ended (ids
 * of the backup process, one per plan). The backup's id names its restore point (`steward-<id>`, at most 63
 * characters), so it is kept short.
 */
export const stewardBackupId = (planId: string) => `backup-upgrade-${planId}`;
export const upgradeDrillId = (planId: string) => `backup-drill-upgrade-${planId}`;

/** A device's state counts, as the instance page and its diagram show them. */
export type DeviceCounts = Array<{ state: UpgradeDeviceState; count: number }>;

/** The devices the context of a task lists. */
export const devicesForTask = (devices: readonly PlannedDevice[]) => devices.map(({ deviceId, model, system }) => ({ deviceId, model, system }));

/** The tech supervisor's and management's decision on a plan (P3.3a): approve, or reject with reasons. */
export const planDecisionForm = z
  .object({
    decision: z.enum(['approved', 'rejected']).meta(fieldMeta(LABELS.decision)),
    reasons: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.reasons)),
  })
  .refine((form) => form.decision === 'approved' || (form.reasons ?? '').length >= 3, { message: fieldText('say-why'), path: ['reasons'] });
export type PlanDecisionForm = z.output<typeof planDecisionForm>;

/** After a failed device was rolled back (P3.3b): go on with the next wave, try the failed devices again, or stop here. */
export const failureDecisionForm = z.object({
  decision: z.enum(['continue', 'retry', 'abort']).meta(fieldMeta(LABELS.decision)),
  note: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.note)),
});
export type FailureDecisionForm = z.output<typeof failureDecisionForm>;
