import { z } from 'zod';
import type { VoteResult } from './tally';

export { progressQuery } from '../lib/messages';
export type { OwnersVoteInput, OwnersVoteTimings } from './definition';

export const art278Item = z
  .number()
  .int()
  .min(1)
  .max(9)
  .meta({ title: '民法典第278条事项 Art. 278 item', description: '6–8 need 3/4; the others more than 1/2' });

/** P2.1c: a matter put to the owners' general assembly. */
export const voteRequest = z.object({
  /** Chosen by the requester once, so a retried request opens one vote. */
  voteId: z.string().regex(/^[a-z0-9][a-z0-9.-]{2,120}$/, 'lower-case letters, digits, dots and dashes'),
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().min(3).max(4000),
  item: art278Item,
});
export type VoteRequest = z.infer<typeof voteRequest>;

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
