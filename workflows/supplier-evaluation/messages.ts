import { z } from 'zod';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
import { COMMON_LABELS, fieldMeta } from '../lib/labels';
import { SUPPLIER_EVALUATION_LABELS as LABELS, type EvaluationPolicy } from './definition';
import { fieldText } from '../../contracts/problem-texts';

export type { EvaluationPolicy, QuarterlyEvaluationInput, SupplierEvaluationInput, SupplierEvaluationTimings } from './definition';

export interface SupplierEvaluationOutcome {
  result: 'good' | 'improved' | 'retained' | 'terminated';
  scores: number[];
}

/** The supplier's fault-repair record in the period (P3.2b SLA) and owners' ratings. */
export interface ServiceRecord {
  repairsOnTime: number;
  repairsLate: number;
  ratings: number;
  averageRating: number | null;
}

export const evaluationForm = z.object({
  serviceQuality: z.number().int().min(0).max(100).meta(fieldMeta(LABELS.serviceQuality)),
  productPerformance: z.number().int().min(0).max(100).meta(fieldMeta(LABELS.productPerformance)),
  comment: z.string().trim().max(2000).optional().meta(fieldMeta(COMMON_LABELS.comment)),
});
export type EvaluationForm = z.output<typeof evaluationForm>;

export const rectificationNoticeForm = z.object({
  measures: z.string().trim().min(3).max(4000).meta(fieldMeta(LABELS.measures)),
});

export const penaltyForm = z.object({
  amount: z.number().positive().meta(fieldMeta(LABELS.amount)),
  contractClause: z.string().trim().min(1).max(200).meta(fieldMeta(LABELS.contractClause)),
  reason: z.string().trim().min(3).max(2000).meta(fieldMeta(LABELS.reason)),
});

export const terminationDecisionForm = z
  .object({
    approved: z.boolean().meta(fieldMeta(LABELS.approved)),
    comment: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.comment)),
  })
  .refine((decision) => decision.approved || (decision.comment ?? '').length > 0, { message: fieldText('say-why-contract-continues'), path: ['comment'] });

/** The combined score: each present component weighted, rescaled over the present ones. Pure, so it is tested alone. */
export function combinedScore(
  components: { technology: number | null; user: number | null; sla: number | null; rating: number | null },
  weights: EvaluationPolicy['weights'],
): number {
  let total = 0;
  let weight = 0;
  for (const key of ['technology', 'user', 'sla', 'rating'] as const) {
    const value = components[key];
    if (value === null) continue;
    total += value * weights[key];
    weight += weights[key];
  }
  return weight === 0 ? 0 : Math.round((total / weight) * 10) / 10;
}

export function serviceComponents(record: ServiceRecord): { sla: number | null; rating: number | null } {
  const repairs = record.repairsOnTime + record.repairsLate;
  return {
    sla: repairs === 0 ? null : Math.round((record.repairsOnTime / repairs) * 1000) / 10,
    rating: record.averageRating === null ? null : Math.round(((record.averageRating - 1) / 4) * 1000) / 10,
  };
}
