import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createAccessAnomalyActivities } from '../../activities/access-anomaly';
import { activityOptions } from '../lib/activities';
import { HumanTasks } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import { RULE_LABELS } from './definition';
import { RULE_TITLES, reviewForm, type AccessAnomalyInput, type AccessAnomalyOutcome } from './messages';
import { ACCESS_ANOMALY_STEPS as STEPS } from './steps';

const { recordAnomalyFinding, reportMisuse } = proxyActivities<ReturnType<typeof createAccessAnomalyActivities>>(activityOptions());

/** P5.3c: unusual reading of personal data is reviewed by the security supervisor; misuse goes to management. */
export async function accessAnomaly(input: AccessAnomalyInput): Promise<AccessAnomalyOutcome> {
  const { alertId, actor, rule } = input;
  const tracker = new ProcessTracker(
    { process: 'access-anomaly', title: `${RULE_TITLES[rule]}: ${actor.displayName}`, startedBy: null },
    { alertId, rule, actorId: actor.userId, windowStart: input.windowStart, windowEnd: input.windowEnd, observed: input.observed, threshold: input.threshold },
  );
  const tasks = new HumanTasks('access-anomaly', tracker);
  const workflowId = workflowInfo().workflowId;
  await tracker.pass(STEPS.anomalyDetected.id, null, { rule, observed: input.observed, threshold: input.threshold });

  // Nobody reviews their own reads: an alert about a security supervisor goes to management.
  const reviewers = actor.roles.includes('security-supervisor') ? ['management'] : ['security-supervisor'];
  const review = await tasks.run({
    stepId: STEPS.reviewAnomaly.id,
    title: `${RULE_LABELS[rule]['zh-CN']}：${actor.displayName}`,
    form: reviewForm,
    candidateRoles: reviewers,
    dueInMs: input.timings.reviewDueMs,
    priority: 70,
    context: {
      rule,
      ruleTitle: RULE_TITLES[rule],
      userId: actor.userId,
      user: actor.displayName,
      roles: actor.roles,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      observed: input.observed,
      threshold: input.threshold,
    },
  });
  const { finding } = review.payload;
  const note = review.payload.note ?? '';

  await tracker.enter(STEPS.recordFinding.id);
  await recordAnomalyFinding({ alertId, finding, note, reviewedBy: review.actor.userId, reviewedAt: review.completedAt });
  tracker.setData({ finding, note, reviewedBy: review.actor.displayName });
  await tracker.complete(STEPS.recordFinding.id, null, { finding });

  if (finding === 'misuse') {
    await tracker.enter(STEPS.reportMisuse.id);
    await reportMisuse({ workflowId, actorName: actor.displayName, rule, note });
    await tracker.complete(STEPS.reportMisuse.id);
    await tracker.finish('completed', STEPS.misuseConfirmed.id, review.actor.displayName, { note });
  } else {
    await tracker.finish('completed', STEPS.anomalyCleared.id, review.actor.displayName, { note });
  }
  await condition(allHandlersFinished);
  return { finding, note, reviewedBy: review.actor.displayName, reviewedAt: review.completedAt };
}
