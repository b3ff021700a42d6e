import { allHandlersFinished, condition, ParentClosePolicy, patched, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { createDataReviewActivities } from '../../activities/data-review';
import { titleReference } from '../../contracts/labels';
import { DATA_STEWARDS } from '../../contracts/permissions';
import type { AccessRevocationInput } from '../access-revocation/messages';
import { activityOptions, linkProcesses } from '../lib/activities';
import { HumanTasks, type HumanTaskSpec, type TaskCompletion } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import { correctionForm, decisionForm, diffForTask, IMPORT_TITLES, type ChangeUnderReview, type DataReviewInput, type DataReviewOutcome, type DecisionForm, type Decider } from './messages';
import { DATA_REVIEW_STEPS as STEPS } from './steps';

type DataReviewActivities = ReturnType<typeof createDataReviewActivities>;
const single = proxyActivities<DataReviewActivities>(activityOptions('UnknownDataChange'));
const { recordReturn, recordWithdrawal, movingOut } = single;
// An imported sheet is checked and written whole, ten thousand rows and more: a try may take minutes.
const batch = proxyActivities<DataReviewActivities>({ ...activityOptions('UnknownDataChange'), startToCloseTimeout: '10 minutes' });

const deciderOf = (completion: TaskCompletion<unknown>): Decider => ({ userId: completion.actor.userId, displayName: completion.actor.displayName, at: completion.completedAt });

/**
 * A change to master data under review, P5.1a–b (maker-checker): the maker's draft changes nothing; a checker of
 * that kind of data, never the maker (nor, for a staff user, that user), sees the diff and the collection standard's checks and approves or returns it
 * with reasons; a change to a registered area or to ownership also needs management's approval, from someone else
 * again; a returned change is corrected and resubmitted (the next visit) or withdrawn. Only an approval writes it,
 * in one transaction with its history entry (maker, checker, approver, times, diff).
 */
export async function dataReview(input: DataReviewInput): Promise<DataReviewOutcome> {
  const { changeId, kind, action, maker, timings } = input;
  const { workflowId } = workflowInfo();
  const stewards = DATA_STEWARDS[kind];
  // An imported sheet is one change about many records (its rows, read on its change's page); a change of a staff user
  // is about that user, who may not review it (their context's subjectUserId); others are about a unit.
  const imported = action === 'import';
  const ofUser = kind === 'user' && !imported;
  const ofDevice = kind === 'device' && !imported;
  // Zones and shifts are new kinds: a review of any other kind takes the paths it always took.
  const ofZone = kind === 'zone';
  const ofShift = kind === 'guard-shift';
  const recordId = (imported ? changeId : ofUser ? input.userId : ofDevice ? input.deviceId : ofZone ? input.zoneId : ofShift ? input.shiftId : input.unitId) ?? '';
  const about = imported ? {} : ofUser ? { userId: recordId } : ofDevice ? { deviceId: recordId } : ofZone ? { zoneId: recordId } : ofShift ? { shiftId: recordId, zoneId: input.zoneId } : { unitId: recordId };
  const inContext = imported ? { importRows: `/admin/changes/${changeId}` } : ofUser ? { subjectUserId: recordId } : about;
  const subjects = ofUser ? [recordId] : [];
  // Named for the reader by the API (a unit or user being created has no name yet, and shows its id).
  const unit = imported
    ? IMPORT_TITLES[kind]
    : ofZone || ofShift
      ? `${ofShift ? '值班 ' : ''}${titleReference('zone', input.zoneId ?? recordId)}`
      : titleReference(ofUser ? 'user' : ofDevice ? 'device' : 'unit', recordId);
  const { prepareReview, applyChange } = imported ? batch : single;
  const tracker = new ProcessTracker({ process: 'data-review', title: `${recordId} 数据变更 Data change`, startedBy: maker.userId }, { changeId, kind, action, ...about, maker: maker.displayName });
  const tasks = new HumanTasks('data-review', tracker);
  await tracker.pass(STEPS.changeSubmitted.id, maker.displayName, { changeId, kind, action, ...about });

  /**
   * A decision nobody who already acted on the change may take (four eyes). The API refuses them (task.own-change);
   * should a completion by one of them reach the process anyway, the step counts as failed and is asked again.
   */
  const decide = async (spec: HumanTaskSpec<typeof decisionForm>, earlier: string[]): Promise<TaskCompletion<DecisionForm>> => {
    for (;;) {
      const completion = await tasks.run(spec);
      if (!earlier.includes(completion.actor.userId)) return completion;
      await tracker.fail(spec.stepId, { refused: 'own-change', actor: completion.actor.displayName });
    }
  };

  /** The people who leave with a removed owner or a resident who moved out: each one's access revocation starts, and outlives this review. */
  const revokeMovedOut = async ({ retry, outage }: NonNullable<DataReviewInput['accessRevocation']>) => {
    await tracker.enter(STEPS.startFollowUps.id);
    const revocations: string[] = [];
    for (const person of await movingOut({ changeId })) {
      const revocationId = `access-revocation-moved-out-${changeId}-${person.personId}`;
      const revocation: AccessRevocationInput = { personId: person.personId, personName: person.personName, reason: 'moved-out', requestedBy: maker, retry, outage };
      await startChild('accessRevocation', { workflowId: revocationId, args: [revocation], parentClosePolicy: ParentClosePolicy.ABANDON });
      await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: revocationId, relation: 'access-revocation' });
      revocations.push(revocationId);
    }
    tracker.setData({ revocations });
    await tracker.complete(STEPS.startFollowUps.id, null, { revocations: revocations.length });
  };

  for (;;) {
    await tracker.enter(STEPS.prepareReview.id);
    const review: ChangeUnderReview = await prepareReview({ changeId });
    tracker.setData({ revision: review.revision, needsSecondApproval: review.needsSecondApproval });
    await tracker.complete(STEPS.prepareReview.id, null, { revision: review.revision, checksFailed: review.checks.filter((check) => !check.passed).length });
    const shown = diffForTask(review.diff);
    const context = { changeId, ...inContext, kind, action, revision: review.revision, makerId: maker.userId, ...shown, checks: review.checks, needsSecondApproval: review.needsSecondApproval };

    let returned: { reasons: string; by: string } | null = null;
    const check = await decide(
      { stepId: STEPS.checkChange.id, title: `数据变更审核：${unit}`, form: decisionForm, candidateRoles: stewards.checkers, dueInMs: timings.checkDueMs, priority: 50, context },
      [maker.userId, ...subjects],
    );
    const checker = deciderOf(check);
    let approver: Decider | null = null;
    if (check.payload.decision === 'returned') returned = { reasons: check.payload.reasons ?? '', by: checker.displayName };
    else if (review.needsSecondApproval) {
      const approval = await decide(
        {
          stepId: STEPS.approveChange.id,
          title: `数据变更复核：${unit}`,
          form: decisionForm,
          candidateRoles: stewards.secondApprovers,
          dueInMs: timings.approvalDueMs,
          priority: 55,
          context: { ...context, checkerId: checker.userId },
        },
        [maker.userId, checker.userId, ...subjects],
      );
      approver = deciderOf(approval);
      if (approval.payload.decision === 'returned') returned = { reasons: approval.payload.reasons ?? '', by: approver.displayName };
    }

    if (!returned) {
      await tracker.enter(STEPS.applyChange.id);
      const result = await applyChange({ changeId, workflowId, revision: review.revision, reviewedDiff: review.diff, checker, approver });
      if (result.applied) {
        await tracker.complete(STEPS.applyChange.id, null, { revision: review.revision });
        // P4.2b: an owner removed from a unit has moved out, as has a resident whose move-out is approved: their door
        // access is revoked by its own process.
        const movedOut = action === 'remove-owner' || (action === 'move-out' && patched('resident-move-out-revokes-access'));
        if (movedOut && input.accessRevocation && patched('move-out-revokes-access')) await revokeMovedOut(input.accessRevocation);
        const outcome: DataReviewOutcome = { status: 'applied', revision: review.revision, checkedBy: checker.displayName, approvedBy: approver?.displayName ?? null };
        tracker.setData({ outcome });
        await tracker.finish('completed', STEPS.changeApplied.id);
        await condition(allHandlersFinished);
        return outcome;
      }
      // The register moved on while the change was in review (or no longer meets the standard): back to its maker.
      await tracker.fail(STEPS.applyChange.id, { reasons: result.reasons });
      returned = { reasons: result.reasons.join('; '), by: '系统校验 Steward check' };
    }

    // The task first, then the draft reopens for correction: a correction that follows at once finds its task.
    const correction = await tasks.open({
      stepId: STEPS.correctChange.id,
      title: `数据变更退回修改：${unit}`,
      form: correctionForm,
      candidateRoles: [],
      candidateUsers: [maker.userId],
      dueInMs: timings.correctionDueMs,
      priority: 50,
      context: { changeId, ...inContext, kind, action, revision: review.revision, ...shown, checks: review.checks, returnedBy: returned.by, reasons: returned.reasons },
    });
    await tracker.enter(STEPS.recordReturn.id);
    await recordReturn({ changeId, workflowId, revision: review.revision, diff: review.diff, reasons: returned.reasons, checker, approver });
    await tracker.complete(STEPS.recordReturn.id, returned.by, { reasons: returned.reasons });
    tracker.setData({ returned: { by: returned.by, reasons: returned.reasons } });

    const answer = (await correction.completion())!;
    if (answer.payload.decision === 'withdraw') {
      await recordWithdrawal({ changeId, workflowId });
      const outcome: DataReviewOutcome = { status: 'withdrawn', revision: review.revision + 1, checkedBy: null, approvedBy: null };
      tracker.setData({ outcome });
      await tracker.finish('completed', STEPS.changeWithdrawn.id, maker.displayName);
      await condition(allHandlersFinished);
      return outcome;
    }
  }
}
