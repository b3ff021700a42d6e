import { and, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { annualPlans, committeeFilings, planProjects, processInstances } from '../db/schema';
import type { BudgetForm, PlanForm } from '../workflows/annual-plan/messages';
import type { FilingPackage } from '../workflows/committee-filing/messages';
import { sha256 } from '../domain/vote-evidence';

export interface DecidedProject {
  projectId: string;
  title: string;
  priority: number;
  estimateYuan: number;
  system: string | null;
  major: boolean;
  art278Item: number | null;
  voteWorkflowId: string | null;
  status: 'ready-for-procurement' | 'rejected-by-owners';
}

/** Records of the annual plan and its committee filing (P2.1a–c, P7.2b). Every write is safe to repeat. */
export function createGovernanceActivities({ db }: { db: Database }) {
  return {
    /** P7.2b: the last completed annual evaluation is the basis of next year's plan. */
    async findLastAnnualEvaluation({ beforeYear }: { beforeYear: number }): Promise<{ workflowId: string; title: string; data: unknown } | null> {
      const [evaluation] = await db
        .select({ workflowId: processInstances.workflowId, title: processInstances.title, data: processInstances.data })
        .from(processInstances)
        .where(
          and(
            eq(processInstances.process, 'annual-evaluation'),
            eq(processInstances.status, 'completed'),
            lt(processInstances.endedAt, new Date(Date.UTC(beforeYear, 0, 1))),
          ),
        )
        .orderBy(desc(processInstances.endedAt))
        .limit(1);
      return evaluation ?? null;
    },

    async recordApprovedPlan(input: {
      workflowId: string;
      year: number;
      plan: PlanForm;
      budget: BudgetForm;
      evaluationWorkflowId: string | null;
      approvedBy: string;
      approvedAt: string;
    }): Promise<void> {
      const row = { ...input, status: 'approved' as const, approvedAt: new Date(input.approvedAt) };
      await db.insert(annualPlans).values(row).onConflictDoUpdate({ target: annualPlans.workflowId, set: row });
    },

    async storeFilingPackage(input: { workflowId: string; planWorkflowId: string; title: string; filingPackage: FilingPackage; filedAt: string }) {
      const packageDigest = sha256(JSON.stringify(input.filingPackage));
      await db
        .insert(committeeFilings)
        .values({
          workflowId: input.workflowId,
          planWorkflowId: input.planWorkflowId,
          year: input.filingPackage.year,
          title: input.title,
          package: input.filingPackage,
          packageDigest,
          filedAt: new Date(input.filedAt),
          status: 'awaiting-receipt',
        })
        .onConflictDoNothing({ target: committeeFilings.workflowId });
      return { packageDigest };
    },

    /** Receipt numbers run per year (BA-2027-001 …); a retry returns the number already issued. */
    async issueFilingReceipt(input: { workflowId: string; year: number; decidedBy: string; decidedAt: string }): Promise<{ receiptNumber: string }> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('committee-filing-receipts'))`);
        const [filing] = await tx.select().from(committeeFilings).where(eq(committeeFilings.workflowId, input.workflowId));
        if (filing.receiptNumber) return { receiptNumber: filing.receiptNumber };
        const [{ issued }] = await tx
          .select({ issued: sql<number>`count(*)::int` })
          .from(committeeFilings)
          .where(and(eq(committeeFilings.year, input.year), isNotNull(committeeFilings.receiptNumber)));
        const receiptNumber = `BA-${input.year}-${String(issued + 1).padStart(3, '0')}`;
        await tx
          .update(committeeFilings)
          .set({ status: 'acknowledged', receiptNumber, decidedBy: input.decidedBy, decidedAt: new Date(input.decidedAt) })
          .where(eq(committeeFilings.workflowId, input.workflowId));
        return { receiptNumber };
      });
    },

    async recordFilingReturned(input: { workflowId: string; decidedBy: string; decidedAt: string; comment: string }): Promise<void> {
      await db
        .update(committeeFilings)
        .set({ status: 'returned', decidedBy: input.decidedBy, decidedAt: new Date(input.decidedAt), comment: input.comment })
        .where(eq(committeeFilings.workflowId, input.workflowId));
    },

    /** P2.1c: filing and votes done, the plan is in effect; its projects are recorded for procurement. */
    async recordEffectivePlan({ workflowId, projects }: { workflowId: string; projects: DecidedProject[] }): Promise<void> {
      await db.transaction(async (tx) => {
        for (const project of projects) {
          const row = {
            projectId: project.projectId,
            planWorkflowId: workflowId,
            title: project.title,
            priority: project.priority,
            estimateFen: Math.round(project.estimateYuan * 100),
            system: project.system,
            major: project.major,
            art278Item: project.art278Item,
            voteWorkflowId: project.voteWorkflowId,
            status: project.status,
          };
          await tx.insert(planProjects).values(row).onConflictDoUpdate({ target: planProjects.projectId, set: row });
        }
        await tx.update(annualPlans).set({ status: 'effective', effectiveAt: new Date() }).where(eq(annualPlans.workflowId, workflowId));
      });
    },

    async recordProcurementStarted({ projectId, procurementWorkflowId }: { projectId: string; procurementWorkflowId: string }): Promise<void> {
      await db.update(planProjects).set({ procurementWorkflowId, updatedAt: new Date() }).where(eq(planProjects.projectId, projectId));
    },
  };
}
