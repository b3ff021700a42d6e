import type { VoteResult } from './tally';

export { progressQuery } from '../lib/messages';
export type { OwnersVoteInput, OwnersVoteTimings } from './definition';

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
