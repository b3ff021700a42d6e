import { z } from 'zod';
import { fieldText } from './problem-texts';
import { SYSTEMS, UPGRADE_DEVICE_STATES, UPGRADE_PLAN_STATUSES, UPGRADE_PRIORITIES, UPGRADE_RISKS } from './vocabulary';

/** Base64 of at most this many bytes: the API's JSON body limit (4 MB) holds the file with its fields. */
export const FIRMWARE_FILE_MAX_BYTES = 2_900_000;
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/** A firmware version as suppliers write them: `V5.8.0`, `2.2.1_build231107`. */
export const firmwareVersion = () => z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,39}$/, fieldText('firmware-version-format'));

/**
 * P3.3a: a firmware release as its supplier registers it: the version, the device models it is for (as the devices
 * report their model), the release date and notes, and the file with the SHA-256 the supplier published for it.
 * Idempotent on the client's `releaseId`.
 */
export const firmwareReleaseRequest = z.object({
  releaseId: z.uuid(),
  /** The supplier: a supplier's staff register their own company's releases and may leave it out. */
  vendorId: z.string().trim().min(1).max(64).optional(),
  version: firmwareVersion(),
  models: z
    .array(z.string().trim().min(1).max(100))
    .min(1)
    .max(20)
    .refine((models) => new Set(models).size === models.length, { message: fieldText('each-model-once') }),
  releasedOn: z.iso.date(),
  notes: z.string().trim().min(3).max(4000),
  fileName: z.string().trim().min(1).max(200),
  /** The file, base64. */
  file: z.base64().min(4).max(base64Length(FIRMWARE_FILE_MAX_BYTES), fieldText('firmware-too-large')),
  /** The SHA-256 the supplier published for the file (hex); Steward refuses a file that does not match it. */
  sha256: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, fieldText('sha256-format')).transform((hex) => hex.toLowerCase()),
});
export type FirmwareReleaseRequest = z.input<typeof firmwareReleaseRequest>;

export const firmwareReleaseView = z.object({
  id: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  version: z.string(),
  models: z.array(z.string()),
  releasedOn: z.string(),
  notes: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  registeredBy: z.string(),
  registeredAt: z.string(),
});
export type FirmwareReleaseView = z.infer<typeof firmwareReleaseView>;

export const firmwareReleaseQuery = z.object({
  /** Releases for a device model. */
  model: z.string().trim().min(1).max(100).optional(),
});

const distinct = (keys: string[]) => new Set(keys).size === keys.length;

/**
 * P3.3a: an upgrade plan as the tech supervisor drafts it. Per device model the release to install and, for a
 * rollback, the release of the version its devices run now; the devices (the canary among them); the window; the
 * waves, the pause between them and how many failed devices are tolerated before the rollout stops; the risk, its
 * assessment and the rollback plan. Idempotent on the client's `planId`.
 */
export const upgradePlanRequest = z
  .object({
    planId: z.uuid(),
    title: z.string().trim().min(3).max(200),
    targets: z
      .array(
        z.object({
          model: z.string().trim().min(1).max(100),
          releaseId: z.string().trim().min(1).max(64),
          rollbackReleaseId: z.string().trim().min(1).max(64).optional(),
        }),
      )
      .min(1)
      .max(20)
      .refine((targets) => distinct(targets.map((target) => target.model)), { message: fieldText('each-model-once') }),
    deviceIds: z
      .array(z.string().trim().min(1).max(64))
      .min(1)
      .max(1000)
      .refine(distinct, { message: fieldText('each-device-once') }),
    canaryDeviceId: z.string().trim().min(1).max(64),
    windowStartsAt: z.iso.datetime({ offset: true }),
    windowEndsAt: z.iso.datetime({ offset: true }),
    waveSize: z.number().int().min(1).max(200),
    maxFailures: z.number().int().min(0).max(1000),
    wavePauseSeconds: z.number().int().min(0).max(86_400),
    risk: z.enum(UPGRADE_RISKS),
    riskAssessment: z.string().trim().min(10).max(4000),
    rollbackPlan: z.string().trim().min(10).max(4000),
  })
  .refine((plan) => plan.deviceIds.includes(plan.canaryDeviceId), { message: fieldText('canary-among-devices'), path: ['canaryDeviceId'] })
  .refine((plan) => Date.parse(plan.windowStartsAt) < Date.parse(plan.windowEndsAt), { message: fieldText('window-ends-before-start'), path: ['windowEndsAt'] });
