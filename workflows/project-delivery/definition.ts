import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
import { durationMs } from '../lib/inputs';
import { yesNo } from '../lib/labels';
import { defineProcess } from '../lib/process-definition';
import { acceptanceTimings } from '../project-acceptance/definition';
import { PROJECT_DELIVERY_STEPS } from './steps';

/** Every duration of delivery supervision (P2.3b); tests run a week's cadence in seconds. */
export const deliveryTimings = z.lazy(() =>
  z.object({
    planDueMs: durationMs(),
    /** How often the project lead reports progress. */
    reportEveryMs: durationMs(),
    /** While a report is missing, the lead is reminded this often... */
    reportReminderMs: durationMs(),
    /** ...until this long after it was asked for, when management is alerted. */
    reportDueMs: durationMs(),
    /** A milestone not reached this long after its due date alerts management. */
    milestoneGraceMs: durationMs(),
    overdueReviewDueMs: durationMs(),
    acceptance: acceptanceTimings,
  }),
);
export type DeliveryTimings = z.infer<typeof deliveryTimings>;

/**
 * The contract the procurement process starts delivery with (as a child, by the type name
 * `projectDelivery`). Without `timings` the worker's configured defaults apply.
 */
export const projectDeliveryInput = z.lazy(() =>
  z.object({
    contractId: z.string(),
    procurementWorkflowId: z.string().optional(),
    projectId: z.string(),
    vendorId: z.string(),
    title: z.string(),
    /** ISO date the contract sets for delivery. */
    deliveryDate: z.string(),
    timings: deliveryTimings.unwrap().partial().optional(),
  }),
);
export type ProjectDeliveryInput = z.infer<typeof projectDeliveryInput>;

/** The wording of the delivery's tasks and forms (P2.3a–b). */
export const PROJECT_DELIVERY_LABELS = {
  deliveryDate: { title: label('合同交付日期', 'Delivery date'), format: 'date' },
  biometric: {
    title: label('采集人脸等生物识别信息', 'Collects faces or other biometrics'),
    help: label('验收时加查数据安全项目（P2.3c）', 'Acceptance adds the data-security items (P2.3c)'),
  },
  projectLead: { title: label('项目负责人', 'Project lead'), help: label('负责项目实施的员工', 'The member of staff responsible'), format: 'user' },
  phases: { title: label('实施阶段', 'Phases') },
  description: { title: label('内容', 'Content') },
  milestones: { title: label('里程碑', 'Milestones') },
  milestone: { title: label('里程碑', 'Milestone') },
  reached: { title: label('已达成', 'Reached'), options: yesNo(label('是', 'Yes'), label('否', 'No')) },
  overdue: { title: label('已逾期', 'Overdue'), options: yesNo(label('是', 'Yes'), label('否', 'No')) },
  qualityRequirements: { title: label('质量要求', 'Quality requirements') },
  summary: { title: label('进展', 'Progress') },
  percentComplete: { title: label('完成百分比', 'Percent complete') },
  milestonesReached: { title: label('已达成里程碑', 'Milestones reached') },
  issues: { title: label('问题', 'Issues') },
  title: { title: label('问题', 'Issue') },
  severity: { title: label('严重程度', 'Severity'), options: { low: label('低', 'Low'), medium: label('中', 'Medium'), high: label('高', 'High') } },
  deliveryComplete: { title: label('已全部交付', 'Delivered'), help: label('全部交付，可以验收', 'Everything is delivered and ready for acceptance') },
  instruction: { title: label('处理意见', 'Instruction') },
  newDueAt: { title: label('新截止时间', 'New due date'), help: label('留空则保持原日期', 'Leave empty to keep the date'), format: 'date-time' },
  procurementWorkflowId: { title: label('采购流程', 'Procurement process'), format: 'process' },
  acceptanceWorkflowId: { title: label('验收流程', 'Acceptance process'), format: 'process' },
  plan: { title: label('实施方案', 'Delivery plan') },
  lastReport: { title: label('最近一次进度报告', 'Last report') },
  reports: { title: label('进度报告次数', 'Reports') },
  at: { title: label('时间', 'At'), format: 'date-time' },
} satisfies Vocabulary;

export const projectDeliveryProcess = defineProcess({
  name: 'project-delivery',
  workflowType: 'projectDelivery',
  title: { 'zh-CN': '项目实施', en: 'Project delivery' },
  clauses: ['P2.3a–b'],
  startAction: 'project-delivery.start',
  input: projectDeliveryInput,
  /** One delivery per contract: the id follows from the contract, so a retried start joins it. */
  workflowId: (contractId: string) => `project-delivery-${contractId}`,
  steps: PROJECT_DELIVERY_STEPS,
  labels: PROJECT_DELIVERY_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
