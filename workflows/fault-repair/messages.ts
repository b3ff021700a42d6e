import { z } from 'zod';
import { fieldText } from '../../contracts/problem-texts';

export { completeTaskUpdate, progressQuery } from '../lib/messages';

export { faultReport, reporterSource, type FaultReport, type FaultRepairInput, type FaultRepairTimings } from './definition';

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
    message: fieldText('say-why-rejected'),
    path: ['comment'],
  });

/** The contracted vendor fault repair escalates to (P2.2b contract terms, P3.2b). */
export interface VendorAssignment {
  vendorId: string;
  vendorName: string;
  staffUserIds: string[];
  repairSlaMs: number;
}
