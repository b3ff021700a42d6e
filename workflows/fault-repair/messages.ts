import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { fieldMeta } from '../lib/labels';
import { FAULT_REPAIR_LABELS as LABELS } from './definition';
import type { Actor } from '../lib/messages';
import { fieldText } from '../../contracts/problem-texts';

export { completeTaskUpdate, progressQuery } from '../lib/messages';

export { faultReport, reporterSource, type FaultReport, type FaultRepairInput, type FaultRepairTimings } from './definition';

export interface FaultRepairOutcome {
  repairedBy: 'in-house' | 'vendor';
  reworkCount: number;
  verifiedBy: string;
  /** Set when an outage repair was closed because its device came back online, with nothing repaired. */
  closedAs?: 'device-back-online';
}

/** A technician closes an outage repair whose device reports again (P3.1b); the API has checked the device. */
export interface RecoveredOutage {
  actor: Actor;
  deviceName: string;
  /** Since when the device has been streaming again. */
  backOnlineAt: string;
}

/**
 * Closes a repair monitoring opened for a down device, once it is back online, while it still waits for its
 * diagnosis. Rejected (`TaskClosed`) once the diagnosis is done, and (`NotCandidate`) for anyone who may not
 * close repairs so. Answers once the repair record is stored and the process has ended.
 */
export const closeRecoveredOutageUpdate = defineUpdate<{ closedAt: string }, [RecoveredOutage]>('closeRecoveredOutage');

// ---- the forms of the human steps (P5.1a: every record has a schema) ----

export const diagnosisForm = z.object({
  cause: z.string().trim().min(3).meta(fieldMeta(LABELS.cause)),
  repairPlan: z.string().trim().min(3).meta(fieldMeta(LABELS.repairPlan)),
  faultClass: z.enum(['general', 'complex']).meta(fieldMeta(LABELS.faultClass)),
});

export const repairForm = z.object({
  repairProcess: z.string().trim().min(3).meta(fieldMeta(LABELS.repairProcess)),
  partsReplaced: z.array(z.string().trim().min(1)).default([]).meta(fieldMeta(LABELS.partsReplaced)),
  timeSpentMinutes: z.number().int().min(1).max(10_000).meta(fieldMeta(LABELS.timeSpentMinutes)),
});

export const verificationForm = z
  .object({
    accepted: z.boolean().meta(fieldMeta(LABELS.accepted)),
    comment: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.comment)),
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
