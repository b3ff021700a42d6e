import { z } from 'zod';

export { completeTaskUpdate, progressQuery } from '../lib/messages';

/** P3.2a: where the fault is. At least a building, a zone or a device. */
export const faultLocation = z
  .object({
    buildingId: z.string().min(1).optional(),
    unitId: z.string().min(1).optional(),
    zoneId: z.string().min(1).optional(),
    deviceId: z.string().min(1).optional(),
  })
  .refine((location) => location.buildingId || location.zoneId || location.deviceId, {
    message: 'give a building, a zone or a device',
    path: ['buildingId'],
  });

export const reporterSource = z.enum(['staff', 'owner', 'monitoring']);

/** P3.2a: the fault report (time, location, symptoms), as the process receives it. */
export const faultReport = z.object({
  occurredAt: z.iso.datetime({ offset: true }),
  location: faultLocation,
  system: z.string().min(1),
  symptoms: z.string().trim().min(3).max(4000),
  /** The photo is stored as an attachment; history carries only its id. */
  photoId: z.string().uuid().optional(),
  source: reporterSource,
  reporter: z.object({ userId: z.string().nullable(), displayName: z.string() }),
});
export type FaultReport = z.infer<typeof faultReport>;

/** Every duration is an input, so tests run a 4-hour SLA in seconds. */
export interface FaultRepairTimings {
  diagnosisDueMs: number;
  repairSlaMs: number;
  vendorReminderMs: number;
  verificationDueMs: number;
}

export interface FaultRepairInput {
  report: FaultReport;
  timings: FaultRepairTimings;
  priority: number;
}

export interface FaultRepairOutcome {
  repairedBy: 'in-house' | 'vendor';
  reworkCount: number;
  verifiedBy: string;
}

// ---- the forms of the human steps (P5.1a: every record has a schema) ----

export const diagnosisForm = z.object({
  cause: z.string().trim().min(3).meta({ title: '故障原因 Cause', description: 'What caused the fault' }),
  repairPlan: z.string().trim().min(3).meta({ title: '维修方案 Repair plan', description: 'How it will be repaired' }),
  faultClass: z
    .enum(['general', 'complex'])
    .meta({ title: '故障类别 Fault class', description: 'general: repaired in-house within the SLA; complex: the contracted vendor' }),
});

export const repairForm = z.object({
  repairProcess: z.string().trim().min(3).meta({ title: '维修过程 Repair process', description: 'What was done' }),
  partsReplaced: z
    .array(z.string().trim().min(1))
    .default([])
    .meta({ title: '更换部件 Parts replaced', description: 'One per line' }),
  timeSpentMinutes: z.number().int().min(1).max(10_000).meta({ title: '耗时（分钟）Time spent (minutes)' }),
});

export const verificationForm = z
  .object({
    accepted: z.boolean().meta({ title: '验收通过 Accepted', description: 'The fault is gone' }),
    comment: z.string().trim().max(2000).optional().meta({ title: '意见 Comment', description: 'Required when the repair is rejected' }),
  })
  .refine((verification) => verification.accepted || (verification.comment ?? '').length > 0, {
    message: 'say why the repair is rejected',
    path: ['comment'],
  });

/** The contracted vendor fault repair escalates to (P2.2b contract terms, P3.2b). */
export interface VendorAssignment {
  vendorId: string;
  vendorName: string;
  staffUserIds: string[];
  repairSlaMs: number;
}
