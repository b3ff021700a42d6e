import type { AcceptanceView } from '../../../../../contracts/acceptance';
import type { List, WorkflowStarted } from '../../../../../contracts/common';
import type { DeliveryDetail, DeliveryIssue, DeliveryRequest, DeliverySummary, IssueRequest } from '../../../../../contracts/delivery';
import type { EvaluationRequest, EvaluationRow, SupplierStatus } from '../../../../../contracts/supplier-evaluation';
import { apiRequest, apiUrl } from '../../../lib/api-client';

const deliveryPath = (workflowId: string) => `/deliveries/${encodeURIComponent(workflowId)}`;

export function listDeliveries(signal?: AbortSignal): Promise<List<DeliverySummary>> {
  return apiRequest('/deliveries', { signal });
}

export function getDelivery(workflowId: string, signal?: AbortSignal): Promise<DeliveryDetail> {
  return apiRequest(deliveryPath(workflowId), { signal });
}

/** Starts the delivery of a signed contract (P2.3a); one per contract, so a retry joins it. */
export async function startDelivery(request: DeliveryRequest): Promise<string> {
  const { workflowId } = await apiRequest<WorkflowStarted>('/deliveries', { method: 'POST', body: request });
  return workflowId;
}

export function logIssue(workflowId: string, issue: IssueRequest): Promise<DeliveryIssue> {
  return apiRequest(`${deliveryPath(workflowId)}/issues`, { method: 'POST', body: issue });
}

export function getAcceptance(workflowId: string, signal?: AbortSignal): Promise<AcceptanceView> {
  return apiRequest(`/acceptances/${encodeURIComponent(workflowId)}`, { signal });
}

export const acceptanceReportUrl = (workflowId: string) => apiUrl(`/acceptances/${encodeURIComponent(workflowId)}/report.pdf`);

export function listSuppliers(signal?: AbortSignal): Promise<List<SupplierStatus>> {
  return apiRequest('/supplier-standing', { signal });
}

export function listEvaluations(signal?: AbortSignal): Promise<List<EvaluationRow>> {
  return apiRequest('/supplier-evaluations', { signal });
}

/** An on-demand evaluation (P2.2c); requestId makes a retry start one process. */
export async function requestEvaluation(request: EvaluationRequest): Promise<string> {
  const { workflowId } = await apiRequest<WorkflowStarted>('/supplier-evaluations', { method: 'POST', body: request });
  return workflowId;
}
