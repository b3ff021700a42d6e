import { ApplicationFailure } from '@temporalio/activity';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
  bids,
  bidScores,
  panelMembers,
  procurementContracts,
  procurementInvitations,
  procurements,
  qualificationReviews,
  users,
  vendorContracts,
  vendors,
} from '../db/schema';
import { recordNotification } from '../domain/notifications';
import { openBidContent } from '../db/sealed/records';
import {
  weightedScore,
  type BidScore,
  type ContractTerms,
  type OpenedBid,
  type ProcurementInput,
  type ProcurementMethod,
  type ProcurementSettings,
} from '../workflows/procurement/messages';

/** Staff who may sit on an evaluation panel (not suppliers, owners or auditors). */
const PANEL_ROLES = ['technician', 'tech-supervisor', 'procurement', 'management', 'finance'];

export interface ContractRecord {
  contractId: string;
  workflowId: string;
  vendorId: string;
  bidId: string;
  system: ProcurementInput['system'] | null;
  terms: ContractTerms;
  approvedBy: string | null;
  signedAt: string;
}

export function createProcurementActivities({ db, procurement: settings }: { db: Database; procurement: ProcurementSettings }) {
  return {
    async procurementSettings(): Promise<ProcurementSettings> {
      return settings;
    },

    async registerProcurement(input: ProcurementInput & { workflowId: string }): Promise<void> {
      if (!Number.isInteger(input.estimate) || input.estimate <= 0) {
        throw ApplicationFailure.create({ type: 'InvalidProcurement', message: 'the estimate must be a positive whole number of yuan', nonRetryable: true });
      }
      await db
        .insert(procurements)
        .values({
          workflowId: input.workflowId,
          projectId: input.projectId,
          planWorkflowId: input.planWorkflowId ?? null,
          title: input.title,
          estimateYuan: input.estimate,
          system: input.system ?? null,
          requirements: input.requirements ?? null,
        })
        .onConflictDoNothing();
    },

    async setProcurementStatus({ workflowId, status }: { workflowId: string; status: 'cancelled' }): Promise<void> {
      await db.update(procurements).set({ status }).where(eq(procurements.workflowId, workflowId));
    },

    /** P2.2a: the registry's qualified suppliers (those under contract for the system first). */
    async qualifiedSuppliers({ system }: { system: string | null }): Promise<Array<{ vendorId: string; name: string }>> {
      const rows = await db
        .select({ vendorId: vendors.id, name: vendors.name })
        .from(vendors)
        .where(eq(vendors.qualificationStatus, 'qualified'))
        .orderBy(system ? sql`${vendors.id} <> ${`v-${system}`}` : asc(vendors.id), asc(vendors.id));
      return rows;
    },

    /** P2.2b: invitations (still-qualified suppliers only), the deadline, and a notice to each supplier's staff. */
    async inviteSuppliers(input: { workflowId: string; method: ProcurementMethod; methodReason: string | null; vendorIds: string[]; bidDeadline: string }) {
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(procurements).where(eq(procurements.workflowId, input.workflowId)).for('update');
        // A retry after the first attempt committed keeps the first deadline.
        const bidDeadline = current.bidDeadline ?? new Date(input.bidDeadline);
        const invited = await tx
          .select({ vendorId: vendors.id, name: vendors.name })
          .from(vendors)
          .where(and(inArray(vendors.id, input.vendorIds), eq(vendors.qualificationStatus, 'qualified')))
          .orderBy(asc(vendors.id));
        if (invited.length) {
          await tx
            .insert(procurementInvitations)
            .values(invited.map((vendor) => ({ procurementWorkflowId: input.workflowId, vendorId: vendor.vendorId })))
            .onConflictDoNothing();
        }
        if (!current.bidDeadline) {
          await tx
            .update(procurements)
            .set({ method: input.method, methodReason: input.methodReason, status: 'bidding', bidDeadline })
            .where(eq(procurements.workflowId, input.workflowId));
        }
        const staff = await tx.select({ id: users.id, vendorId: users.vendorId }).from(users).where(and(inArray(users.vendorId, input.vendorIds), eq(users.active, true)));
        for (const vendor of invited) {
          await recordNotification(tx, {
            workflowId: input.workflowId,
            dedupeKey: `${input.workflowId}.invitation.${vendor.vendorId}`,
            recipientRoles: [],
            recipientUsers: staff.filter((user) => user.vendorId === vendor.vendorId).map((user) => user.id),
            message: `Invitation to bid: ${current.title}, sealed bids until ${bidDeadline.toISOString()}`,
          });
        }
        return { invited, bidDeadline: bidDeadline.toISOString() };
      });
    },

    /**
     * P2.2b: the opening. Locks the procurement row, so a bid racing the deadline either committed
     * before (and is opened) or sees the opening (and is refused). Decrypts the bids only now, and
     * returns ids, suppliers and prices only.
     */
    async openBids({ workflowId }: { workflowId: string }): Promise<OpenedBid[]> {
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(procurements).where(eq(procurements.workflowId, workflowId)).for('update');
        const openedAt = current.openedAt ?? new Date();
        if (!current.openedAt) await tx.update(procurements).set({ openedAt, status: 'opened' }).where(eq(procurements.workflowId, workflowId));
        const rows = await tx
          .select({ bid: bids, vendorName: vendors.name })
          .from(bids)
          .innerJoin(vendors, eq(vendors.id, bids.vendorId))
          .where(eq(bids.procurementWorkflowId, workflowId))
          .orderBy(asc(bids.submittedAt), asc(bids.id));
        const opened: OpenedBid[] = [];
        for (const { bid, vendorName } of rows) {
          const { priceYuan } = await openBidContent<{ priceYuan: number }>(tx, bid, openedAt);
          opened.push({ bidId: bid.id, vendorId: bid.vendorId, vendorName, priceYuan });
        }
        return opened;
      });
    },

    async panelCandidates(): Promise<Array<{ userId: string; displayName: string }>> {
      const rows = await db
        .select({ userId: users.id, displayName: users.displayName })
        .from(users)
        .where(and(eq(users.active, true), sql`${users.roles} && ${sql.param(PANEL_ROLES)}::text[]`))
        .orderBy(asc(users.id));
      return rows;
    },

    async appointPanel({ workflowId, userIds }: { workflowId: string; userIds: string[] }): Promise<void> {
      await db.update(procurements).set({ status: 'evaluating' }).where(eq(procurements.workflowId, workflowId));
      await db
        .insert(panelMembers)
        .values(userIds.map((userId) => ({ procurementWorkflowId: workflowId, userId })))
        .onConflictDoNothing();
    },

    async recordDeclaration(input: { workflowId: string; userId: string; conflict: boolean; statement: string | null; at: string }): Promise<void> {
      await db
        .update(panelMembers)
        .set({ conflict: input.conflict, statement: input.statement, declaredAt: new Date(input.at) })
        .where(and(eq(panelMembers.procurementWorkflowId, input.workflowId), eq(panelMembers.userId, input.userId)));
    },

    async recordScores(input: { workflowId: string; userId: string; scores: BidScore[]; weights: ProcurementSettings['weights']; at: string }): Promise<void> {
      const rows = input.scores.map((entry) => ({
        procurementWorkflowId: input.workflowId,
        userId: input.userId,
        bidId: entry.bidId,
        price: entry.price,
        technical: entry.technical,
        afterSales: entry.afterSales,
        weighted: Math.round(weightedScore(entry, input.weights) * 100),
        scoredAt: new Date(input.at),
      }));
      await db.insert(bidScores).values(rows).onConflictDoNothing();
    },

    /** Records the award; returns the winner's latest qualification process, to link the chain to it. */
    async recordAward({ workflowId, bidId, vendorId }: { workflowId: string; bidId: string; vendorId: string }): Promise<{ qualificationWorkflowId: string | null }> {
      await db.update(procurements).set({ awardedBidId: bidId, awardedVendorId: vendorId, status: 'contracting' }).where(eq(procurements.workflowId, workflowId));
      const [review] = await db
        .select({ workflowId: qualificationReviews.workflowId })
        .from(qualificationReviews)
        .where(eq(qualificationReviews.vendorId, vendorId))
        .orderBy(desc(qualificationReviews.reviewedAt))
        .limit(1);
      return { qualificationWorkflowId: review?.workflowId ?? null };
    },

    /**
     * P2.2b: the contract; P3.2b: for a system, it replaces the system's active maintenance contract,
     * so fault repair escalates to this vendor with this repair SLA. Idempotent on the contract id.
     */
    async recordContract(record: ContractRecord): Promise<void> {
      await db.transaction(async (tx) => {
        const row = {
          id: record.contractId,
          procurementWorkflowId: record.workflowId,
          vendorId: record.vendorId,
          bidId: record.bidId,
          system: record.system,
          ...record.terms,
          approvedBy: record.approvedBy,
          signedAt: new Date(record.signedAt),
        };
        await tx.insert(procurementContracts).values(row).onConflictDoUpdate({ target: procurementContracts.id, set: row });
        if (record.system) {
          await tx
            .update(vendorContracts)
            .set({ active: false })
            .where(and(eq(vendorContracts.system, record.system), eq(vendorContracts.active, true), sql`${vendorContracts.id} <> ${record.contractId}`));
          const maintenance = {
            id: record.contractId,
            vendorId: record.vendorId,
            system: record.system,
            repairSlaSeconds: record.terms.repairSlaSeconds,
            active: true,
            procurementContractId: record.contractId,
          };
          await tx.insert(vendorContracts).values(maintenance).onConflictDoUpdate({ target: vendorContracts.id, set: maintenance });
        }
        await tx.update(procurements).set({ status: 'contracted', contractId: record.contractId }).where(eq(procurements.workflowId, record.workflowId));
      });
    },
  };
}
