import type { Art278Item, VoteResult } from './tally';

export { progressQuery } from '../lib/messages';

/** Every duration is an input: the notice runs 15 days by default, tests run it in seconds. */
export interface OwnersVoteTimings {
  noticeMs: number;
  votingMs: number;
  objectionMs: number;
}

export interface OwnersVoteInput {
  voteId: string;
  title: string;
  description: string;
  item: Art278Item;
  requestedBy: { userId: string | null; displayName: string };
  /** Set when an annual plan put one of its projects to the vote. */
  origin?: { planWorkflowId: string; projectId: string };
  timings: OwnersVoteTimings;
}

export interface RollSummary {
  voters: number;
  areaHundredths: number;
  heads: number;
  rollDigest: string;
}

export interface OwnersVoteOutcome {
  voteId: string;
  outcome: VoteResult['outcome'];
  result: VoteResult;
  rollDigest: string;
  ballotsDigest: string;
  objections: number;
}

export const ownersVoteWorkflowId = (voteId: string) => `owners-vote-${voteId}`;
