import { z } from 'zod';
import { label, SYSTEM_LABELS, type Vocabulary } from '../../contracts/labels';
import { durationMs } from '../lib/inputs';
import { yesNo } from '../lib/labels';
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

export const BUDGET_CATEGORY_LABELS = {
  hardware: label('硬件', 'Hardware'),
  'software-development': label('软件开发', 'Software development'),
  'system-integration': label('系统集成', 'System integration'),
  'installation-commissioning': label('安装调试', 'Installation and commissioning'),
  training: label('培训', 'Training'),
};

/** The package the committee receives, as the annual plan drafts it: the plan's projects and the budget's line items. */
export const FILING_PACKAGE_LABELS = {
  plan: { title: label('年度计划', 'Plan') },
  budget: { title: label('年度预算', 'Budget') },
  goals: { title: label('年度目标', 'Goals') },
  projects: { title: label('项目清单', 'Projects') },
  title: { title: label('项目名称', 'Title') },
  priority: { title: label('优先级', 'Priority'), help: label('1 最高', '1 is the highest') },
  estimateYuan: { title: label('费用估算', 'Cost estimate'), format: 'yuan' },
  schedule: { title: label('进度安排', 'Schedule') },
  system: { title: label('系统', 'System'), options: SYSTEM_LABELS },
  major: {
    title: label('重大项目', 'Major project'),
    help: label('重大项目需业主大会表决（P2.1c）', "A major project goes to the owners' general assembly (P2.1c)"),
    options: yesNo(label('是，需业主表决', 'Yes: the owners vote'), label('否', 'No')),
  },
  art278Item: { title: label('民法典第278条事项', 'Civil Code art. 278 item'), help: label('重大项目必填（1–9）', 'Required for a major project (1–9)') },
  lineItems: { title: label('预算明细', 'Line items') },
  category: { title: label('类别', 'Category'), options: BUDGET_CATEGORY_LABELS },
  description: { title: label('内容', 'Description') },
  amountYuan: { title: label('金额', 'Amount'), format: 'yuan' },
  marketPriceReference: {
    title: label('市场价格参考', 'Market-price reference'),
    help: label('报价、目录或上次合同', 'Where the market price comes from (quote, catalogue, last contract)'),
  },
  budgetTotalYuan: { title: label('预算合计', 'Budget total'), format: 'yuan' },
  approvedBy: { title: label('批准人', 'Approved by') },
  approvedAt: { title: label('批准时间', 'Approved at'), format: 'date-time' },
} satisfies Vocabulary;

/** The wording of the committee's acknowledgement (P2.1c). */
export const COMMITTEE_FILING_LABELS = {
  ...FILING_PACKAGE_LABELS,
  filedAt: { title: label('报送时间', 'Filed at'), format: 'date-time' },
  packageDigest: { title: label('材料摘要（SHA-256）', 'Package digest (SHA-256)'), format: 'digest' },
  planWorkflowId: { title: label('年度计划流程', 'Plan process'), format: 'process' },
  evaluationWorkflowId: { title: label('年度评价流程', 'Evaluation process'), format: 'process' },
  decision: {
    title: label('备案结果', 'Decision'),
    options: { acknowledged: label('材料齐全，予以备案并出具回执', 'Complete: acknowledge and issue a receipt'), returned: label('材料不全，退回', 'Incomplete: return it') },
  },
  comment: { title: label('意见', 'Comment'), help: label('退回时必填：缺少什么', 'Required when the package is returned: what is missing') },
  status: { title: label('状态', 'Status'), options: { acknowledged: label('已签收', 'Acknowledged'), returned: label('已退回', 'Returned') } },
} satisfies Vocabulary;

export const committeeFilingProcess = defineProcess({
  name: 'committee-filing',
  workflowType: 'committeeFiling',
  title: { 'zh-CN': '业委会备案', en: "Filing with the owners' committee" },
  clauses: ['P2.1c'],
  input: committeeFilingInput,
  /** One filing per attempt: a returned package is filed again under the next attempt. */
  workflowId: (planWorkflowId: string, attempt: number) => `committee-filing-${planWorkflowId}-${attempt}`,
  steps: COMMITTEE_FILING_STEPS,
  labels: COMMITTEE_FILING_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
