import { ApplicationFailure, Context } from '@temporalio/activity';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { deliveries, procurementContracts, processLinks, repairRecords, users, vendorContracts, vendors } from '../db/schema';
import type { VendorAssignment } from '../workflows/fault-repair/messages';
import { recordNotification, type NewNotification } from '../domain/notifications';

export type RepairRecordInput = Omit<typeof repairRecords.$inferInsert, 'closedAt' | 'rating' | 'ratingComment' | 'ratedAt'> & {
  closedAt: string;
};

export type Notification = Pick<NewNotification, 'workflowId' | 'dedupeKey' | 'recipientRoles' | 'recipientUsers' | 'message'>;

export function createFaultRepairActivities({ db }: { db: Database }) {
  return {
    /** P3.2b: the vendor under an active contract for the system, its staff and its repair SLA. */
    async escalateToVendor({ system }: { system: string }): Promise<VendorAssignment> {
      const [contract] = await db
        .select({
          vendorId: vendors.id,
          vendorName: vendors.name,
          slaSeconds: vendorContracts.repairSlaSeconds,
          procurementContractId: vendorContracts.procurementContractId,
        })
        .from(vendorContracts)
        .innerJoin(vendors, eq(vendors.id, vendorContracts.vendorId))
        .where(and(eq(vendorContracts.system, system as never), eq(vendorContracts.active, true)));
      if (!contract) {
        throw ApplicationFailure.create({ type: 'NoVendorContract', message: `no active vendor contract for ${system}`, nonRetryable: true });
      }
      if (contract.procurementContractId) {
        // P2.2b → P3.2b: the repair of what was bought is one click from the procurement that bought it.
        const procured = await db.query.procurementContracts.findFirst({ where: eq(procurementContracts.id, contract.procurementContractId) });
        const repairWorkflowId = Context.current().info.workflowExecution?.workflowId;
        if (procured && repairWorkflowId) {
          await db.insert(processLinks).values({ fromWorkflowId: procured.procurementWorkflowId, toWorkflowId: repairWorkflowId, relation: 'repair' }).onConflictDoNothing();
        }
      }
      const staff = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.vendorId, contract.vendorId), eq(users.active, true)));
      // The repair of something this vendor delivered (P2.3) joins that delivery's chain.
      const delivered = await db
        .select({ workflowId: deliveries.workflowId })
        .from(deliveries)
        .where(and(eq(deliveries.vendorId, contract.vendorId), eq(deliveries.system, system)));
      const repair = Context.current().info.workflowExecution?.workflowId;
      if (repair && delivered.length) {
        await db
          .insert(processLinks)
          .values(delivered.map((delivery) => ({ fromWorkflowId: repair, toWorkflowId: delivery.workflowId, relation: 'delivery' })))
          .onConflictDoNothing();
      }
      return {
        vendorId: contract.vendorId,
        vendorName: contract.vendorName,
        staffUserIds: staff.map((user) => user.id),
        repairSlaMs: contract.slaSeconds * 1000,
      };
    },

    /** P3.2c: the repair record joins the maintenance archive; a retry rewrites the same row. */
    async storeRepairRecord(record: RepairRecordInput): Promise<void> {
      const row = { ...record, closedAt: new Date(record.closedAt) };
      await db.insert(repairRecords).values(row).onConflictDoUpdate({ target: repairRecords.workflowId, set: row });
    },

    async notify(notification: Notification): Promise<void> {
      await recordNotification(db, notification);
    },
  };
}
