import { apiRequest, apiUrl } from '../../../lib/api-client';
import type { AcceptanceView, DeliveryDetail, DeliveryIssue, DeliveryRequest, DeliverySummary, SupplierEvaluationRow, SupplierStatus } from '../../../types/delivery-api';

const deliveryPath = (workflowId: string) => `/deliveries/${encodeURIComponent(workflowId)}`;

export function listDeliveries(signal?: AbortSignal): Promise<{ items: DeliverySummary[] }> {
  return apiRequest('/deliveries', { signal });
}

export function getDelivery(workflowId: string, signal?: AbortSignal): Promise<DeliveryDetail> {
  return apiRequest(deliveryPath(workflowId), { signal });
}

/** Starts the delivery of a signed contract (P2.3a); one per contract, so a retry joins it. */
export async function startDelivery(request: DeliveryRequest): Promise<string> {
  const { workflowId } = await apiRequest<{ workflowId: string }>('/deliveries', { method: 'POST', body: request });
  return workflowId;
}

export function logIssue(workflowId: string, issue: { issueId: string; title: string; severity: DeliveryIssue['severity'] }): Promise<DeliveryIssue> {
  return apiRequest(`${deliveryPath(workflowId)}/issues`, { method: 'POST', body: issue });
}

export function getAcceptance(workflowId: string, signal?: AbortSignal): Promise<AcceptanceView> {
  return apiRequest(`/acceptances/${encodeURIComponent(workflowId)}`, { signal });
}

export const acceptanceReportUrl = (workflowId: string) => apiUrl(`/acceptances/${encodeURIComponent(workflowId)}/report.pdf`);

export function listSuppliers(signal?: AbortSignal): Promise<{ items: SupplierStatus[] }> {
  return apiRequest('/supplier-standing', { signal });
}

export function listEvaluations(signal?: AbortSignal): Promise<{ items: SupplierEvaluationRow[] }> {
  return apiRequest('/supplier-evaluations', { signal });
}

/** An on-demand evaluation (P2.2c); requestId makes a retry start one process. */
export async function requestEvaluation(request: { requestId: string; vendorId: string }): Promise<string> {
  const { workflowId } = await apiRequest<{ workflowId: string }>('/supplier-evaluations', { method: 'POST', body: request });
  return workflowId;
}
