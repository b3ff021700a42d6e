import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createReplayAuditActivities } from '../../activities/replay-audit';
import { activityOptions } from '../lib/activities';
import { HumanTasks } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import { divergenceReviewForm, type ReplayAuditInput, type ReplayAuditOutcome } from './messages';
import { REPLAY_AUDIT_STEPS as STEPS } from './steps';

const { replayRecentInstances } = proxyActivities<ReturnType<typeof createReplayAuditActivities>>({
  ...activityOptions(),
  startToCloseTimeout: '2 hours',
  // The activity heartbeats per instance; a lost worker is noticed long before the two hours.
  heartbeatTimeout: '5 minutes',
});

/**
 * P3.3b, verification after a change: every night the histories of the instances that closed or moved in the
 * last day are replayed against the current workflow code. A divergence means a change would break (or has
 * broken) running processes: the tech supervisor gets a task listing each one, before it spreads.
 */
export async function replayAudit(input: ReplayAuditInput): Promise<ReplayAuditOutcome> {
  const tracker = new ProcessTracker({ process: 'replay-audit', title: 'Nightly replay audit', startedBy: null }, {});
  const tasks = new HumanTasks('replay-audit', tracker);
  await tracker.pass(STEPS.auditStarted.id);

  await tracker.enter(STEPS.replayInstances.id);
  const since = new Date(Date.now() - input.lookbackMs).toISOString();
  const report = await replayRecentInstances({ since, excludeWorkflowId: workflowInfo().workflowId });
  const summary = { since, replayed: report.replayed, missing: report.missing, divergenceCount: report.divergenceCount };
  tracker.setData(summary);
  await tracker.complete(STEPS.replayInstances.id, null, summary);

  if (report.divergenceCount === 0) {
    await tracker.finish('completed', STEPS.allReproduce.id, null, summary);
    return { replayed: report.replayed, divergenceCount: 0, review: null };
  }

  const review = await tasks.run({
    stepId: STEPS.reviewDivergences.id,
    title: `${report.divergenceCount} 个流程实例的历史无法重现`,
    form: divergenceReviewForm,
    candidateRoles: ['tech-supervisor'],
    dueInMs: input.reviewDueMs,
    priority: 70,
    context: { ...summary, divergences: report.divergences },
  });
  tracker.setData({ review: review.payload });
  await tracker.finish('completed', STEPS.divergencesReviewed.id, review.actor.displayName, review.payload);
  await condition(allHandlersFinished);
  return { replayed: report.replayed, divergenceCount: report.divergenceCount, review: { decision: review.payload.decision, by: review.actor.displayName } };
}
