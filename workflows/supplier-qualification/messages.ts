import { z } from 'zod';
import type { Wording } from '../../contracts/labels';
import { COMMON_LABELS, fieldMeta } from '../lib/labels';
import { SUPPLIER_QUALIFICATION_LABELS as LABELS } from './definition';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { SupplierQualificationInput } from './definition';

export interface SupplierQualificationOutcome {
  decision: 'qualified' | 'rejected';
  total: number;
  reason: string;
}

/** What the document check hands the reviewer: every document and whether it has expired or soon will. */
export interface DocumentCheck {
  vendorName: string;
  documents: Array<{ id: string; kind: string; title: string; expiresOn: string | null; state: 'valid' | 'expiring' | 'expired' }>;
  /** P2.2a: a supplier without a valid business licence cannot be qualified, whatever its scores. */
  hasValidLicence: boolean;
}

const score = (wording: Wording) => z.number().int().min(0).max(100).meta(fieldMeta(wording));

/** P2.2a: the four criteria of the registry. */
export const qualificationReviewForm = z.object({
  qualification: score(LABELS.qualification),
  reputation: score(LABELS.reputation),
  technicalStrength: score(LABELS.technicalStrength),
  afterSales: score(LABELS.afterSales),
  comment: z.string().trim().max(2000).optional().meta(fieldMeta(COMMON_LABELS.comment)),
});
export type QualificationReview = z.output<typeof qualificationReviewForm>;

/** The verdict: the average of the four scores against the pass mark, and a valid licence. */
export function qualificationVerdict(review: QualificationReview, passMark: number, hasValidLicence: boolean): SupplierQualificationOutcome {
  const total = Math.round((review.qualification + review.reputation + review.technicalStrength + review.afterSales) / 4);
  if (!hasValidLicence) return { decision: 'rejected', total, reason: 'no valid business licence' };
  if (total < passMark) return { decision: 'rejected', total, reason: `average ${total} below the pass mark ${passMark}` };
  return { decision: 'qualified', total, reason: `average ${total} meets the pass mark ${passMark}` };
}