export type UpgradePlanRequest = z.input<typeof upgradePlanRequest>;

const deviceCount = z.object({ state: z.enum(UPGRADE_DEVICE_STATES), count: z.number().int() });

export const upgradePlanSummary = z.object({
  id: z.string(),
  workflowId: z.string(),
  title: z.string(),
  status: z.enum(UPGRADE_PLAN_STATUSES),
  risk: z.enum(UPGRADE_RISKS),
  windowStartsAt: z.string(),
  windowEndsAt: z.string(),
  draftedBy: z.string(),
  draftedByName: z.string(),
  draftedAt: z.string(),
  deviceCount: z.number().int(),
  /** How many of its devices are in each state. */
  counts: z.array(deviceCount),
});
export type UpgradePlanSummary = z.infer<typeof upgradePlanSummary>;

const deviceCheck = z.object({ check: z.string(), passed: z.boolean(), detail: z.string() });

/** P3.3b: one device's record in a plan. */
export const upgradeDeviceView = z.object({
  deviceId: z.string(),
  name: z.string(),
  wave: z.number().int(),
  model: z.string(),
  state: z.enum(UPGRADE_DEVICE_STATES),
  attempt: z.number().int(),
  targetVersion: z.string(),
  versionBefore: z.string().nullable(),
  versionAfter: z.string().nullable(),
  backupSha256: z.string().nullable(),
  backedUpAt: z.string().nullable(),
  checks: z.array(deviceCheck),
  rollbackChecks: z.array(deviceCheck),
  error: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  upgradeMs: z.number().int().nullable(),
  rollbackMs: z.number().int().nullable(),
});
export type UpgradeDeviceView = z.infer<typeof upgradeDeviceView>;

export const upgradePlanDetail = upgradePlanSummary.extend({
  targets: z.array(z.object({ model: z.string(), releaseId: z.string(), version: z.string(), rollbackReleaseId: z.string().nullable(), rollbackVersion: z.string().nullable() })),
  canaryDeviceId: z.string(),
  waveSize: z.number().int(),
  maxFailures: z.number().int(),
  wavePauseSeconds: z.number(),
  riskAssessment: z.string(),
  rollbackPlan: z.string(),
  needsManagement: z.boolean(),
  approvals: z.array(z.object({ userId: z.string(), displayName: z.string(), role: z.string(), at: z.string() })),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  outcome: z
    .object({
      status: z.string(),
      reason: z.string(),
      upgraded: z.number().int(),
      rolledBack: z.number().int(),
      rollbackFailed: z.number().int(),
      skipped: z.number().int(),
    })
    .nullable(),
  devices: z.array(upgradeDeviceView),
  /** P3.3b, P5.2b: the backup of Steward's data taken before the devices (a backup run's id), and how it went. */
  stewardBackupRunId: z.string().nullable(),
  stewardBackupStatus: z.enum(['succeeded', 'failed']).nullable(),
  /** The restore drill started once the plan ended. */
  drillId: z.string().nullable(),
});
export type UpgradePlanDetail = z.infer<typeof upgradePlanDetail>;

/** A device as a plan is drafted against it: what it last reported, and the open plan it is in, if any. */
export const deviceFirmwareView = z.object({
  deviceId: z.string(),
  name: z.string(),
  system: z.enum(SYSTEMS),
  model: z.string().nullable(),
  firmwareVersion: z.string().nullable(),
  reportedAt: z.string().nullable(),
  openPlanId: z.string().nullable(),
});
export type DeviceFirmwareView = z.infer<typeof deviceFirmwareView>;

/** P3.3a: one of the assessment's proposals: a device, what it runs, the newer release, and why it presses. */
export const upgradeProposalView = z.object({
  deviceId: z.string(),
  name: z.string(),
  system: z.enum(SYSTEMS),
  model: z.string(),
  currentVersion: z.string(),
  releaseId: z.string(),
  version: z.string(),
  openFaults: z.number().int(),
  currentAgeDays: z.number().int().nullable(),
  priority: z.enum(UPGRADE_PRIORITIES),
  assessedAt: z.string(),
  openPlanId: z.string().nullable(),
});
export type UpgradeProposalView = z.infer<typeof upgradeProposalView>;
