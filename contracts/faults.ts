import { z } from 'zod';
import type { FaultReport } from '../workflows/fault-repair/messages';
import { faultLocation } from './locations';
import { INSTANCE_STATUSES, SYSTEMS } from './vocabulary';
import { fieldText } from './problem-texts';

export type { FaultReport };
export type { FaultLocation } from './locations';

export const faultReportRequest = z.object({
  /** Chosen by the client once per report, so a retried submission starts one process. */
  reportId: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true }),
  location: faultLocation,
  system: z.enum(SYSTEMS),
  symptoms: z.string().trim().min(3).max(4000),
  photo: z
    .string()
    .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/, fieldText('image-data-url'))
    .max(2_800_000, fieldText('photo-too-large'))
    .optional(),
  /** A monitoring event (P3.1b) reports as `monitoring`; only monitoring staff may say so. */
  source: z.enum(['staff', 'owner', 'monitoring']).optional(),
});
export type FaultReportRequest = z.input<typeof faultReportRequest>;

export const faultListQuery = z.object({
  mine: z.enum(['true', 'false']).default('true'),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type FaultListQuery = z.output<typeof faultListQuery>;

export const faultSummary = z.object({
  workflowId: z.string(),
  status: z.enum(INSTANCE_STATUSES),
  currentSteps: z.array(z.string()),
  title: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type FaultSummary = z.infer<typeof faultSummary>;

const repairRecordView = z.object({
  cause: z.string(),
  repairProcess: z.string(),
  partsReplaced: z.array(z.string()),
  timeSpentMinutes: z.number(),
  repairedBy: z.string(),
  verifiedBy: z.string(),
  reworkCount: z.number(),
  closedAt: z.string(),
});

/** The device a repair monitoring opened for an outage (P3.1b), as it is now: back online or still down. */
export const outageView = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  zoneName: z.string(),
  status: z.enum(['streaming', 'stale', 'down', 'unknown']),
  /** Since when the device has been reporting again; null while it is not. */
  backOnlineAt: z.string().nullable(),
});
export type OutageView = z.infer<typeof outageView>;

export const faultDetail = faultSummary.extend({
  /** The report as the process received it (a `FaultReport`), answered as stored. */
  report: z.record(z.string(), z.unknown()).nullable(),
  record: repairRecordView.nullable(),
  rating: z.number().int().nullable(),
  /** For a repair of a device that went down: the device now (staff only; null for every other fault). */
  outage: outageView.nullable(),
});
export type FaultDetail = z.infer<typeof faultDetail>;

export const ratingRequest = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() });
export type RatingRequest = z.input<typeof ratingRequest>;

export const ratingRecorded = z.object({ rating: z.number().int() });
export type RatingRecorded = z.infer<typeof ratingRecorded>;

/** An open outage repair whose device reports again and that still waits for its diagnosis: closable in one click. */
export const recoveredOutage = outageView.extend({ workflowId: z.string(), title: z.string(), startedAt: z.string(), backOnlineAt: z.string() });
export type RecoveredOutage = z.infer<typeof recoveredOutage>;

export const recoveredOutageClosed = z.object({ workflowId: z.string(), closedAt: z.string() });
export type RecoveredOutageClosed = z.infer<typeof recoveredOutageClosed>;
