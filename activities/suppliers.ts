import { ApplicationFailure, Context } from '@temporalio/activity';
import { and, asc, eq, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { Database } from '../db/client';
import { qualificationReviews, supplierDocuments, vendors } from '../db/schema';
import { recordNotifications } from '../domain/notifications';
import { documentState } from '../domain/supplier-documents';
import type { DocumentCheck } from '../workflows/supplier-qualification/messages';
import type { QualificationReview } from '../workflows/supplier-qualification/messages';

export interface QualificationRecord {
  workflowId: string;
  vendorId: string;
  kind: 'initial' | 'requalification';
  review: QualificationReview;
  total: number;
  decision: 'qualified' | 'rejected';
  reviewedBy: string;
  reviewedAt: string;
  requalifyDueAt: string;
}

export function createSupplierActivities({ db, supplierDocumentWarnMs: warnMs }: { db: Database; supplierDocumentWarnMs: number }) {
  return {
    /** P2.2a: the supplier's documents with their expiry state, for the reviewer. */
    async checkSupplierDocuments({ vendorId }: { vendorId: string }): Promise<DocumentCheck> {
      const vendor = await db.query.vendors.findFirst({ where: eq(vendors.id, vendorId) });
      if (!vendor) throw ApplicationFailure.create({ type: 'UnknownSupplier', message: `no supplier ${vendorId}`, nonRetryable: true });
      const rows = await db.select().from(supplierDocuments).where(eq(supplierDocuments.vendorId, vendorId)).orderBy(asc(supplierDocuments.kind), asc(supplierDocuments.id));
      const now = new Date();
      const documents = rows.map((row) => ({ id: row.id, kind: row.kind, title: row.title, expiresOn: row.expiresOn, state: documentState(row.expiresOn, now, warnMs) }));
      return {
        vendorName: vendor.name,
        documents,
        hasValidLicence: documents.some((document) => document.kind === 'business-licence' && document.state !== 'expired'),
      };
    },

    /** P2.2a: the verdict joins the registry; a retry writes the same rows. */
    async recordQualification(record: QualificationRecord): Promise<void> {
      await db.transaction(async (tx) => {
        const row = {
          workflowId: record.workflowId,
          vendorId: record.vendorId,
          kind: record.kind,
          ...record.review,
          comment: record.review.comment ?? null,
          total: record.total,
          decision: record.decision,
          reviewedBy: record.reviewedBy,
          reviewedAt: new Date(record.reviewedAt),
        };
        await tx.insert(qualificationReviews).values(row).onConflictDoUpdate({ target: qualificationReviews.workflowId, set: row });
        await tx
          .update(vendors)
          .set({
            qualificationStatus: record.decision,
            qualifiedAt: record.decision === 'qualified' ? new Date(record.reviewedAt) : null,
            requalifyDueAt: record.decision === 'qualified' ? new Date(record.requalifyDueAt) : null,
          })
          .where(eq(vendors.id, record.vendorId));
      });
    },

    /** P2.2a: flags every document expired or expiring soon to the registry keepers, once per document and day. */
    async flagExpiringDocuments({ at }: { at: string }): Promise<number> {
      const now = new Date(at);
      const rows = await db
        .select({ document: supplierDocuments, vendorName: vendors.name })
        .from(supplierDocuments)
        .innerJoin(vendors, eq(vendors.id, supplierDocuments.vendorId))
        .where(isNotNull(supplierDocuments.expiresOn))
        .orderBy(asc(supplierDocuments.id));
      const flagged = rows
        .map((row) => ({ ...row, state: documentState(row.document.expiresOn, now, warnMs) }))
        .filter((row) => row.state !== 'valid');
      if (flagged.length) {
        await recordNotifications(
          db,
          flagged.map(({ document, vendorName, state }) => ({
            workflowId: Context.current().info.workflowExecution?.workflowId ?? 'supplier-registry',
            dedupeKey: `supplier-document.${document.id}.${state}.${at.slice(0, 10)}`,
            recipientRoles: ['tech-supervisor', 'procurement'],
            recipientUsers: [],
            message: `${vendorName}: ${document.title} ${state === 'expired' ? 'expired on' : 'expires on'} ${document.expiresOn}`,
          })),
        );
      }
      return flagged.length;
    },

    /** P2.2a "updated regularly": qualified suppliers whose re-qualification date has come. */
    async suppliersDueForRequalification({ at }: { at: string }): Promise<Array<{ vendorId: string; dueAt: string }>> {
      const rows = await db
        .select({ vendorId: vendors.id, dueAt: vendors.requalifyDueAt })
        .from(vendors)
        .where(and(eq(vendors.qualificationStatus, 'qualified'), or(isNull(vendors.requalifyDueAt), lte(vendors.requalifyDueAt, new Date(at)))))
        .orderBy(asc(vendors.id));
      return rows.map((row) => ({ vendorId: row.vendorId, dueAt: (row.dueAt ?? new Date(at)).toISOString() }));
    },
  };
}
