import { z } from 'zod';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { OWNERS_VOTE_STEPS } from './steps';
import { ART_278_ITEMS } from './tally';
import { label } from '../../contracts/labels';
import { recordedName } from '../lib/labels';

/** Every duration is an input: the notice runs 15 days by default, tests run it in seconds. */
export const ownersVoteTimings = z.lazy(() => z.object({ noticeMs: durationMs(), votingMs: durationMs(), objectionMs: durationMs() }));
export type OwnersVoteTimings = z.infer<typeof ownersVoteTimings>;

export const ownersVoteInput = z.lazy(() =>
  z.object({
    voteId: z.string(),
    title: z.string(),
    description: z.string(),
    /** The Civil Code art. 278 item: 6–8 need 3/4, the others more than 1/2. */
    item: z.literal(ART_278_ITEMS),
    requestedBy: z.object({ userId: z.string().nullable(), displayName: z.string() }),
    /** Set when an annual plan put one of its projects to the vote. */
    origin: z.object({ planWorkflowId: z.string(), projectId: z.string() }).optional(),
    timings: ownersVoteTimings,
  }),
);
export type OwnersVoteInput = z.infer<typeof ownersVoteInput>;

export const ownersVoteProcess = defineProcess({
  name: 'owners-vote',
  workflowType: 'ownersVote',
  title: { 'zh-CN': '业主大会表决', en: "Owners' vote" },
  clauses: ['P2.1c', 'Civil Code art. 278'],
  startAction: 'owners-vote.start',
  input: ownersVoteInput,
  workflowId: (voteId: string) => `owners-vote-${voteId}`,
  steps: OWNERS_VOTE_STEPS,
  // No person's task: its labels word what its instances record, for the instance page.
  instanceTitle: {
    keys: [],
    of: ({ title }) => {
      const matter = recordedName(title, "Owners' vote: ");
      return label(`业主表决：${matter}`, `Owners' vote: ${matter}`);
    },
  },
  labels: {
    voteId: { title: label('表决', 'Vote'), format: 'hidden' },
    item: { title: label('表决事项', 'Matter') },
    origin: { title: label('来源', 'Origin') },
    opensAt: { title: label('开始投票', 'Opens'), format: 'date-time' },
    closesAt: { title: label('截止投票', 'Closes'), format: 'date-time' },
    roll: { title: label('业主名册', 'Roll') },
    result: { title: label('表决结果', 'Result') },
    ballotsDigest: { title: label('选票摘要', 'Ballots digest'), format: 'digest' },
    rollDigest: { title: label('名册摘要', 'Roll digest'), format: 'digest' },
    objections: { title: label('异议数', 'Objections') },
  },
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
