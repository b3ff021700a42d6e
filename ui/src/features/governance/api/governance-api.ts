import type { List } from '../../../../../contracts/common';
import type { AnnualPlan, Filing, FilingDetail, Vote } from '../../../../../contracts/governance';
import { API_BASE, apiRequest } from '../../../lib/api-client';

export async function listFilings(signal?: AbortSignal): Promise<Filing[]> {
  return (await apiRequest<List<Filing>>('/filings', { signal })).items;
}

/** One filing with the package the committee acknowledges (governance.read: the committee, management, finance…). */
export function getFiling(workflowId: string, signal?: AbortSignal): Promise<FilingDetail> {
  return apiRequest<FilingDetail>(`/filings/${encodeURIComponent(workflowId)}`, { signal });
}

export async function listPlans(signal?: AbortSignal): Promise<AnnualPlan[]> {
  return (await apiRequest<List<AnnualPlan>>('/plans', { signal })).items;
}

export async function listVotes(signal?: AbortSignal): Promise<Vote[]> {
  return (await apiRequest<List<Vote>>('/votes', { signal })).items;
}

/** The evidence pack's downloads (the CSVs hash to the vote's digests). */
export const evidenceUrl = (voteId: string, file: 'evidence/roll.csv' | 'evidence/ballots.csv' | 'evidence.pdf') =>
  `${API_BASE}/votes/${encodeURIComponent(voteId)}/${file}`;
