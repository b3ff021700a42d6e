import { apiRequest } from '../../../lib/api-client';
import type { Bid, BidReceipt, BidSubmission, ProcurementDetail, ProcurementSummary } from '../../../types/procurement';

const procurementPath = (workflowId: string) => `/procurements/${encodeURIComponent(workflowId)}`;

export function listProcurements(signal?: AbortSignal): Promise<{ items: ProcurementSummary[] }> {
  return apiRequest<{ items: ProcurementSummary[] }>('/procurements', { signal });
}

export function getProcurement(workflowId: string, signal?: AbortSignal): Promise<ProcurementDetail> {
  return apiRequest<ProcurementDetail>(procurementPath(workflowId), { signal });
}

/** A sealed bid (supplier staff); bidId makes a retry store it once. */
export function submitBid(workflowId: string, bid: BidSubmission): Promise<BidReceipt> {
  return apiRequest<BidReceipt>(`${procurementPath(workflowId)}/bids`, { method: 'POST', body: bid });
}

export function getMyBidReceipt(workflowId: string, signal?: AbortSignal): Promise<BidReceipt> {
  return apiRequest<BidReceipt>(`${procurementPath(workflowId)}/bids/mine`, { signal });
}

export function listBids(workflowId: string, signal?: AbortSignal): Promise<{ items: Bid[] }> {
  return apiRequest<{ items: Bid[] }>(`${procurementPath(workflowId)}/bids`, { signal });
}
