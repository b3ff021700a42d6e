import { z } from 'zod';
import { label } from '../../contracts/labels';
import { fieldMeta } from '../lib/labels';
import { ANNUAL_PLAN_LABELS as LABELS } from './definition';
import type { VoteOutcome } from '../owners-vote/tally';
import { fieldText } from '../../contracts/problem-texts';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { AnnualPlanInput, AnnualPlanTimings, ContributingDepartment } from './definition';

/** The input of the procurement workflow a project starts (the contract with P2.2b). */
export interface ProcurementStart {
  projectId: string;
  planWorkflowId: string;
  title: string;
  /** The plan's cost estimate in yuan. */
  estimate: number;
  system?: string;
}

export interface AnnualPlanOutcome {
  year: number;
  receiptNumber: string;
  projects: Array<{ projectId: string; title: string; status: 'ready-for-procurement' | 'rejected-by-owners'; voteOutcome: VoteOutcome | null }>;
}

const SYSTEMS = ['cctv', 'access-control', 'intrusion-alarm', 'network', 'elevator-monitoring', 'smart-home'] as const;
export const BUDGET_CATEGORIES = ['hardware', 'software-development', 'system-integration', 'installation-commissioning', 'training'] as const;

const yuan = z
  .number()
  .nonnegative()
  .max(1e10)
  .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, fieldText('two-decimals'));

// ---- the forms of the human steps (P5.1a: every record has a schema) ----

export const contributionForm = z.object({
  needs: z.string().trim().min(3).max(4000).meta(fieldMeta(LABELS.needs)),
  proposedProjects: z.array(z.string().trim().min(3)).default([]).meta(fieldMeta(LABELS.proposedProjects)),
});

export const planProject = z
  .object({
    title: z.string().trim().min(3).max(200).meta(fieldMeta(LABELS.title)),
    priority: z.number().int().min(1).max(5).meta(fieldMeta(LABELS.priority)),
    estimateYuan: yuan.meta(fieldMeta(LABELS.estimateYuan)),
    schedule: z.string().trim().min(2).max(200).meta(fieldMeta(LABELS.schedule)),
    system: z.enum(SYSTEMS).optional().meta(fieldMeta(LABELS.system)),
    /** A major project needs the owners' general assembly (P2.1c). */
    major: z.boolean().meta(fieldMeta(LABELS.major)),
    art278Item: z.number().int().min(1).max(9).optional().meta(fieldMeta(LABELS.art278Item)),
  })
  .refine((project) => !project.major || project.art278Item !== undefined, {
    message: fieldText('major-needs-art278'),
    path: ['art278Item'],
  });

export const planForm = z.object({
  goals: z.array(z.string().trim().min(3)).min(1).meta(fieldMeta(LABELS.goals)),
  projects: z.array(planProject).min(1).max(50).meta(fieldMeta(LABELS.projects)),
  schedule: z.string().trim().min(3).max(4000).meta(fieldMeta({ ...LABELS.schedule, title: label('实施进度', 'Schedule') })),
});
export type PlanForm = z.output<typeof planForm>;

export const budgetForm = z.object({
  lineItems: z
    .array(
      z.object({
        category: z.enum(BUDGET_CATEGORIES).meta(fieldMeta(LABELS.category)),
        description: z.string().trim().min(3).max(500).meta(fieldMeta(LABELS.description)),
        amountYuan: yuan.meta(fieldMeta(LABELS.amountYuan)),
        marketPriceReference: z.string().trim().min(3).max(500).meta(fieldMeta(LABELS.marketPriceReference)),
      }),
    )
    .min(1)
    .meta(fieldMeta(LABELS.lineItems)),
});
export type BudgetForm = z.output<typeof budgetForm>;

export const approvalForm = z
  .object({
    decision: z.enum(['approved', 'returned']).meta(fieldMeta(LABELS.decision)),
    comments: z.string().trim().max(4000).optional().meta(fieldMeta(LABELS.comments)),
  })
  .refine((form) => form.decision === 'approved' || (form.comments ?? '').length > 0, { message: fieldText('say-what-to-change'), path: ['comments'] });
