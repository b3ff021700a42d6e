import { z } from 'zod';

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

const score = (title: string) => z.number().int().min(0).max(100).meta({ title });

/** P2.2a: the four criteria of the registry. */
export const qualificationReviewForm = z.object({
  qualification: score('资质 Qualification (0–100)'),
  reputation: score('信誉 Reputation (0–100)'),
  technicalStrength: score('技术实力 Technical strength (0–100)'),
  afterSales: score('售后服务 After-sales service (0–100)'),
  comment: z.string().trim().max(2000).optional().meta({ title: '意见 Comment' }),
});
export type QualificationReview = z.output<typeof qualificationReviewForm>;

/** The verdict: the average of the four scores against the pass mark, and a valid licence. */
export function qualificationVerdict(review: QualificationReview, passMark: number, hasValidLicence: boolean): SupplierQualificationOutcome {
  const total = Math.round((review.qualification + review.reputation + review.technicalStrength + review.afterSales) / 4);
  if (!hasValidLicence) return { decision: 'rejected', total, reason: 'no valid business licence' };
  if (total < passMark) return { decision: 'rejected', total, reason: `average ${total} below the pass mark ${passMark}` };
  return { decision: 'qualified', total, reason: `average ${total} meets the pass mark ${passMark}` };
}
