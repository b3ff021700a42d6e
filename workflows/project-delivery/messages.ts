import { z } from 'zod';
import { fieldText, roleNames } from '../../contracts/problem-texts';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { DeliveryTimings, ProjectDeliveryInput } from './definition';

export interface ProjectDeliveryOutcome {
  acceptanceWorkflowId: string;
  overdueMilestones: string[];
  reports: number;
  warrantyStartsAt: string;
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  roles: string[];
  vendorId: string | null;
}

const SYSTEM_KINDS = ['cctv', 'access-control', 'intrusion-alarm', 'network', 'elevator-monitoring', 'smart-home'] as const;

const STAFF_LEAD_ROLES = ['technician', 'tech-supervisor', 'procurement', 'management'];

/** P2.3a: the implementation plan. The project lead must be a member of staff who can lead a project. */
export function implementationPlanForm(directory: DirectoryUser[]) {
  return z
    .object({
      system: z.enum(SYSTEM_KINDS).meta({ title: '系统 System', description: 'The system being delivered' }),
      biometric: z
        .boolean()
        .default(false)
        .meta({ title: '人脸识别 Biometric (face)', description: 'The system collects faces or other biometrics (P2.3c data-security items)' }),
      projectLead: z.string().min(1).meta({ title: '项目负责人 Project lead', description: 'User id of the responsible person' }),
      phases: z
        .array(
          z.object({
            name: z.string().trim().min(1).meta({ title: '阶段 Phase' }),
            description: z.string().trim().max(2000).optional().meta({ title: '内容 Content' }),
          }),
        )
        .min(1)
        .meta({ title: '实施阶段 Phases' }),
      milestones: z
        .array(
          z.object({
            name: z.string().trim().min(1).meta({ title: '里程碑 Milestone' }),
            dueAt: z.iso.datetime({ offset: true }).meta({ title: '截止 Due' }),
          }),
        )
        .min(1)
        .meta({ title: '里程碑 Milestones' }),
      qualityRequirements: z.string().trim().min(3).max(4000).meta({ title: '质量要求 Quality requirements' }),
    })
    .superRefine((plan, ctx) => {
      const lead = directory.find((user) => user.id === plan.projectLead);
      if (!lead || !lead.roles.some((role) => STAFF_LEAD_ROLES.includes(role))) {
        ctx.addIssue({ code: 'custom', path: ['projectLead'], message: fieldText('lead-must-be-staff'), params: { roles: roleNames(STAFF_LEAD_ROLES) } });
      }
      const names = plan.milestones.map((milestone) => milestone.name);
      if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: ['milestones'], message: fieldText('milestone-names-differ') });
    });
}
export type ImplementationPlan = z.output<ReturnType<typeof implementationPlanForm>>;

export const issueEntry = z.object({
  title: z.string().trim().min(3).max(500).meta({ title: '问题 Issue' }),
  severity: z.enum(['low', 'medium', 'high']).default('medium').meta({ title: '严重程度 Severity' }),
});

/** P2.3b: a progress report by the project lead; issues go to the issues log. */
export function progressReportForm(milestoneNames: string[]) {
  return z
    .object({
      summary: z.string().trim().min(3).max(4000).meta({ title: '进展 Progress' }),
      percentComplete: z.number().int().min(0).max(100).meta({ title: '完成百分比 Percent complete' }),
      // The plan's milestones as choices, so the task form offers them as checkboxes.
      milestonesReached: z
        .array(z.enum(milestoneNames as [string, ...string[]]))
        .default([])
        .meta({ title: '已达成里程碑 Milestones reached' }),
      issues: z.array(issueEntry).default([]).meta({ title: '问题 Issues' }),
      deliveryComplete: z.boolean().default(false).meta({ title: '已交付 Delivered', description: 'Everything is delivered and ready for acceptance' }),
    })
    .superRefine((report, ctx) => {
      if (report.deliveryComplete && report.percentComplete !== 100) {
        ctx.addIssue({ code: 'custom', path: ['percentComplete'], message: fieldText('delivered-is-complete') });
      }
    });
}

/** Management's response to an overdue milestone (P2.3b). */
export const overdueReviewForm = z.object({
  instruction: z.string().trim().min(3).max(2000).meta({ title: '处理意见 Instruction' }),
  newDueAt: z.iso.datetime({ offset: true }).optional().meta({ title: '新截止 New due date', description: 'Leave empty to keep the date' }),
});
