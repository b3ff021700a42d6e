import { z } from 'zod';
import { fieldText } from '../../contracts/problem-texts';
import { fieldMeta } from '../lib/labels';
import { ANNOUNCEMENT_LABELS as LABELS } from './definition';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { AnnouncementDraft, AnnouncementInput, AnnouncementTimings } from './definition';

export interface AnnouncementOutcome {
  status: 'published';
  approvedBy: string;
  returns: number;
  audienceSize: number;
}

// ---- the forms of the human steps (P5.1a: every record has a schema) ----

/** Management's decision (P4.1a): publish the announcement, or return it to its drafter saying what to change. */
export const approvalForm = z
  .object({
    decision: z.enum(['approved', 'returned']).meta(fieldMeta(LABELS.decision)),
    reasons: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.reasons)),
  })
  .refine((form) => form.decision === 'approved' || (form.reasons ?? '').length >= 2, { message: fieldText('say-what-to-change'), path: ['reasons'] });

/** The drafter's correction of a returned announcement: its wording, pinning and expiry (the audience stays as drafted). */
export const correctionForm = z.object({
  title: z.string().trim().min(2).max(120).meta(fieldMeta(LABELS.title)),
  body: z.string().trim().min(2).max(10_000).meta(fieldMeta(LABELS.body)),
  pinned: z.boolean().meta(fieldMeta(LABELS.pinned)),
  expiresAt: z.iso.datetime({ offset: true }).optional().meta(fieldMeta(LABELS.expiresAt)),
});
