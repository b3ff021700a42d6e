import { z } from 'zod';
import { label, titleReference, type Vocabulary } from '../../contracts/labels';
import { durationMs } from '../lib/inputs';
import { yesNo } from '../lib/labels';
import { defineProcess, type CompanionWorkflow } from '../lib/process-definition';
import { SUPPLIER_EVALUATION_STEPS } from './steps';
import { optionLabel, textField } from '../lib/labels';

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

/** The wording of the evaluation's tasks and forms (P2.2c). */
const EVALUATION_TRIGGER_LABELS = { quarterly: label('季度评价', 'Quarterly'), 'on-demand': label('临时评价', 'On demand') };

export const SUPPLIER_EVALUATION_LABELS = {
  periodFrom: { title: label('评价期自', 'Period from'), format: 'date-time' },
  periodTo: { title: label('评价期至', 'Period to'), format: 'date-time' },
  serviceRecord: { title: label('维修服务记录', 'Repair record') },
  repairsOnTime: { title: label('按时修复', 'Repairs on time') },
  repairsLate: { title: label('逾期修复', 'Repairs late') },
  ratings: { title: label('业主评价数', 'Owner ratings') },
  averageRating: { title: label('业主平均评分', 'Average rating') },
  slaScore: { title: label('维修时效得分', 'SLA score') },
  ratingScore: { title: label('业主评价得分', 'Rating score') },
  score: { title: label('综合得分', 'Score') },
  scores: { title: label('历次得分', 'Scores') },
  poorBelow: { title: label('不合格线', 'Poor below') },
  penalty: { title: label('违约金', 'Penalty') },
  serviceQuality: { title: label('服务质量（0–100）', 'Service quality (0–100)') },
  productPerformance: { title: label('产品性能（0–100）', 'Product performance (0–100)') },
  measures: { title: label('整改措施', 'Rectification measures') },
  amount: { title: label('违约金（元）', 'Penalty (yuan)'), format: 'yuan' },
  contractClause: { title: label('合同条款', 'Contract clause') },
  reason: { title: label('理由', 'Reason') },
  approved: {
    title: label('是否解除合同', 'Terminate the contract?'),
    options: yesNo(label('批准解除合同', 'Approve the termination'), label('不解除，合同继续', 'Reject: the contract continues')),
  },
  comment: { title: label('意见', 'Comment'), help: label('不解除合同时必填', 'Required when the contract continues') },
  trigger: { title: label('评价方式', 'Trigger'), options: EVALUATION_TRIGGER_LABELS },
  poor: { title: label('评价较差', 'Poor') },
  rectification: { title: label('整改', 'Rectification') },
  termination: { title: label('解约', 'Termination') },
} satisfies Vocabulary;

export const supplierEvaluationProcess = defineProcess({
  name: 'supplier-evaluation',
  workflowType: 'supplierEvaluation',
  title: { 'zh-CN': '供应商评价', en: 'Supplier evaluation' },
  clauses: ['P2.2c'],
  startAction: 'supplier-evaluation.start',
  input: supplierEvaluationInput,
  workflowId: (requestId: string) => `supplier-evaluation-${requestId}`,
  steps: SUPPLIER_EVALUATION_STEPS,
  instanceTitle: {
    keys: ['vendorId', 'trigger'],
    of: ({ title, data }) => {
      const vendor = textField(data, 'vendorId');
      if (!vendor) return label(title, title);
      const trigger = optionLabel(EVALUATION_TRIGGER_LABELS, textField(data, 'trigger') ?? '');
      return label(`供应商评价：${titleReference('supplier', vendor)}（${trigger['zh-CN']}）`, `Supplier evaluation: ${titleReference('supplier', vendor)} (${trigger.en})`);
    },
  },
  labels: SUPPLIER_EVALUATION_LABELS,
  companions: [quarterlyEvaluationRound],
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
