import { z } from 'zod';
import { label } from '../../contracts/labels';
import { pickOne } from '../lib/form-fields';
import { COMMON_LABELS, fieldMeta } from '../lib/labels';
import { PROJECT_DELIVERY_LABELS as LABELS } from './definition';
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
      system: z.enum(SYSTEM_KINDS).meta(fieldMeta({ ...COMMON_LABELS.system, help: label('交付的系统', 'The system being delivered') })),
      biometric: z.boolean().default(false).meta(fieldMeta(LABELS.biometric)),
      projectLead: pickOne({
        choices: directory.filter((user) => user.roles.some((role) => STAFF_LEAD_ROLES.includes(role))).map((user) => ({ id: user.id, label: user.displayName })),
        ...LABELS.projectLead,
        refusal: fieldText('not-a-lead'),
        noneAvailable: fieldText('no-lead-available'),
      }),
      phases: z
        .array(
          z.object({
            name: z.string().trim().min(1).meta(fieldMeta({ title: label('阶段', 'Phase') })),
            description: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.description)),
          }),
        )
        .min(1)
        .meta(fieldMeta(LABELS.phases)),
      milestones: z
        .array(
          z.object({
            name: z.string().trim().min(1).meta(fieldMeta(LABELS.milestone)),
            dueAt: z.iso.datetime({ offset: true }).meta(fieldMeta(COMMON_LABELS.dueAt)),
          }),
        )
        .min(1)
        .meta(fieldMeta(LABELS.milestones)),
      qualityRequirements: z.string().trim().min(3).max(4000).meta(fieldMeta(LABELS.qualityRequirements)),
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
  title: z.string().trim().min(3).max(500).meta(fieldMeta(LABELS.title)),
  severity: z.enum(['low', 'medium', 'high']).default('medium').meta(fieldMeta(LABELS.severity)),
});

/** P2.3b: a progress report by the project lead; issues go to the issues log. */
export function progressReportForm(milestoneNames: string[]) {
  return z
    .object({
      summary: z.string().trim().min(3).max(4000).meta(fieldMeta(LABELS.summary)),
      percentComplete: z.number().int().min(0).max(100).meta(fieldMeta(LABELS.percentComplete)),
      // The plan's milestones as choices, so the task form offers them as checkboxes.
      milestonesReached: z
        .array(z.enum(milestoneNames as [string, ...string[]]))
        .default([])
        // A milestone is named by the name the plan gave it.
        .meta(fieldMeta(LABELS.milestonesReached, { 'x-option-labels': Object.fromEntries(milestoneNames.map((name) => [name, name])) })),
      issues: z.array(issueEntry).default([]).meta(fieldMeta(LABELS.issues)),
      deliveryComplete: z.boolean().default(false).meta(fieldMeta(LABELS.deliveryComplete)),
    })
    .superRefine((report, ctx) => {
      if (report.deliveryComplete && report.percentComplete !== 100) {
        ctx.addIssue({ code: 'custom', path: ['percentComplete'], message: fieldText('delivered-is-complete') });
      }
    });
}

/** Management's response to an overdue milestone (P2.3b). */
export const overdueReviewForm = z.object({
  instruction: z.string().trim().min(3).max(2000).meta(fieldMeta(LABELS.instruction)),
  newDueAt: z.iso.datetime({ offset: true }).optional().meta(fieldMeta(LABELS.newDueAt)),
});
