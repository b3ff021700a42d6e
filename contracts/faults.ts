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

export const faultDetail = faultSummary.extend({
  /** The report as the process received it (a `FaultReport`), answered as stored. */
  report: z.record(z.string(), z.unknown()).nullable(),
  record: repairRecordView.nullable(),
  rating: z.number().int().nullable(),
});
export type FaultDetail = z.infer<typeof faultDetail>;

export const ratingRequest = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() });
export type RatingRequest = z.input<typeof ratingRequest>;

export const ratingRecorded = z.object({ rating: z.number().int() });
export type RatingRecorded = z.infer<typeof ratingRecorded>;
