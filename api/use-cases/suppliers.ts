import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { and, asc, desc, eq, isNotNull, like, lte } from 'drizzle-orm';
import type { z } from 'zod';
import { scheduledStart, startProcess } from './start-process';
import type { SessionUser } from '../auth/session';
import type { ApiContext, ApiSettings } from '../context';
import { conflict, forbidden, notFound } from '../http/problem';
import { documentState } from '../../domain/supplier-documents';
import { canOnAny } from '../../contracts/permissions';
import type { DocumentRequest, supplierRequest } from '../../contracts/suppliers';
import { processInstances, qualificationReviews, supplierDocuments, vendors } from '../../db/schema';
import { supplierQualificationProcess } from '../../workflows/supplier-qualification/definition';
import type { SupplierQualificationInput } from '../../workflows/supplier-qualification/messages';
import { supplierRequalificationProcess } from '../../workflows/supplier-requalification/definition';
import type { SupplierRequalificationInput } from '../../workflows/supplier-requalification/messages';

function toDocument(row: typeof supplierDocuments.$inferSelect, now: Date, warnMs: number) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    number: row.number,
    issuedOn: row.issuedOn,
    expiresOn: row.expiresOn,
    state: documentState(row.expiresOn, now, warnMs),
  };
}

/** A document as stored against its supplier, by whoever registered or added it. */
function documentRow(vendorId: string, document: DocumentRequest, createdBy: string): typeof supplierDocuments.$inferInsert {
  return {
    id: document.documentId,
    vendorId,
    kind: document.kind,
    title: document.title,
    number: document.number ?? null,
    issuedOn: document.issuedOn ?? null,
    expiresOn: document.expiresOn ?? null,
    createdBy,
  };
}

function requireOwnOrStaff(user: SessionUser, vendorId: string) {
  if (!canOnAny(user, 'supplier.read') && user.vendorId !== vendorId) throw forbidden('supplier.own-entry-only');
}

export async function listSuppliers(ctx: ApiContext, user: SessionUser) {
  const warnMs = ctx.settings.suppliers.documentWarnMs;
  const now = new Date();
  const rows = await ctx.db.select().from(vendors).orderBy(asc(vendors.id));
  const documents = await ctx.db.select().from(supplierDocuments);
  const visible = rows.filter((row) => canOnAny(user, 'supplier.read') || row.id === user.vendorId);
  return {
    items: visible.map((row) => ({
      id: row.id,
      name: row.name,
      qualificationStatus: row.qualificationStatus,
      qualifiedAt: row.qualifiedAt?.toISOString() ?? null,
      requalifyDueAt: row.requalifyDueAt?.toISOString() ?? null,
      flaggedDocuments: documents.filter((document) => document.vendorId === row.id && documentState(document.expiresOn, now, warnMs) !== 'valid').length,
    })),
  };
}

export async function getSupplier(ctx: ApiContext, user: SessionUser, vendorId: string) {
  requireOwnOrStaff(user, vendorId);
  const vendor = await ctx.db.query.vendors.findFirst({ where: eq(vendors.id, vendorId) });
  if (!vendor) throw notFound('supplier.unknown', { vendorId });
  const warnMs = ctx.settings.suppliers.documentWarnMs;
  const now = new Date();
  const [documents, reviews, workflows] = await Promise.all([
    ctx.db.select().from(supplierDocuments).where(eq(supplierDocuments.vendorId, vendorId)).orderBy(asc(supplierDocuments.kind), asc(supplierDocuments.id)),
    ctx.db.select().from(qualificationReviews).where(eq(qualificationReviews.vendorId, vendorId)).orderBy(desc(qualificationReviews.reviewedAt)),
    ctx.db
      .select({ workflowId: processInstances.workflowId, status: processInstances.status, startedAt: processInstances.startedAt })
      .from(processInstances)
      .where(and(eq(processInstances.process, 'supplier-qualification'), like(processInstances.workflowId, `supplier-qualification-${vendorId}-%`)))
      .orderBy(desc(processInstances.startedAt)),
  ]);
  const mapped = documents.map((row) => toDocument(row, now, warnMs));
  return {
    id: vendor.id,
    name: vendor.name,
    contactEmail: vendor.contactEmail,
    qualificationStatus: vendor.qualificationStatus,
    qualifiedAt: vendor.qualifiedAt?.toISOString() ?? null,
    requalifyDueAt: vendor.requalifyDueAt?.toISOString() ?? null,
    flaggedDocuments: mapped.filter((document) => document.state !== 'valid').length,
    documents: mapped,
    reviews: reviews.map((review) => ({ ...review, reviewedAt: review.reviewedAt.toISOString() })),
    qualificationWorkflows: workflows.map((row) => ({ workflowId: row.workflowId, status: row.status, startedAt: row.startedAt.toISOString() })),
  };
}

