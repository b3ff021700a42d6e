import type { List } from '../../../../../contracts/common';
import type { BallotCast, BallotChoice, ProxyRequest, Vote, VoteParticipation } from '../../../../../contracts/governance';
import { apiRequest } from '../../../lib/api-client';

const votePath = (voteId: string) => `/votes/${encodeURIComponent(voteId)}`;

export async function listVotes(signal?: AbortSignal): Promise<Vote[]> {
  return (await apiRequest<List<Vote>>('/votes', { signal })).items;
}

export function getParticipation(voteId: string, signal?: AbortSignal): Promise<VoteParticipation> {
  return apiRequest(`${votePath(voteId)}/participation`, { signal });
}

/** Casts the owner's ballot, or as proxy for onBehalfOf; repeating the same ballot is harmless. */
export function castBallot(voteId: string, choice: BallotChoice, onBehalfOf?: string): Promise<BallotCast> {
  return apiRequest(`${votePath(voteId)}/ballots`, { method: 'POST', body: onBehalfOf ? { choice, onBehalfOf } : { choice } });
}

export function recordProxy(voteId: string, proxy: ProxyRequest): Promise<unknown> {
  return apiRequest(`${votePath(voteId)}/proxy`, { method: 'POST', body: proxy });
}
