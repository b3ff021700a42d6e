import type { List, WorkflowStarted } from '../../../../../contracts/common';
import type { BidReceipt, BidRequest, BidView, ProcurementDetail, ProcurementRequest, ProcurementSummary } from '../../../../../contracts/procurement';
import { apiRequest } from '../../../lib/api-client';

const procurementPath = (workflowId: string) => `/procurements/${encodeURIComponent(workflowId)}`;

export function listProcurements(signal?: AbortSignal): Promise<List<ProcurementSummary>> {
  return apiRequest<List<ProcurementSummary>>('/procurements', { signal });
}

/** P2.2b: starts the procurement of a project; the client's projectId makes a retried request start one. */
export function startProcurement(request: ProcurementRequest): Promise<WorkflowStarted> {
  return apiRequest<WorkflowStarted>('/procurements', { method: 'POST', body: request });
}

export function getProcurement(workflowId: string, signal?: AbortSignal): Promise<ProcurementDetail> {
  return apiRequest<ProcurementDetail>(procurementPath(workflowId), { signal });
}

/** A sealed bid (supplier staff); bidId makes a retry store it once. */
export function submitBid(workflowId: string, bid: BidRequest): Promise<BidReceipt> {
  return apiRequest<BidReceipt>(`${procurementPath(workflowId)}/bids`, { method: 'POST', body: bid });
}

export function getMyBidReceipt(workflowId: string, signal?: AbortSignal): Promise<BidReceipt> {
  return apiRequest<BidReceipt>(`${procurementPath(workflowId)}/bids/mine`, { signal });
}

export function listBids(workflowId: string, signal?: AbortSignal): Promise<List<BidView>> {
  return apiRequest<List<BidView>>(`${procurementPath(workflowId)}/bids`, { signal });
}
