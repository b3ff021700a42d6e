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
export const faultRepairTimings = z.object({
  diagnosisDueMs: z.number().int().positive(),
  repairSlaMs: z.number().int().positive(),
  vendorReminderMs: z.number().int().positive(),
  verificationDueMs: z.number().int().positive(),
});
export type FaultRepairTimings = z.infer<typeof faultRepairTimings>;

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
  cause: z.string().trim().min(3).describe('What caused the fault'),
  repairPlan: z.string().trim().min(3).describe('How it will be repaired'),
  faultClass: z.enum(['general', 'complex']).describe('general: repaired in-house within the SLA; complex: the contracted vendor'),
});

export const repairForm = z.object({
  repairProcess: z.string().trim().min(3).describe('What was done'),
  partsReplaced: z.array(z.string().trim().min(1)).default([]).describe('Parts replaced, one per line'),
  timeSpentMinutes: z.number().int().min(1).max(10_000).describe('Time spent, in minutes'),
});

export const verificationForm = z
  .object({
    accepted: z.boolean().describe('The fault is gone'),
    comment: z.string().trim().max(2000).optional().describe('Required when the repair is rejected'),
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
