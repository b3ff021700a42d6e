import { z } from 'zod';
import { committeeFilingTimings } from '../committee-filing/definition';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { ownersVoteTimings } from '../owners-vote/definition';
import { ANNUAL_PLAN_STEPS } from './steps';

export const annualPlanTimings = z.lazy(() =>
  z.object({
    contributionDueMs: durationMs(),
    draftDueMs: durationMs(),
    budgetDueMs: durationMs(),
    approvalDueMs: durationMs(),
    filing: committeeFilingTimings,
    vote: ownersVoteTimings,
  }),
);
export type AnnualPlanTimings = z.infer<typeof annualPlanTimings>;

/** A business department that contributes to the plan, and the role whose members act for it. */
export const contributingDepartment = z.lazy(() => z.object({ department: z.string(), role: z.string() }));
export type ContributingDepartment = z.infer<typeof contributingDepartment>;

export const annualPlanInput = z.lazy(() =>
  z.object({
    /** The plan's year; by default the year after the one the schedule fires in. */
    year: z.number().int().optional(),
    departments: z.array(contributingDepartment),
    timings: annualPlanTimings,
    /** The workflow type that procures an effective plan's projects; null records them as ready only. */
    procurementWorkflowType: z.string().nullable(),
  }),
);
export type AnnualPlanInput = z.infer<typeof annualPlanInput>;

export const annualPlanProcess = defineProcess({
  name: 'annual-plan',
  workflowType: 'annualPlan',
  title: { 'zh-CN': '年度计划与预算', en: 'Annual plan and budget' },
  clauses: ['P2.1a–c', 'P7.2b'],
  startAction: 'annual-plan.start',
  input: annualPlanInput,
  workflowId: (runId: string) => `annual-plan-${runId}`,
  steps: ANNUAL_PLAN_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
