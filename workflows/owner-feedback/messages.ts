import { z } from 'zod';
import { fieldText } from '../../contracts/problem-texts';
import { fieldMeta } from '../lib/labels';
import { OWNER_FEEDBACK_LABELS as LABELS } from './definition';

export { completeTaskUpdate, progressQuery } from '../lib/messages';

export { feedbackSubmission, type FeedbackSubmission, type OwnerFeedbackInput, type OwnerFeedbackTimings } from './definition';

export interface OwnerFeedbackOutcome {
  category: 'complaint' | 'inquiry' | 'suggestion';
  resolution: 'confirmed' | 'unconfirmed' | 'adopted' | 'declined';
  rating: number | null;
  reopenCount: number;
  escalated: 'supervisor' | 'management' | null;
  improvementId: string | null;
}

// ---- the forms of the human steps (P5.1a: every record has a schema) ----

/** A reply of the department's staff (the first, and each follow-up): the owner reads it on the feedback's page. */
export const replyForm = z.object({
  reply: z.string().trim().min(2).max(4000).meta(fieldMeta(LABELS.reply)),
  resolved: z.boolean().meta(fieldMeta(LABELS.resolved)),
});

/** The owner confirms the resolution and rates it, or reopens it saying what is still wrong. */
export const confirmationForm = z
  .object({
    confirmed: z.boolean().meta(fieldMeta(LABELS.confirmed)),
    rating: z.number().int().min(1).max(5).optional().meta(fieldMeta(LABELS.rating)),
    comment: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.comment)),
  })
  .refine((answer) => !answer.confirmed || answer.rating !== undefined, { message: fieldText('rating-required'), path: ['rating'] })
  .refine((answer) => answer.confirmed || (answer.comment ?? '').length > 0, { message: fieldText('say-why-reopened'), path: ['comment'] });

/** A suggestion's assessment: adopted (as an improvement item) or declined, with the reason the owner reads. */
export const assessmentForm = z
  .object({
    decision: z.enum(['adopt', 'decline']).meta(fieldMeta(LABELS.decision)),
    reason: z.string().trim().min(2).max(4000).meta(fieldMeta(LABELS.reason)),
    improvementTitle: z.string().trim().max(200).optional().meta(fieldMeta(LABELS.improvementTitle)),
  })
  .refine((assessment) => assessment.decision === 'decline' || (assessment.improvementTitle ?? '').length >= 2, {
    message: fieldText('improvement-title-required'),
    path: ['improvementTitle'],
  });

/** A message of a feedback's thread, as the activity stores it (idempotent on its id). */
export interface ThreadMessage {
  id: string;
  workflowId: string;
  author: { userId: string | null; displayName: string };
  side: 'owner' | 'staff';
  kind: 'reply' | 'reopened' | 'confirmed' | 'assessment';
  text: string;
  at: string;
}
