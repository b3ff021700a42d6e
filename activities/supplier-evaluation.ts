import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { deliveries, supplierEvaluations, supplierPenalties, vendorContracts, vendorTerminations } from '../db/schema';
import type { ServiceRecord } from '../workflows/supplier-evaluation/messages';

export type EvaluationRecord = Omit<typeof supplierEvaluations.$inferInsert, 'evaluatedAt' | 'slaScore' | 'ratingScore' | 'score'> & {
  evaluatedAt: string;
  slaScore: number | null;
  ratingScore: number | null;
  score: number;
};

/** Supplier evaluation records, penalties and termination in the registry (P2.2c). Every write is safe to repeat. */
export function createSupplierEvaluationActivities({ db }: { db: Database }) {
  return {
    /**
     * P2.2c with P3.2b: the vendor's repairs closed in the period, on time or late (the repair's
     * `vendorOverdue` step fired), and the owners' ratings of them.
     */
    async scoreServiceRecord({ vendorId, periodFrom, periodTo }: { vendorId: string; periodFrom: string; periodTo: string }): Promise<ServiceRecord> {
      const [row] = await db.execute<{ late: number; total: number; ratings: number; average: string | null }>(sql`
        select count(*)::int as total,
               count(*) filter (where exists (
                 select 1 from step_events e where e.workflow_id = r.workflow_id and e.step_id = 'vendorOverdue'))::int as late,
               count(r.rating)::int as ratings,
               avg(r.rating)::text as average
        from repair_records r
        where r.vendor_id = ${vendorId} and r.closed_at >= ${periodFrom}::timestamptz and r.closed_at <= ${periodTo}::timestamptz`);
      return {
        repairsOnTime: row.total - row.late,
        repairsLate: row.late,
        ratings: row.ratings,
        averageRating: row.average === null ? null : Number(row.average),
      };
    },

    async recordEvaluation(record: EvaluationRecord): Promise<void> {
      const row = {
        ...record,
        evaluatedAt: new Date(record.evaluatedAt),
        slaScore: record.slaScore === null ? null : String(record.slaScore),
        ratingScore: record.ratingScore === null ? null : String(record.ratingScore),
        score: String(record.score),
      };
      await db.insert(supplierEvaluations).values(row).onConflictDoUpdate({ target: [supplierEvaluations.workflowId, supplierEvaluations.round], set: row });
    },

    async recordPenalty(penalty: { workflowId: string; vendorId: string; amount: number; contractClause: string; reason: string; imposedBy: string; imposedAt: string }): Promise<void> {
      await db
        .insert(supplierPenalties)
        .values({ ...penalty, amount: penalty.amount.toFixed(2), imposedAt: new Date(penalty.imposedAt) })
        .onConflictDoNothing({ target: supplierPenalties.workflowId });
    },

    /** P2.2c: termination approved: the vendor's contracts end and the registry says terminated. */
    async terminateVendor({ workflowId, vendorId, approvedBy, reason, at }: { workflowId: string; vendorId: string; approvedBy: string; reason: string; at: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.update(vendorContracts).set({ active: false }).where(and(eq(vendorContracts.vendorId, vendorId), eq(vendorContracts.active, true)));
        await tx.insert(vendorTerminations).values({ vendorId, workflowId, approvedBy, reason, terminatedAt: new Date(at) }).onConflictDoNothing();
      });
    },

    async listVendorDeliveries({ vendorId }: { vendorId: string }): Promise<string[]> {
      const rows = await db.select({ workflowId: deliveries.workflowId }).from(deliveries).where(eq(deliveries.vendorId, vendorId)).orderBy(deliveries.workflowId);
      return rows.map((row) => row.workflowId);
    },

    /** Vendors under an active contract and not terminated: the quarterly round evaluates each. */
    async listContractedVendors(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ vendorId: vendorContracts.vendorId })
        .from(vendorContracts)
        .where(and(eq(vendorContracts.active, true), sql`not exists (select 1 from ${vendorTerminations} t where t.vendor_id = ${vendorContracts.vendorId})`))
        .orderBy(vendorContracts.vendorId);
      return rows.map((row) => row.vendorId);
    },
  };
}
