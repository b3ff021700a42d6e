import { z } from 'zod';
import { fieldText } from './problem-texts';
import { DEPARTMENTS, FEEDBACK_CATEGORIES, FEEDBACK_RESOLUTIONS, INSTANCE_STATUSES } from './vocabulary';

/** One photo as the owner attaches it: a PNG, JPEG or WebP data URL of at most 2 MB (as a fault's photo). */
const photo = z
  .string()
  .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/, fieldText('image-data-url'))
  .max(2_800_000, fieldText('photo-too-large'));

/** P4.1a–b: a complaint, inquiry or suggestion as the owner submits it. */
export const feedbackRequest = z.object({
  /** Chosen by the client once per submission, so a retried one starts one process. */
  feedbackId: z.uuid(),
  category: z.enum(FEEDBACK_CATEGORIES),
  text: z.string().trim().min(3).max(4000),
  place: z.object({ buildingId: z.string().min(1), unitId: z.string().min(1).optional() }),
  photos: z.array(photo).max(3, fieldText('too-many-photos')).default([]),
});
export type FeedbackRequest = z.input<typeof feedbackRequest>;
/** A submission as the API has checked it. */
export type FeedbackSubmission = z.output<typeof feedbackRequest>;

export const feedbackListQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type FeedbackListQuery = z.output<typeof feedbackListQuery>;

export const feedbackSummary = z.object({
  workflowId: z.string(),
  category: z.enum(FEEDBACK_CATEGORIES),
  text: z.string(),
  status: z.enum(INSTANCE_STATUSES),
  currentSteps: z.array(z.string()),
  submittedAt: z.string(),
  resolution: z.enum(FEEDBACK_RESOLUTIONS).nullable(),
  /** Replies of staff so far. */
  replies: z.number().int(),
});
export type FeedbackSummary = z.infer<typeof feedbackSummary>;

export const feedbackMessage = z.object({
  id: z.string(),
  side: z.enum(['owner', 'staff']),
  kind: z.enum(['reply', 'reopened', 'confirmed', 'assessment']),
  authorName: z.string(),
  text: z.string(),
  at: z.string(),
});
export type FeedbackMessage = z.infer<typeof feedbackMessage>;

/** A feedback's page: what was submitted, every reply and follow-up in order, how it ended. */
export const feedbackDetail = feedbackSummary.extend({
  place: z.object({ buildingId: z.string(), buildingName: z.string(), unitId: z.string().nullable(), unitNumber: z.string().nullable() }),
  photoIds: z.array(z.string()),
  department: z.enum(DEPARTMENTS),
  rating: z.number().int().nullable(),
  closedAt: z.string().nullable(),
  thread: z.array(feedbackMessage),
  /** The reader submitted it: they confirm, reopen and rate it. */
  mine: z.boolean(),
});
export type FeedbackDetail = z.infer<typeof feedbackDetail>;