/** P2.2a: documents expired or expiring within SUPPLIER_DOCUMENT_WARN_DAYS, soonest first. */
export async function listExpiringDocuments(ctx: ApiContext) {
  const warnMs = ctx.settings.suppliers.documentWarnMs;
  const now = new Date();
  const horizon = new Date(now.getTime() + warnMs).toISOString().slice(0, 10);
  const rows = await ctx.db
    .select({ document: supplierDocuments, vendorName: vendors.name })
    .from(supplierDocuments)
    .innerJoin(vendors, eq(vendors.id, supplierDocuments.vendorId))
    .where(and(isNotNull(supplierDocuments.expiresOn), lte(supplierDocuments.expiresOn, horizon)))
    .orderBy(asc(supplierDocuments.expiresOn), asc(supplierDocuments.id));
  return { items: rows.map(({ document, vendorName }) => ({ ...toDocument(document, now, warnMs), vendorId: document.vendorId, vendorName })) };
}

export async function addDocument(ctx: ApiContext, user: SessionUser, vendorId: string, request: DocumentRequest) {
  const vendor = await ctx.db.query.vendors.findFirst({ where: eq(vendors.id, vendorId) });
  if (!vendor) throw notFound('supplier.unknown', { vendorId });
  const existing = await ctx.db.query.supplierDocuments.findFirst({ where: eq(supplierDocuments.id, request.documentId) });
  if (existing && existing.vendorId !== vendorId) throw conflict('supplier.document-taken', [{ field: 'documentId', message: 'already-used' }]);
  await ctx.db.insert(supplierDocuments).values(documentRow(vendorId, request, user.id)).onConflictDoNothing();
  return getSupplier(ctx, user, vendorId);
}

/** Starts a (re-)qualification; idempotent on the workflow id. */
export async function startQualification(ctx: ApiContext, user: SessionUser | null, vendorId: string, kind: 'initial' | 'requalification', requestId: string) {
  const workflowId = supplierQualificationProcess.workflowId(vendorId, requestId);
  const input: SupplierQualificationInput = { vendorId, kind, requestedBy: user?.id ?? null, ...ctx.settings.suppliers.qualification };
  await startProcess(ctx, supplierQualificationProcess, { workflowId, input: input, title: `Supplier qualification: ${vendorId} (${kind})`, startedBy: user?.id ?? null });
  return { workflowId };
}

/** P2.2a: a new supplier with its documents; its qualification review starts at once. Idempotent on supplierId. */
export async function registerSupplier(ctx: ApiContext, user: SessionUser, request: z.output<typeof supplierRequest>) {
  const existing = await ctx.db.query.vendors.findFirst({ where: eq(vendors.id, request.supplierId) });
  if (existing && existing.name !== request.name) {
    throw conflict('supplier.id-taken', { supplierId: request.supplierId, name: existing.name }, [{ field: 'supplierId', message: 'taken' }]);
  }
  await ctx.db.transaction(async (tx) => {
    await tx.insert(vendors).values({ id: request.supplierId, name: request.name, contactEmail: request.contactEmail ?? null }).onConflictDoNothing();
    if (request.documents.length) {
      await tx
        .insert(supplierDocuments)
        .values(request.documents.map((document) => documentRow(request.supplierId, document, user.id)))
        .onConflictDoNothing();
    }
  });
  const { workflowId } = await startQualification(ctx, user, request.supplierId, 'initial', 'initial');
  return { supplierId: request.supplierId, workflowId };
}

export const REQUALIFICATION_SCHEDULE_ID = 'supplier-requalification';

/**
 * P2.2a "updated regularly": the Schedule that runs the registry sweep every SUPPLIER_SWEEP_INTERVAL_HOURS.
 * Created once; an existing schedule is left as it is (an operator may have paused it).
 */
export async function ensureRequalificationSchedule(client: Client, taskQueue: string, settings: ApiSettings['suppliers'], scheduleId = REQUALIFICATION_SCHEDULE_ID) {
  const input: SupplierRequalificationInput = settings.qualification;
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: settings.sweepIntervalMs }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: scheduledStart(supplierRequalificationProcess, { workflowId: supplierRequalificationProcess.workflowId(scheduleId), input, taskQueue }),
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  return client.schedule.getHandle(scheduleId);
}
