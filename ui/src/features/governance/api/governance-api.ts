import { API_BASE, apiRequest } from '../../../lib/api-client';
import type { AnnualPlan, Filing, Vote } from '../../../types/governance';

export async function listFilings(signal?: AbortSignal): Promise<Filing[]> {
  return (await apiRequest<{ items: Filing[] }>('/filings', { signal })).items;
}

export async function listPlans(signal?: AbortSignal): Promise<AnnualPlan[]> {
  return (await apiRequest<{ items: AnnualPlan[] }>('/plans', { signal })).items;
}

export async function listVotes(signal?: AbortSignal): Promise<Vote[]> {
  return (await apiRequest<{ items: Vote[] }>('/votes', { signal })).items;
}

/** The evidence pack's downloads (the CSVs hash to the vote's digests). */
export const evidenceUrl = (voteId: string, file: 'evidence/roll.csv' | 'evidence/ballots.csv' | 'evidence.pdf') =>
  `${API_BASE}/votes/${encodeURIComponent(voteId)}/${file}`;
