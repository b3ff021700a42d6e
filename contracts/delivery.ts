import { z } from 'zod';
import type { ImplementationPlan } from '../workflows/project-delivery/messages';

export const deliveryRequest = z.object({
  contractId: z.string().trim().min(1).max(200),
  procurementWorkflowId: z.string().trim().min(1).max(300).optional(),
  projectId: z.string().trim().min(1).max(200),
  vendorId: z.string().min(1),
  title: z.string().trim().min(3).max(300),
  deliveryDate: z.iso.datetime({ offset: true }),
});
export type DeliveryRequest = z.input<typeof deliveryRequest>;

export const deliverySummary = z.object({
  workflowId: z.string(),
  contractId: z.string(),
  procurementWorkflowId: z.string().nullable(),
  projectId: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  title: z.string(),
  status: z.string(),
  system: z.string().nullable(),
  deliveryDate: z.string(),
  projectLead: z.string().nullable(),
  acceptanceWorkflowId: z.string().nullable(),
  warrantyStartsAt: z.string().nullable(),
  warrantyEndsAt: z.string().nullable(),
});
export type DeliverySummary = z.infer<typeof deliverySummary>;

/** An entry in a delivery's issues log (P2.3b). */
export const deliveryIssue = z.object({ id: z.string(), title: z.string(), severity: z.string(), source: z.string(), raisedBy: z.string(), raisedAt: z.string() });
export type DeliveryIssue = z.infer<typeof deliveryIssue>;

/** The phases of the delivery's implementation plan, as the process recorded them. */
export type DeliveryPhases = ImplementationPlan['phases'];

export const deliveryDetail = deliverySummary.extend({
  /** `DeliveryPhases` once the plan is made, null before. */
  phases: z.unknown(),
  qualityRequirements: z.string().nullable(),
  milestones: z.array(z.object({ milestoneId: z.string(), name: z.string(), dueAt: z.string(), reachedAt: z.string().nullable(), overdueAt: z.string().nullable() })),
  reports: z.array(z.object({ taskId: z.string(), reportedBy: z.string(), reportedAt: z.string(), summary: z.string(), percentComplete: z.number(), milestonesReached: z.array(z.string()), deliveryComplete: z.boolean() })),
  issues: z.array(deliveryIssue),
  acceptanceReport: z.object({ workflowId: z.string(), rounds: z.number(), createdAt: z.string() }).nullable(),
});
export type DeliveryDetail = z.infer<typeof deliveryDetail>;

export const issueRequest = z.object({
  /** Chosen by the client once per entry, so a retried submission logs one issue. */
  issueId: z.uuid(),
  title: z.string().trim().min(3).max(500),
  severity: z.enum(['low', 'medium', 'high']).default('medium'),
});
export type IssueRequest = z.input<typeof issueRequest>;
