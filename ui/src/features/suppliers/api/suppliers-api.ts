import { apiRequest } from '../../../lib/api-client';
import type { ExpiringDocument, SupplierDetail, SupplierSummary } from '../../../types/procurement';

export function listSuppliers(signal?: AbortSignal): Promise<{ items: SupplierSummary[] }> {
  return apiRequest<{ items: SupplierSummary[] }>('/suppliers', { signal });
}

export function listExpiringDocuments(signal?: AbortSignal): Promise<{ items: ExpiringDocument[] }> {
  return apiRequest<{ items: ExpiringDocument[] }>('/suppliers/documents/expiring', { signal });
}

export function getSupplier(vendorId: string, signal?: AbortSignal): Promise<SupplierDetail> {
  return apiRequest<SupplierDetail>(`/suppliers/${encodeURIComponent(vendorId)}`, { signal });
}

/** Starts a re-qualification (P2.2a); requestId makes a retry start one. */
export function requestRequalification(vendorId: string, requestId: string): Promise<{ workflowId: string }> {
  return apiRequest<{ workflowId: string }>(`/suppliers/${encodeURIComponent(vendorId)}/qualifications`, { method: 'POST', body: { requestId } });
}

export interface SupplierRegistration {
  supplierId: string;
  name: string;
  contactEmail?: string;
  documents: Array<{ documentId: string; kind: string; title: string; number?: string; expiresOn?: string }>;
}

/** Registers a supplier with its documents and starts its qualification (P2.2a); idempotent on supplierId. */
export function registerSupplier(registration: SupplierRegistration): Promise<{ supplierId: string; workflowId: string }> {
  return apiRequest<{ supplierId: string; workflowId: string }>('/suppliers', { method: 'POST', body: registration });
}
