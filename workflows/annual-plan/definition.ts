import { z } from 'zod';
import { label, type Label, type Vocabulary } from '../../contracts/labels';
import { committeeFilingTimings, FILING_PACKAGE_LABELS } from '../committee-filing/definition';
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

/** The departments the configuration names as contributors (`PLAN_DEPARTMENTS`); one it adds is shown as named. */
export const DEPARTMENT_LABELS: Record<string, Label> = {
  security: label('安保部', 'Security'),
  monitoring: label('监控中心', 'Monitoring'),
  technology: label('技术部', 'Technology'),
  finance: label('财务部', 'Finance'),
  management: label('管理层', 'Management'),
  hr: label('人事部', 'HR'),
};

/** The wording of the departments' contributions and management's approval (P2.1a–c); the plan and the budget are worded as the committee receives them. */
export const ANNUAL_PLAN_LABELS = {
  ...FILING_PACKAGE_LABELS,
  department: { title: label('部门', 'Department'), options: DEPARTMENT_LABELS },
  needs: { title: label('部门需求', 'Needs'), help: label('本部门明年的需求', "The department's needs for next year") },
  proposedProjects: { title: label('建议项目', 'Proposed projects') },
  contributions: { title: label('各部门需求', "Departments' needs") },
  by: { title: label('填报人', 'By') },
  evaluation: { title: label('上年度评价', 'Last annual evaluation') },
  workflowId: { title: label('流程', 'Process'), format: 'process' },
  data: { title: label('数据', 'Data'), format: 'hidden' },
  returned: { title: label('退回意见', 'Returned with comments') },
  previous: { title: label('上一版', 'Previous version') },
  decision: { title: label('审批', 'Decision'), options: { approved: label('批准', 'Approve'), returned: label('退回修改', 'Return for changes') } },
  comments: { title: label('意见', 'Comments'), help: label('退回时必填：需要修改什么', 'Required when returned: what to change') },
} satisfies Vocabulary;

export const annualPlanProcess = defineProcess({
  name: 'annual-plan',
  workflowType: 'annualPlan',
  title: { 'zh-CN': '年度计划与预算', en: 'Annual plan and budget' },
  clauses: ['P2.1a–c', 'P7.2b'],
  startAction: 'annual-plan.start',
  input: annualPlanInput,
  workflowId: (runId: string) => `annual-plan-${runId}`,
  steps: ANNUAL_PLAN_STEPS,
  instanceTitle: {
    keys: ['year'],
    of: ({ title, data }) => {
      const year = typeof data.year === 'number' ? String(data.year) : title.split(' ')[0];
      return label(`${year} 年度计划`, `Annual plan ${year}`);
    },
  },
  labels: ANNUAL_PLAN_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
