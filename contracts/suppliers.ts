import { z } from 'zod';
import { SUPPLIER_DOCUMENT_KINDS } from './vocabulary';
import { fieldText } from './problem-texts';

export const documentRequest = z
  .object({
    /** Chosen by the client once per document, so a retried upload adds it once. */
    documentId: z.uuid(),
    kind: z.enum(SUPPLIER_DOCUMENT_KINDS),
    title: z.string().trim().min(2).max(200),
    number: z.string().trim().max(100).optional(),
    issuedOn: z.iso.date().optional(),
    expiresOn: z.iso.date().optional(),
  })
  .refine((document) => !document.issuedOn || !document.expiresOn || document.issuedOn <= document.expiresOn, {
    message: fieldText('expires-before-issued'),
    path: ['expiresOn'],
  });
export type DocumentRequest = z.input<typeof documentRequest>;

export const supplierRequest = z.object({
  supplierId: z.string().regex(/^v-[a-z0-9-]{2,40}$/, fieldText('supplier-id-format')),
  name: z.string().trim().min(2).max(200),
  contactEmail: z.email().optional(),
  documents: z.array(documentRequest).max(50).default([]),
});
export type SupplierRequest = z.input<typeof supplierRequest>;

export const supplierRegistered = z.object({ supplierId: z.string(), workflowId: z.string() });
export type SupplierRegistered = z.infer<typeof supplierRegistered>;

export const requalificationRequest = z.object({ requestId: z.uuid() });

const documentView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  number: z.string().nullable(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  state: z.enum(['valid', 'expiring', 'expired']),
});
export type DocumentState = z.infer<typeof documentView.shape.state>;

export const supplierSummary = z.object({
  id: z.string(),
  name: z.string(),
  qualificationStatus: z.enum(['pending', 'qualified', 'rejected']),
  qualifiedAt: z.string().nullable(),
  requalifyDueAt: z.string().nullable(),
  flaggedDocuments: z.number().int(),
});
export type SupplierSummary = z.infer<typeof supplierSummary>;
export type QualificationStatus = SupplierSummary['qualificationStatus'];

export const supplierDetail = supplierSummary.extend({
  contactEmail: z.string().nullable(),
  documents: z.array(documentView),
  reviews: z.array(
    z.object({
      workflowId: z.string(),
      kind: z.string(),
      qualification: z.number(),
      reputation: z.number(),
      technicalStrength: z.number(),
      afterSales: z.number(),
      total: z.number(),
      decision: z.string(),
      comment: z.string().nullable(),
      reviewedAt: z.string(),
    }),
  ),
  qualificationWorkflows: z.array(z.object({ workflowId: z.string(), status: z.string(), startedAt: z.string() })),
});
export type SupplierDetail = z.infer<typeof supplierDetail>;

export const expiringDocument = documentView.extend({ vendorId: z.string(), vendorName: z.string() });
export type ExpiringDocument = z.infer<typeof expiringDocument>;
