import { apiRequest } from '../../../lib/api-client';
import type { BallotChoice, Participation, Vote } from '../../../types/governance';

const votePath = (voteId: string) => `/votes/${encodeURIComponent(voteId)}`;

export async function listVotes(signal?: AbortSignal): Promise<Vote[]> {
  return (await apiRequest<{ items: Vote[] }>('/votes', { signal })).items;
}

export function getParticipation(voteId: string, signal?: AbortSignal): Promise<Participation & { status: Vote['status'] }> {
  return apiRequest(`${votePath(voteId)}/participation`, { signal });
}

/** Casts the owner's ballot, or as proxy for onBehalfOf; repeating the same ballot is harmless. */
export function castBallot(voteId: string, choice: BallotChoice, onBehalfOf?: string): Promise<{ participation: Participation }> {
  return apiRequest(`${votePath(voteId)}/ballots`, { method: 'POST', body: onBehalfOf ? { choice, onBehalfOf } : { choice } });
}

export function recordProxy(voteId: string, proxy: { proxyOwnerId?: string; proxyName?: string }): Promise<unknown> {
  return apiRequest(`${votePath(voteId)}/proxy`, { method: 'POST', body: proxy });
}
