import type { Page, WorkflowStarted } from '../../../../../contracts/common';
import type { List } from '../../../../../contracts/common';
import type { FaultDetail, FaultReportRequest, FaultSummary, RatingRecorded, RecoveredOutage, RecoveredOutageClosed } from '../../../../../contracts/faults';
import type { ReferenceLocations } from '../../../../../contracts/reference';
import { apiRequest } from '../../../lib/api-client';

const faultPath = (workflowId: string) => `/faults/${encodeURIComponent(workflowId)}`;

export function getReferenceLocations(signal?: AbortSignal): Promise<ReferenceLocations> {
  return apiRequest<ReferenceLocations>('/reference/locations', { signal });
}

/** Files a fault report (P3.2a). reportId makes retries idempotent. */
export async function reportFault(report: FaultReportRequest): Promise<string> {
  const { workflowId } = await apiRequest<WorkflowStarted>('/faults', { method: 'POST', body: report });
  return workflowId;
}

export function listMyFaults(cursor: string | null, signal?: AbortSignal): Promise<Page<FaultSummary>> {
  return apiRequest<Page<FaultSummary>>('/faults', { query: { mine: true, cursor }, signal });
}

export function getFault(workflowId: string, signal?: AbortSignal): Promise<FaultDetail> {
  return apiRequest<FaultDetail>(faultPath(workflowId), { signal });
}

export async function rateFault(workflowId: string, rating: number, comment?: string): Promise<number> {
  const result = await apiRequest<RatingRecorded>(`${faultPath(workflowId)}/rating`, {
    method: 'POST',
    body: comment ? { rating, comment } : { rating },
  });
  return result.rating;
}

/** Outage repairs whose device is back online, still waiting for their diagnosis (P3.1b). */
export async function listRecoveredOutages(signal?: AbortSignal): Promise<RecoveredOutage[]> {
  return (await apiRequest<List<RecoveredOutage>>('/faults/recovered-outages', { signal })).items;
}

/** Closes an outage repair whose device is back: nothing was repaired. Safe to repeat. */
export function closeRecoveredOutage(workflowId: string): Promise<RecoveredOutageClosed> {
  return apiRequest<RecoveredOutageClosed>(`${faultPath(workflowId)}/close-recovered`, { method: 'POST' });
}
