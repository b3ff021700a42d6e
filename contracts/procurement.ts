import { z } from 'zod';
import { SYSTEMS } from './vocabulary';
import { fieldText } from './problem-texts';

export const procurementRequest = z.object({
  projectId: z.string().trim().regex(/^[A-Za-z0-9._-]{1,80}$/, fieldText('project-id-format')),
  planWorkflowId: z.string().min(1).max(200).optional(),
  title: z.string().trim().min(3).max(200),
  /** Whole yuan (CNY). */
  estimate: z.number().int().positive().max(10_000_000_000),
  system: z.enum(SYSTEMS).optional(),
  requirements: z.string().trim().max(20_000).optional(),
  bidWindowSeconds: z.number().int().min(1).max(90 * 24 * 3600).optional(),
});
export type ProcurementRequest = z.input<typeof procurementRequest>;

export const bidRequest = z.object({
  /** Chosen by the client once per bid, so a retried submission stores it once. */
  bidId: z.uuid(),
  priceYuan: z.number().int().positive().max(10_000_000_000),
  technicalProposal: z.string().trim().min(3).max(50_000),
  deliveryDate: z.iso.date(),
  afterSalesTerms: z.string().trim().min(3).max(20_000),
});
export type BidRequest = z.input<typeof bidRequest>;

export const bidReceipt = z.object({ bidId: z.string(), procurementWorkflowId: z.string(), submittedAt: z.string(), contentHash: z.string() });
export type BidReceipt = z.infer<typeof bidReceipt>;

export const bidView = z.object({
  bidId: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  submittedAt: z.string(),
  contentHash: z.string(),
  priceYuan: z.number(),
  technicalProposal: z.string(),
  deliveryDate: z.string(),
  afterSalesTerms: z.string(),
});
export type BidView = z.infer<typeof bidView>;

export const procurementSummary = z.object({
  workflowId: z.string(),
  projectId: z.string(),
  planWorkflowId: z.string().nullable(),
  title: z.string(),
  estimateYuan: z.number(),
  system: z.string().nullable(),
  method: z.string().nullable(),
  status: z.string(),
  bidDeadline: z.string().nullable(),
  openedAt: z.string().nullable(),
});
export type ProcurementSummary = z.infer<typeof procurementSummary>;

export const procurementDetail = procurementSummary.extend({
  requirements: z.string().nullable(),
  methodReason: z.string().nullable(),
  invited: z.array(z.object({ vendorId: z.string(), name: z.string() })),
  /** Null until the opening: sealed bids are never sent before it. */
  bids: z.array(bidView).nullable(),
  panel: z.array(z.object({ userId: z.string(), displayName: z.string(), conflict: z.boolean().nullable(), statement: z.string().nullable() })),
  scores: z.array(z.object({ userId: z.string(), bidId: z.string(), price: z.number(), technical: z.number(), afterSales: z.number(), weighted: z.number() })),
  awardedVendorId: z.string().nullable(),
  contract: z
    .object({
      id: z.string(),
      vendorId: z.string(),
      priceYuan: z.number(),
      rightsAndObligations: z.string(),
      specs: z.string(),
      deliveryDate: z.string(),
      afterSalesTerms: z.string(),
      repairSlaSeconds: z.number(),
      approvedBy: z.string().nullable(),
      signedAt: z.string(),
    })
    .nullable(),
});
export type ProcurementDetail = z.infer<typeof procurementDetail>;
