import type { List, Page, WorkflowStarted } from '../../../../../contracts/common';
import type { AnnualPlan, Filing, FilingDetail, PlanRequest, Vote } from '../../../../../contracts/governance';
import type { ProcessInstance } from '../../../../../contracts/processes';
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

/** P2.1a: starts a year's plan; the client's planId makes a retried request start one plan. */
export function startPlan(request: PlanRequest): Promise<WorkflowStarted> {
  return apiRequest<WorkflowStarted>('/plans', { method: 'POST', body: request });
}

/** Plans still being drafted, approved or filed (the approved ones are in listPlans). */
export async function listRunningPlans(signal?: AbortSignal): Promise<ProcessInstance[]> {
  return (await apiRequest<Page<ProcessInstance>>('/processes', { query: { process: 'annual-plan', status: 'running', limit: 20 }, signal })).items;
}

/** The evidence pack's downloads (the CSVs hash to the vote's digests). */
export const evidenceUrl = (voteId: string, file: 'evidence/roll.csv' | 'evidence/ballots.csv' | 'evidence.pdf') =>
  `${API_BASE}/votes/${encodeURIComponent(voteId)}/${file}`;
