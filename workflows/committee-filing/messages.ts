import { z } from 'zod';
import { fieldMeta } from '../lib/labels';
import { COMMITTEE_FILING_LABELS as LABELS } from './definition';
import { fieldText } from '../../contracts/problem-texts';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { CommitteeFilingInput, CommitteeFilingTimings, FilingPackage } from './definition';

export type CommitteeFilingOutcome =
  | { status: 'acknowledged'; receiptNumber: string; packageDigest: string; acknowledgedBy: string; acknowledgedAt: string }
  | { status: 'returned'; comment: string; returnedBy: string };

/** The committee acknowledges receipt (a receipt number is issued) or returns an incomplete package. */
export const acknowledgementForm = z
  .object({
    decision: z.enum(['acknowledged', 'returned']).meta(fieldMeta(LABELS.decision)),
    comment: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.comment)),
  })
  .refine((form) => form.decision === 'acknowledged' || (form.comment ?? '').length > 0, {
    message: fieldText('say-what-is-missing'),
    path: ['comment'],
  });
