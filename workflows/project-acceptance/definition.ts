import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
import { durationMs } from '../lib/inputs';
import { yesNo } from '../lib/labels';
import { defineProcess } from '../lib/process-definition';
import { PROJECT_ACCEPTANCE_STEPS } from './steps';

export const acceptanceTimings = z.lazy(() =>
  z.object({
    teamDueMs: durationMs(),
    inspectionDueMs: durationMs(),
    signatureDueMs: durationMs(),
    /** The supplier's deadline to rectify failed items; reminded every `rectificationReminderMs`. */
    rectificationDueMs: durationMs(),
    rectificationReminderMs: durationMs(),
    settlementDueMs: durationMs(),
    /** The warranty period that starts on a pass. */
    warrantyMs: durationMs(),
  }),
);
export type AcceptanceTimings = z.infer<typeof acceptanceTimings>;

export const projectAcceptanceInput = z.lazy(() =>
  z.object({
    deliveryWorkflowId: z.string().optional(),
    contractId: z.string(),
    projectId: z.string(),
    vendorId: z.string(),
    title: z.string(),
    system: z.string(),
    /** Face recognition or other biometrics: the data-security check adds the biometric items. */
    biometric: z.boolean(),
    timings: acceptanceTimings,
  }),
);
export type ProjectAcceptanceInput = z.infer<typeof projectAcceptanceInput>;

/** The checklist's items (P2.3c), and the biometric ones when faces are collected; `failed` names them by path. */
export const CHECK_ITEM_LABELS = {
  function: label('功能', 'Function'),
  performance: label('性能指标', 'Performance indicators'),
  dataSecurity: label('数据安全', 'Data security'),
  afterSales: label('售后服务', 'After-sales service'),
  signage: label('人脸采集告知标识', 'Signage at collection points'),
  separateConsent: label('单独同意', 'Separate consent'),
  nonFaceAlternative: label('非人脸替代方式', 'A non-face alternative'),
};

/** The wording of the acceptance's tasks and forms (P2.3c). */
export const PROJECT_ACCEPTANCE_LABELS = {
  ...Object.fromEntries(Object.entries(CHECK_ITEM_LABELS).map(([key, title]) => [key, { title }])),
  biometric: { title: label('人脸识别', 'Biometric (face)'), options: yesNo(label('是', 'Yes'), label('否', 'No')) },
  technologyMembers: { title: label('技术部门成员', 'Technology department') },
  businessMembers: { title: label('业务部门成员', 'Business departments') },
  ownerRepresentatives: { title: label('业主代表', 'Owner representatives') },
  checklist: { title: label('验收检查结果', 'Checklist') },
  passed: { title: label('结果', 'Result'), options: yesNo(label('通过', 'Passed'), label('不通过', 'Failed')) },
  note: { title: label('说明', 'Note'), help: label('不通过时必填', 'Required when failed') },
  failed: {
    title: label('未通过项目', 'Failed items'),
    options: Object.fromEntries(Object.entries(CHECK_ITEM_LABELS).map(([key, title]) => [['signage', 'separateConsent', 'nonFaceAlternative'].includes(key) ? `biometric.${key}` : key, title])),
  },
  signedAs: { title: label('签名', 'Signature'), help: label('请填写您的全名', 'Your full name') },
  measures: { title: label('整改措施', 'Rectification'), help: label('已整改的内容', 'What was fixed') },
  acceptedAt: { title: label('验收通过时间', 'Accepted at'), format: 'date-time' },
  acceptanceReport: { title: label('验收报告', 'Acceptance report'), format: 'link', linkText: label('下载验收报告（PDF）', 'Download the report (PDF)') },
  invoiceNumber: { title: label('发票号', 'Invoice number') },
  amount: { title: label('结算金额（元）', 'Amount (yuan)'), format: 'yuan' },
  deliveryWorkflowId: { title: label('交付流程', 'Delivery process'), format: 'process' },
  team: { title: label('验收小组', 'Team') },
  rectification: { title: label('整改', 'Rectification') },
  warrantyStartsAt: { title: label('质保开始', 'Warranty starts'), format: 'date-time' },
  warrantyEndsAt: { title: label('质保结束', 'Warranty ends'), format: 'date-time' },
  rounds: { title: label('验收轮次', 'Rounds') },
  settlement: { title: label('结算', 'Settlement') },
} satisfies Vocabulary;

export const projectAcceptanceProcess = defineProcess({
  name: 'project-acceptance',
  workflowType: 'projectAcceptance',
  title: { 'zh-CN': '项目验收', en: 'Project acceptance' },
  clauses: ['P2.3c'],
  input: projectAcceptanceInput,
  /** The acceptance of a delivery follows from the delivery's id, so a retried start finds the same process. */
  workflowId: (deliveryWorkflowId: string) =>
    deliveryWorkflowId.startsWith('project-delivery-') ? deliveryWorkflowId.replace(/^project-delivery-/, 'project-acceptance-') : `project-acceptance-${deliveryWorkflowId}`,
  steps: PROJECT_ACCEPTANCE_STEPS,
  labels: PROJECT_ACCEPTANCE_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
