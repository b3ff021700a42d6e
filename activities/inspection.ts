import { ApplicationFailure } from '@temporalio/activity';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { attachments, inspectionPlans, inspectionRecords } from '../db/schema';
import type { InspectionRun, ItemResult } from '../workflows/inspection/messages';

export interface InspectionRecordInput {
  workflowId: string;
  completedAt: string;
  inspectorId: string;
  inspectorName: string;
  results: ItemResult[];
  faultRepairWorkflowIds: string[];
}

export function createInspectionActivities({ db }: { db: Database }) {
  return {
    /**
     * P3.1a: reads the plan for this run and opens its record, so the run shows (and, past its due
     * time, shows overdue) before anyone acts. The due time comes from the run's start, so a retry
     * returns the same one.
     */
    async openInspection({ workflowId, planId, startedAt }: { workflowId: string; planId: string; startedAt: string }): Promise<InspectionRun> {
      const plan = await db.query.inspectionPlans.findFirst({ where: eq(inspectionPlans.id, planId) });
      if (!plan) throw ApplicationFailure.create({ type: 'UnknownInspectionPlan', message: `no inspection plan ${planId}`, nonRetryable: true });
      const dueInMs = plan.dueWithinSeconds * 1000;
      const dueAt = new Date(new Date(startedAt).getTime() + dueInMs);
      if (plan.active) {
        await db
          .insert(inspectionRecords)
          .values({
            workflowId,
            planId,
            planTitle: plan.title,
            responsibleRole: plan.responsibleRole,
            status: 'open',
            startedAt: new Date(startedAt),
            dueAt,
          })
          .onConflictDoNothing({ target: inspectionRecords.workflowId });
      }
      return {
        active: plan.active,
        title: plan.title,
        responsibleRole: plan.responsibleRole,
        buildingId: plan.buildingId,
        zoneId: plan.zoneId,
        checklist: plan.checklist,
        dueAt: dueAt.toISOString(),
        dueInMs,
      };
    },

    async markInspectionOverdue({ workflowId, at }: { workflowId: string; at: string }): Promise<void> {
      await db
        .update(inspectionRecords)
        .set({ overdueAt: new Date(at) })
        .where(and(eq(inspectionRecords.workflowId, workflowId), isNull(inspectionRecords.overdueAt)));
    },

    /**
     * P3.1c: the completed record joins the maintenance archive; a retry rewrites the same row. Its
     * checklist photos now belong to it, so every reader of the record may see them.
     */
    async storeInspectionRecord(record: InspectionRecordInput): Promise<void> {
      const photoIds = record.results.map((result) => result.photoId).filter((id): id is string => id !== null);
      await db.transaction(async (tx) => {
        if (photoIds.length) {
          await tx
            .update(attachments)
            .set({ recordId: record.workflowId })
            .where(
              and(
                inArray(attachments.id, photoIds),
                eq(attachments.kind, 'inspection-photo'),
                eq(attachments.uploadedBy, record.inspectorId),
                isNull(attachments.recordId),
              ),
            );
        }
        await tx
          .update(inspectionRecords)
          .set({
            status: 'completed',
            completedAt: new Date(record.completedAt),
            inspectorId: record.inspectorId,
            inspectorName: record.inspectorName,
            results: record.results,
            faultRepairWorkflowIds: record.faultRepairWorkflowIds,
          })
          .where(eq(inspectionRecords.workflowId, record.workflowId));
      });
    },
  };
}
