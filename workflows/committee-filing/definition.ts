import { z } from 'zod';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { COMMITTEE_FILING_STEPS } from './steps';

export const committeeFilingTimings = z.lazy(() => z.object({ acknowledgementDueMs: durationMs() }));
export type CommitteeFilingTimings = z.infer<typeof committeeFilingTimings>;

/** P2.1c: what the committee receives: the approved plan and budget, who approved them and when. */
export const filingPackage = z.lazy(() =>
  z.object({
    year: z.number().int(),
    plan: z.unknown(),
    budget: z.unknown(),
    approvedBy: z.string(),
    approvedAt: z.string(),
    evaluationWorkflowId: z.string().nullable(),
  }),
);
export type FilingPackage = z.infer<typeof filingPackage>;

export const committeeFilingInput = z.lazy(() =>
  z.object({
    planWorkflowId: z.string(),
    title: z.string(),
    filingPackage,
    timings: committeeFilingTimings,
  }),
);
export type CommitteeFilingInput = z.infer<typeof committeeFilingInput>;

export const committeeFilingProcess = defineProcess({
  name: 'committee-filing',
  workflowType: 'committeeFiling',
  title: { 'zh-CN': '业委会备案', en: "Filing with the owners' committee" },
  clauses: ['P2.1c'],
  input: committeeFilingInput,
  /** One filing per attempt: a returned package is filed again under the next attempt. */
  workflowId: (planWorkflowId: string, attempt: number) => `committee-filing-${planWorkflowId}-${attempt}`,
  steps: COMMITTEE_FILING_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
