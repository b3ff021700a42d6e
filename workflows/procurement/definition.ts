import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
import { yesNo } from '../lib/labels';
import { defineProcess } from '../lib/process-definition';
import { PROCUREMENT_STEPS } from './steps';

export const PROCUREMENT_SYSTEMS = ['cctv', 'access-control', 'intrusion-alarm', 'network', 'elevator-monitoring', 'smart-home'] as const;

/**
 * How another process (the annual plan) starts a procurement, by workflow type `procurement`.
 * `estimate` is whole yuan (CNY). Durations are optional: the worker's configuration fills them in.
 */
export const procurementInput = z.lazy(() =>
  z.object({
    projectId: z.string(),
    planWorkflowId: z.string().optional(),
    title: z.string(),
    /** Whole yuan (CNY). */
    estimate: z.number().nonnegative(),
    system: z.enum(PROCUREMENT_SYSTEMS).optional(),
    requirements: z.string().optional(),
    /** The sealed-bid window, from the invitations to the opening (recorded histories carry seconds). */
    bidWindowSeconds: z.number().positive().optional(),
    /** Due time of each human step. */
    taskDueSeconds: z.number().positive().optional(),
    /** Start project delivery as a child after the contract (default: PROCUREMENT_START_DELIVERY, true). */
    startDelivery: z.boolean().optional(),
    /** Who asked for it (shown on the instance); the plan's starter when the plan starts it. */
    requestedBy: z.string().nullable().optional(),
  }),
);
export type ProcurementInput = z.infer<typeof procurementInput>;

export const METHOD_LABELS = {
  inquiry: label('询价', 'Inquiry'),
  tender: label('公开招标', 'Public tender'),
  negotiation: label('竞争性谈判', 'Negotiation'),
};

/** The wording of the procurement's tasks and forms (P2.2b). */
export const PROCUREMENT_LABELS = {
  title: { title: label('项目', 'Project') },
  estimate: { title: label('费用估算', 'Cost estimate'), format: 'yuan' },
  requirements: { title: label('采购需求', 'Requirements') },
  suggestedMethod: { title: label('建议采购方式', 'Suggested method'), options: METHOD_LABELS },
  inquiryMaxYuan: { title: label('询价上限', 'Inquiry limit'), format: 'yuan' },
  minimumBids: { title: label('最少投标数', 'Minimum bids') },
  qualifiedSuppliers: { title: label('合格供应商', 'Qualified suppliers') },
  // Suppliers and people are listed by name beside their ids.
  vendorId: { title: label('供应商', 'Supplier'), format: 'hidden' },
  userId: { title: label('人员', 'Person'), format: 'hidden' },
  bidId: { title: label('投标', 'Bid'), format: 'hidden' },
  name: { title: label('名称', 'Name') },
  displayName: { title: label('姓名', 'Name') },
  method: { title: label('采购方式', 'Method'), options: METHOD_LABELS },
  reason: { title: label('理由', 'Reason'), help: label('竞争性谈判时必填', 'Required for negotiation') },
  invitedVendorIds: { title: label('邀请供应商', 'Invited suppliers'), help: label('名录中的合格供应商', 'Qualified suppliers from the registry') },
  bids: { title: label('开标结果', 'Opened bids') },
  priceYuan: { title: label('价格', 'Price'), format: 'yuan' },
  score: { title: label('加权得分', 'Weighted score') },
  weights: { title: label('评分权重', 'Weights') },
  price: { title: label('价格', 'Price') },
  technical: { title: label('技术', 'Technical') },
  afterSales: { title: label('售后', 'After-sales') },
  needed: { title: label('还需评委人数', 'Members still needed') },
  candidates: { title: label('可选评委', 'Who may sit') },
  excused: { title: label('已回避评委', 'Excused members'), format: 'user' },
  memberUserIds: { title: label('评标委员会成员', 'Panel members') },
  conflict: {
    title: label('利益冲突', 'Conflict of interest'),
    options: yesNo(label('我与投标人存在利益冲突，回避', 'I have a conflict of interest: I step aside'), label('我与投标人无利益冲突', 'I have no conflict of interest')),
  },
  statement: { title: label('说明', 'Statement'), help: label('存在利益冲突时必填', 'Required with a conflict of interest') },
  winner: { title: label('中标供应商', 'Winning bid') },
  ranking: { title: label('评标排名', 'Ranking') },
  approvalThresholdYuan: { title: label('需审批的合同金额', 'Approval needed above'), format: 'yuan' },
  contract: { title: label('合同', 'Contract') },
  draftedBy: { title: label('起草人', 'Drafted by') },
  rightsAndObligations: { title: label('权利义务', 'Rights and obligations') },
  specs: { title: label('产品规格', 'Product specifications') },
  deliveryDate: { title: label('交付日期', 'Delivery date'), format: 'date' },
  afterSalesTerms: { title: label('售后条款', 'After-sales terms') },
  repairSlaSeconds: { title: label('维修时限', 'Repair SLA'), help: label('故障报修对供应商执行此时限', 'Fault repair enforces it on the vendor'), format: 'seconds' },
  decision: {
    title: label('决定', 'Decision'),
    options: { approve: label('批准合同', 'Approve the contract'), revise: label('退回修改', 'Send back for revision'), cancel: label('取消采购', 'Cancel the procurement') },
  },
  comment: { title: label('意见', 'Comment'), help: label('退回或取消时必填', 'Required to send back or cancel') },
  methodReason: { title: label('采购方式理由', 'Why this method') },
  invited: { title: label('邀请的供应商', 'Invited') },
  bidDeadline: { title: label('投标截止', 'Bids due'), format: 'date-time' },
  award: { title: label('中标', 'Award') },
} satisfies Vocabulary;

export const procurementProcess = defineProcess({
  name: 'procurement',
  workflowType: 'procurement',
  title: { 'zh-CN': '采购', en: 'Procurement' },
  clauses: ['P2.2b'],
  startAction: 'procurement.start',
  input: procurementInput,
  workflowId: (projectId: string) => `procurement-${projectId}`,
  steps: PROCUREMENT_STEPS,
  labels: PROCUREMENT_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
