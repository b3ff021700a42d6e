import { z } from 'zod';
import { fieldText } from './problem-texts';
import { ANNOUNCEMENT_AUDIENCES } from './vocabulary';

/** P4.1a: an announcement as its drafter writes it: the wording, who it is for, pinning and expiry. */
export const announcementRequest = z
  .object({
    /** Chosen by the client once per draft, so a retried one starts one process. */
    announcementId: z.uuid(),
    title: z.string().trim().min(2).max(120),
    body: z.string().trim().min(2).max(10_000),
    audience: z.enum(ANNOUNCEMENT_AUDIENCES),
    buildingId: z.string().min(1).optional(),
    unitIds: z.array(z.string().min(1)).max(500).default([]),
    pinned: z.boolean().default(false),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((request) => request.audience !== 'building' || request.buildingId, { message: fieldText('choose-a-building'), path: ['buildingId'] })
  .refine((request) => request.audience !== 'units' || request.unitIds.length > 0, { message: fieldText('choose-units'), path: ['unitIds'] });
export type AnnouncementRequest = z.input<typeof announcementRequest>;
/** A draft as the API has checked it. */
export type AnnouncementSubmission = z.output<typeof announcementRequest>;

/** Read receipts (P4.1a): how many of the audience opened it, of how many told. For its drafter and management. */
export const announcementReceipts = z.object({ readCount: z.number().int(), audienceSize: z.number().int() });

export const announcementSummary = z.object({
  workflowId: z.string(),
  title: z.string(),
  pinned: z.boolean(),
  publishedAt: z.string(),
  expiresAt: z.string().nullable(),
  audience: z.enum(ANNOUNCEMENT_AUDIENCES),
  /** The reader opened it before. */
  read: z.boolean(),
});
export type AnnouncementSummary = z.infer<typeof announcementSummary>;

/** Pinned first, then newest; expired ones are not listed to owners. */
export const announcementList = z.object({ items: z.array(announcementSummary) });

export const announcementDetail = announcementSummary.extend({
  body: z.string(),
  buildingId: z.string().nullable(),
  unitIds: z.array(z.string()),
  approvedBy: z.string(),
  receipts: announcementReceipts.nullable(),
});
export type AnnouncementDetail = z.infer<typeof announcementDetail>;

/** A read recorded: the first time only. */
export const announcementRead = z.object({ recorded: z.boolean() });
