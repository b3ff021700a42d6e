import { allHandlersFinished, condition, proxyActivities, proxyLocalActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { createOwnersVoteActivities } from '../../activities/owners-vote';
import { activityOptions, localActivityOptions } from '../lib/activities';
import { ProcessTracker } from '../lib/progress';
import type { OwnersVoteInput, OwnersVoteOutcome } from './messages';
import { OWNERS_VOTE_STEPS as STEPS } from './steps';
import { decideVote } from './tally';

const { publishVoteNotice, freezeVoterRoll, publishVoteResult, finalizeVote } = proxyActivities<ReturnType<typeof createOwnersVoteActivities>>({
  ...activityOptions(),
  startToCloseTimeout: '2 minutes',
});
// Closing and counting runs in the worker itself, without a round trip through the task queue: the
// result is wanted within a second of the deadline (a ballot sum and a digest, well under the task timeout).
const { closeVoting } = proxyLocalActivities<ReturnType<typeof createOwnersVoteActivities>>({
  ...localActivityOptions(),
  startToCloseTimeout: '30 seconds',
});

/**
 * The owners' vote, P2.1c under Civil Code art. 278: notice → roll frozen when voting opens → ballots
 * (written by the API straight to PostgreSQL, one per owner) → deadline → tally → result published →
 * objection period. The workflow owns the timeline and feeds the pure tally; ballots never enter history.
 */
export async function ownersVote(input: OwnersVoteInput): Promise<OwnersVoteOutcome> {
  const { voteId, timings } = input;
  const tracker = new ProcessTracker(
    { process: 'owners-vote', title: `Owners' vote: ${input.title}`, startedBy: input.requestedBy.userId },
    { voteId, item: input.item, origin: input.origin ?? null },
  );
  const workflowId = workflowInfo().workflowId;
  await tracker.pass(STEPS.voteRequested.id, input.requestedBy.displayName, { item: input.item });

  await tracker.enter(STEPS.publishNotice.id);
  const noticeAt = new Date();
  const opensAt = new Date(noticeAt.getTime() + timings.noticeMs);
  const closesAt = new Date(opensAt.getTime() + timings.votingMs);
  await publishVoteNotice({
    voteId,
    workflowId,
    title: input.title,
    description: input.description,
    item: input.item,
    requestedBy: input.requestedBy.userId,
    origin: input.origin ?? null,
    noticeAt: noticeAt.toISOString(),
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
  });
  tracker.setData({ opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() });
  await tracker.complete(STEPS.publishNotice.id);

  await sleep(timings.noticeMs);
  await tracker.pass(STEPS.noticePeriodElapsed.id);

  await tracker.enter(STEPS.freezeVoterRoll.id);
  const roll = await freezeVoterRoll({ voteId });
  tracker.setData({ roll });
  await tracker.complete(STEPS.freezeVoterRoll.id, null, roll);

  await tracker.enter(STEPS.collectBallots.id);
  // The deadline was published with the notice; voting runs until then, measured from now.
  await sleep(Math.max(0, closesAt.getTime() - Date.now()));
  await tracker.complete(STEPS.collectBallots.id);
  await tracker.pass(STEPS.votingDeadline.id);

  await tracker.enter(STEPS.tallyVotes.id);
  const counted = await closeVoting({ voteId });
  const result = decideVote(input.item, counted.totals);
  tracker.setData({ result, ballotsDigest: counted.ballotsDigest });
  await tracker.complete(STEPS.tallyVotes.id, null, { outcome: result.outcome });

  await tracker.enter(STEPS.publishResult.id);
  const objectionEndsAt = new Date(Date.now() + timings.objectionMs).toISOString();
  await publishVoteResult({ voteId, result, ballotsDigest: counted.ballotsDigest, objectionEndsAt });
  await tracker.complete(STEPS.publishResult.id, null, { outcome: result.outcome, objectionEndsAt });

  await sleep(timings.objectionMs);
  await tracker.pass(STEPS.objectionPeriodElapsed.id);

  const { objections } = await finalizeVote({ voteId });
  const outcome: OwnersVoteOutcome = {
    voteId,
    outcome: result.outcome,
    result,
    rollDigest: roll.rollDigest,
    ballotsDigest: counted.ballotsDigest,
    objections,
  };
  tracker.setData({ outcome: result.outcome, objections });
  await tracker.finish('completed', STEPS.voteClosed.id, null, { outcome: result.outcome, objections });
  await condition(allHandlersFinished);
  return outcome;
}
