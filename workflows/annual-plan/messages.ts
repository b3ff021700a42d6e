import { z } from 'zod';
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

// Display names for the task form's select boxes (read by the UI as `x-option-labels`).
const SYSTEM_LABELS: Record<(typeof SYSTEMS)[number], string> = {
  cctv: '视频监控 CCTV',
  'access-control': '门禁 Access control',
  'intrusion-alarm': '入侵报警 Intrusion alarm',
  network: '网络 Network',
  'elevator-monitoring': '电梯监控 Elevator monitoring',
  'smart-home': '智能家居 Smart home',
};
const CATEGORY_LABELS: Record<(typeof BUDGET_CATEGORIES)[number], string> = {
  hardware: '硬件 Hardware',
  'software-development': '软件开发 Software development',
  'system-integration': '系统集成 System integration',
  'installation-commissioning': '安装调试 Installation and commissioning',
  training: '培训 Training',
};

const yuan = z
  .number()
  .nonnegative()
  .max(1e10)
  .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, fieldText('two-decimals'));

// ---- the forms of the human steps (P5.1a: every record has a schema) ----

export const contributionForm = z.object({
  needs: z.string().trim().min(3).max(4000).meta({ title: '部门需求 Needs', description: "The department's needs for next year" }),
  proposedProjects: z.array(z.string().trim().min(3)).default([]).meta({ title: '建议项目 Proposed projects', description: 'One per line' }),
});

export const planProject = z
  .object({
    title: z.string().trim().min(3).max(200).meta({ title: '项目名称 Title' }),
    priority: z.number().int().min(1).max(5).meta({ title: '优先级 Priority', description: '1 最高 1 highest' }),
    estimateYuan: yuan.meta({ title: '费用估算（元）Cost estimate (yuan)' }),
    schedule: z.string().trim().min(2).max(200).meta({ title: '进度安排 Schedule' }),
    system: z.enum(SYSTEMS).optional().meta({ title: '系统 System', 'x-option-labels': SYSTEM_LABELS }),
    /** A major project needs the owners' general assembly (P2.1c). */
    major: z.boolean().meta({ title: '重大项目 Major project', description: '需业主大会表决 Goes to the owners\' general assembly (P2.1c)' }),
    art278Item: z
      .number()
      .int()
      .min(1)
      .max(9)
      .optional()
      .meta({ title: '民法典第278条事项 Civil Code art. 278 item', description: '重大项目必填（1–9）Required for a major project (1–9)' }),
  })
  .refine((project) => !project.major || project.art278Item !== undefined, {
    message: fieldText('major-needs-art278'),
    path: ['art278Item'],
  });

export const planForm = z.object({
  goals: z.array(z.string().trim().min(3)).min(1).meta({ title: '年度目标 Goals' }),
  projects: z.array(planProject).min(1).max(50).meta({ title: '项目清单 Projects' }),
  schedule: z.string().trim().min(3).max(4000).meta({ title: '实施进度 Schedule' }),
});
export type PlanForm = z.output<typeof planForm>;

export const budgetForm = z.object({
  lineItems: z
    .array(
      z.object({
        category: z.enum(BUDGET_CATEGORIES).meta({ title: '类别 Category', 'x-option-labels': CATEGORY_LABELS }),
        description: z.string().trim().min(3).max(500).meta({ title: '内容 Description' }),
        amountYuan: yuan.meta({ title: '金额（元）Amount (yuan)' }),
        marketPriceReference: z
          .string()
          .trim()
          .min(3)
          .max(500)
          .meta({ title: '市场价格参考 Market-price reference', description: '报价、目录或上次合同 Where the market price comes from (quote, catalogue, last contract)' }),
      }),
    )
    .min(1)
    .meta({ title: '预算明细 Line items' }),
});
export type BudgetForm = z.output<typeof budgetForm>;

export const approvalForm = z
  .object({
    decision: z.enum(['approved', 'returned']).meta({ title: '审批 Decision' }),
    comments: z.string().trim().max(4000).optional().meta({ title: '意见 Comments', description: 'Required when returned' }),
  })
  .refine((form) => form.decision === 'approved' || (form.comments ?? '').length > 0, { message: fieldText('say-what-to-change'), path: ['comments'] });
