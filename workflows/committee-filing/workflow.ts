import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createGovernanceActivities } from '../../activities/governance';
import { activityOptions } from '../lib/activities';
import { HumanTasks } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import { acknowledgementForm, type CommitteeFilingInput, type CommitteeFilingOutcome } from './messages';
import { COMMITTEE_FILING_STEPS as STEPS } from './steps';

const { storeFilingPackage, issueFilingReceipt, recordFilingReturned } = proxyActivities<ReturnType<typeof createGovernanceActivities>>(activityOptions());

/** The sum of the package's budget lines in yuan (to the fen), or null for a package without them. */
function budgetTotal(budget: unknown): number | null {
  const lineItems = (budget as { lineItems?: Array<{ amountYuan?: unknown }> } | null)?.lineItems;
  if (!Array.isArray(lineItems)) return null;
  return lineItems.reduce((sum, item) => sum + Math.round(Number(item.amountYuan ?? 0) * 100), 0) / 100;
}

/** Filing with the owners' committee, P2.1c: a dated package, acknowledged with a receipt number (a report, not a vote). */
export async function committeeFiling(input: CommitteeFilingInput): Promise<CommitteeFilingOutcome> {
  const { filingPackage } = input;
  const tracker = new ProcessTracker(
    { process: 'committee-filing', title: input.title, startedBy: null },
    { planWorkflowId: input.planWorkflowId, year: filingPackage.year },
  );
  const tasks = new HumanTasks('committee-filing', tracker);
  const workflowId = workflowInfo().workflowId;
  await tracker.pass(STEPS.filingSubmitted.id, filingPackage.approvedBy);

  await tracker.enter(STEPS.storeFilingPackage.id);
  const filedAt = new Date().toISOString();
  const { packageDigest } = await storeFilingPackage({ workflowId, planWorkflowId: input.planWorkflowId, title: input.title, filingPackage, filedAt });
  tracker.setData({ filedAt, packageDigest });
  await tracker.complete(STEPS.storeFilingPackage.id, null, { packageDigest });

  const decision = await tasks.run({
    stepId: STEPS.acknowledgeFiling.id,
    title: input.title,
    form: acknowledgementForm,
    candidateRoles: ['committee-member'],
    dueInMs: input.timings.acknowledgementDueMs,
    priority: 50,
    // What the digest is of: the plan's projects and the budget, so the committee reads what it acknowledges.
    context: {
      year: filingPackage.year,
      filedAt,
      plan: filingPackage.plan,
      budget: filingPackage.budget,
      budgetTotalYuan: budgetTotal(filingPackage.budget),
      approvedBy: filingPackage.approvedBy,
      approvedAt: filingPackage.approvedAt,
      planWorkflowId: input.planWorkflowId,
      packageDigest,
    },
  });

  if (decision.payload.decision === 'returned') {
    const comment = decision.payload.comment ?? '';
    await recordFilingReturned({ workflowId, decidedBy: decision.actor.userId, decidedAt: decision.completedAt, comment });
    tracker.setData({ status: 'returned', comment });
    await tracker.finish('completed', STEPS.filingReturned.id, decision.actor.displayName, { comment });
    await condition(allHandlersFinished);
    return { status: 'returned', comment, returnedBy: decision.actor.displayName };
  }

  await tracker.enter(STEPS.issueReceipt.id);
  const { receiptNumber } = await issueFilingReceipt({ workflowId, year: filingPackage.year, decidedBy: decision.actor.userId, decidedAt: decision.completedAt });
  tracker.setData({ status: 'acknowledged', receiptNumber });
  await tracker.complete(STEPS.issueReceipt.id, null, { receiptNumber });
  await tracker.finish('completed', STEPS.filingAcknowledged.id, decision.actor.displayName, { receiptNumber });
  await condition(allHandlersFinished);
  return { status: 'acknowledged', receiptNumber, packageDigest, acknowledgedBy: decision.actor.displayName, acknowledgedAt: decision.completedAt };
}
