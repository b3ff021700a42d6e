import type { List, WorkflowStarted } from '../../../../../contracts/common';
import type { ExpiringDocument, SupplierDetail, SupplierRegistered, SupplierRequest, SupplierSummary } from '../../../../../contracts/suppliers';
import { apiRequest } from '../../../lib/api-client';

export function listSuppliers(signal?: AbortSignal): Promise<List<SupplierSummary>> {
  return apiRequest<List<SupplierSummary>>('/suppliers', { signal });
}

export function listExpiringDocuments(signal?: AbortSignal): Promise<List<ExpiringDocument>> {
  return apiRequest<List<ExpiringDocument>>('/suppliers/documents/expiring', { signal });
}

export function getSupplier(vendorId: string, signal?: AbortSignal): Promise<SupplierDetail> {
  return apiRequest<SupplierDetail>(`/suppliers/${encodeURIComponent(vendorId)}`, { signal });
}

/** Starts a re-qualification (P2.2a); requestId makes a retry start one. */
export function requestRequalification(vendorId: string, requestId: string): Promise<WorkflowStarted> {
  return apiRequest<WorkflowStarted>(`/suppliers/${encodeURIComponent(vendorId)}/qualifications`, { method: 'POST', body: { requestId } });
}

/** Registers a supplier with its documents and starts its qualification (P2.2a); idempotent on supplierId. */
export function registerSupplier(registration: SupplierRequest): Promise<SupplierRegistered> {
  return apiRequest<SupplierRegistered>('/suppliers', { method: 'POST', body: registration });
}

/** P5.1b: a supplier's staff member's account (role vendor), entered for review; the client's changeId makes a retried submit the same change. */
export function submitSupplierStaff(changeId: string, supplierId: string, user: { displayName: string; username: string }): Promise<{ changeId: string; workflowId: string }> {
  return apiRequest<{ changeId: string; workflowId: string }>('/supplier-staff-changes', { method: 'POST', body: { changeId, action: 'create', supplierId, user } });
}
