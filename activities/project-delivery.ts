import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { deliveries, deliveryIssues, deliveryMilestones, progressReports, users } from '../db/schema';
import type { DeliveryTimings, DirectoryUser, ImplementationPlan, ProjectDeliveryInput } from '../workflows/project-delivery/messages';

export interface ProgressReportRecord {
  workflowId: string;
  taskId: string;
  reportedBy: string;
  reportedAt: string;
  summary: string;
  percentComplete: number;
  milestonesReached: string[];
  deliveryComplete: boolean;
  issues: Array<{ title: string; severity: 'low' | 'medium' | 'high' }>;
}

/** The delivery record, plan, milestones, progress reports and issues log (P2.3a–b). Every write is safe to repeat. */
export function createProjectDeliveryActivities({ db, delivery }: { db: Database; delivery: DeliveryTimings }) {
  return {
    /** The worker's configured durations, for a delivery started (by procurement) without its own. */
    async loadDeliveryTimings(): Promise<DeliveryTimings> {
      return delivery;
    },

    /** Active users and their roles, so forms can check who may lead, sit on a team or rectify. */
    async listDirectory(): Promise<DirectoryUser[]> {
      return db
        .select({ id: users.id, displayName: users.displayName, roles: users.roles, vendorId: users.vendorId })
        .from(users)
        .where(eq(users.active, true))
        .orderBy(asc(users.id));
    },

    async recordDelivery({ workflowId, input }: { workflowId: string; input: ProjectDeliveryInput }): Promise<void> {
      await db
        .insert(deliveries)
        .values({
          workflowId,
          contractId: input.contractId,
          procurementWorkflowId: input.procurementWorkflowId ?? null,
          projectId: input.projectId,
          vendorId: input.vendorId,
          title: input.title,
          deliveryDate: new Date(input.deliveryDate),
          status: 'planning',
        })
        .onConflictDoNothing();
    },

    async storePlan({ workflowId, plan, milestoneIds }: { workflowId: string; plan: ImplementationPlan; milestoneIds: string[] }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(deliveries)
          .set({ status: 'in-progress', system: plan.system, projectLead: plan.projectLead, phases: plan.phases, qualityRequirements: plan.qualityRequirements })
          .where(eq(deliveries.workflowId, workflowId));
        await tx
          .insert(deliveryMilestones)
          .values(plan.milestones.map((milestone, index) => ({ workflowId, milestoneId: milestoneIds[index], name: milestone.name, dueAt: new Date(milestone.dueAt) })))
          .onConflictDoNothing();
      });
    },

    async storeProgressReport(report: ProgressReportRecord): Promise<void> {
      const reportedAt = new Date(report.reportedAt);
      await db.transaction(async (tx) => {
        await tx
          .insert(progressReports)
          .values({ ...report, reportedAt })
          .onConflictDoNothing();
        if (report.issues.length) {
          await tx
            .insert(deliveryIssues)
            .values(report.issues.map((issue, index) => ({ id: `${report.taskId}.${index + 1}`, workflowId: report.workflowId, ...issue, source: 'report' as const, raisedBy: report.reportedBy, raisedAt: reportedAt })))
            .onConflictDoNothing();
        }
        if (report.milestonesReached.length) {
          await tx
            .update(deliveryMilestones)
            .set({ reachedAt: reportedAt })
            .where(and(eq(deliveryMilestones.workflowId, report.workflowId), inArray(deliveryMilestones.name, report.milestonesReached), isNull(deliveryMilestones.reachedAt)));
        }
      });
    },

    /** An overdue milestone is flagged and enters the issues log. */
    async markMilestoneOverdue({ workflowId, milestoneId, name, at }: { workflowId: string; milestoneId: string; name: string; at: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(deliveryMilestones)
          .set({ overdueAt: new Date(at) })
          .where(and(eq(deliveryMilestones.workflowId, workflowId), eq(deliveryMilestones.milestoneId, milestoneId)));
        await tx
          .insert(deliveryIssues)
          .values({ id: `${workflowId}.${milestoneId}.overdue.${at}`, workflowId, title: `Milestone overdue: ${name}`, severity: 'high', source: 'milestone', raisedBy: 'system', raisedAt: new Date(at) })
          .onConflictDoNothing();
      });
    },

    async rescheduleMilestone({ workflowId, milestoneId, dueAt }: { workflowId: string; milestoneId: string; dueAt: string }): Promise<void> {
      await db
        .update(deliveryMilestones)
        .set({ dueAt: new Date(dueAt), overdueAt: null })
        .where(and(eq(deliveryMilestones.workflowId, workflowId), eq(deliveryMilestones.milestoneId, milestoneId)));
    },

    async markDelivered({ workflowId, acceptanceWorkflowId, at }: { workflowId: string; acceptanceWorkflowId: string; at: string }): Promise<void> {
      await db.update(deliveries).set({ status: 'delivered', deliveredAt: new Date(at), acceptanceWorkflowId }).where(eq(deliveries.workflowId, workflowId));
    },
  };
}
