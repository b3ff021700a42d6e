import { z } from 'zod';
import { durationMs } from '../lib/inputs';
import { defineProcess, type CompanionWorkflow } from '../lib/process-definition';
import { SUPPLIER_EVALUATION_STEPS } from './steps';

export const supplierEvaluationTimings = z.lazy(() =>
  z.object({
    evaluationDueMs: durationMs(),
    /** The supplier's deadline to rectify after a poor score; reminded every `rectificationReminderMs`. */
    rectificationDueMs: durationMs(),
    rectificationReminderMs: durationMs(),
    penaltyDueMs: durationMs(),
    terminationDecisionDueMs: durationMs(),
  }),
);
export type SupplierEvaluationTimings = z.infer<typeof supplierEvaluationTimings>;

/** How the score is made and what counts as poor; configuration, not code. */
export const evaluationPolicy = z.lazy(() =>
  z.object({
    /** A score below this (0–100) is poor. */
    poorBelow: z.number().min(0).max(100),
    /** Weights of the four components; a component without data is left out and the rest rescaled. */
    weights: z.object({ technology: z.number(), user: z.number(), sla: z.number(), rating: z.number() }),
  }),
);
export type EvaluationPolicy = z.infer<typeof evaluationPolicy>;

export const supplierEvaluationInput = z.lazy(() =>
  z.object({
    vendorId: z.string(),
    trigger: z.enum(['quarterly', 'on-demand']),
    /** The period whose repairs and ratings are scored (ISO). */
    periodFrom: z.string(),
    periodTo: z.string(),
    requestedBy: z.string().nullable(),
    timings: supplierEvaluationTimings,
    policy: evaluationPolicy,
  }),
);
export type SupplierEvaluationInput = z.infer<typeof supplierEvaluationInput>;

/** The round that a quarterly Schedule starts: one evaluation per vendor under an active contract. */
export const quarterlyEvaluationInput = z.lazy(() =>
  z.object({
    timings: supplierEvaluationTimings,
    policy: evaluationPolicy,
    /** How far back the quarter reaches. */
    periodMs: durationMs(),
  }),
);
export type QuarterlyEvaluationInput = z.infer<typeof quarterlyEvaluationInput>;

export const quarterlyEvaluationRound: CompanionWorkflow<QuarterlyEvaluationInput> = { workflowType: 'quarterlySupplierEvaluation', input: quarterlyEvaluationInput };

export const supplierEvaluationProcess = defineProcess({
  name: 'supplier-evaluation',
  workflowType: 'supplierEvaluation',
  title: { 'zh-CN': '供应商评价', en: 'Supplier evaluation' },
  clauses: ['P2.2c'],
  startAction: 'supplier-evaluation.start',
  input: supplierEvaluationInput,
  workflowId: (requestId: string) => `supplier-evaluation-${requestId}`,
  steps: SUPPLIER_EVALUATION_STEPS,
  companions: [quarterlyEvaluationRound],
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
