/** Shapes of the supplier registry and procurement API (/api/v1/suppliers, /api/v1/procurements). */

export type DocumentState = 'valid' | 'expiring' | 'expired';
export type QualificationStatus = 'pending' | 'qualified' | 'rejected';

export interface SupplierDocument {
  id: string;
  kind: string;
  title: string;
  number: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  state: DocumentState;
}

export interface SupplierSummary {
  id: string;
  name: string;
  qualificationStatus: QualificationStatus;
  qualifiedAt: string | null;
  requalifyDueAt: string | null;
  flaggedDocuments: number;
}

export interface SupplierDetail extends SupplierSummary {
  contactEmail: string | null;
  documents: SupplierDocument[];
  reviews: Array<{
    workflowId: string;
    kind: string;
    qualification: number;
    reputation: number;
    technicalStrength: number;
    afterSales: number;
    total: number;
    decision: string;
    comment: string | null;
    reviewedAt: string;
  }>;
  qualificationWorkflows: Array<{ workflowId: string; status: string; startedAt: string }>;
}

export interface ExpiringDocument extends SupplierDocument {
  vendorId: string;
  vendorName: string;
}

export interface ProcurementSummary {
  workflowId: string;
  projectId: string;
  planWorkflowId: string | null;
  title: string;
  estimateYuan: number;
  system: string | null;
  method: string | null;
  status: string;
  bidDeadline: string | null;
  openedAt: string | null;
}

export interface Bid {
  bidId: string;
  vendorId: string;
  vendorName: string;
  submittedAt: string;
  contentHash: string;
  priceYuan: number;
  technicalProposal: string;
  deliveryDate: string;
  afterSalesTerms: string;
}

export interface BidReceipt {
  bidId: string;
  procurementWorkflowId: string;
  submittedAt: string;
  contentHash: string;
}

export interface ProcurementDetail extends ProcurementSummary {
  requirements: string | null;
  methodReason: string | null;
  invited: Array<{ vendorId: string; name: string }>;
  /** Null until the opening: sealed bids are never sent before it. */
  bids: Bid[] | null;
  panel: Array<{ userId: string; displayName: string; conflict: boolean | null; statement: string | null }>;
  scores: Array<{ userId: string; bidId: string; price: number; technical: number; afterSales: number; weighted: number }>;
  awardedVendorId: string | null;
  contract: {
    id: string;
    vendorId: string;
    priceYuan: number;
    rightsAndObligations: string;
    specs: string;
    deliveryDate: string;
    afterSalesTerms: string;
    repairSlaSeconds: number;
    approvedBy: string | null;
    signedAt: string;
  } | null;
}

export interface BidSubmission {
  bidId: string;
  priceYuan: number;
  technicalProposal: string;
  deliveryDate: string;
  afterSalesTerms: string;
}
