import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { z } from 'zod';
import { FEEDBACK_CATEGORY_LABELS, zhOf } from '../../contracts/labels';
import type { createOwnerFeedbackActivities } from '../../activities/owner-feedback';
import { activityOptions } from '../lib/activities';
import { HumanTasks, type HumanTask, type HumanTaskSpec, type TaskCompletion } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import { assessmentForm, confirmationForm, replyForm, type OwnerFeedbackInput, type OwnerFeedbackOutcome, type ThreadMessage } from './messages';
import { OWNER_FEEDBACK_STEPS as STEPS } from './steps';

const { routeFeedback, postFeedbackMessage, notifyFeedback, recordImprovement, closeFeedbackRecord } = proxyActivities<ReturnType<typeof createOwnerFeedbackActivities>>(activityOptions());

const PRIORITY = 50;

/** The owner's page of a feedback: where every notification about it leads them. */
const feedbackPage = (workflowId: string) => `/feedback/${encodeURIComponent(workflowId)}`;

/**
 * Owner feedback, P4.1b: submitted → routed to the department of its category → first reply within the due time
 * (late: the supervisors, then management) → follow-ups until resolved → the owner confirms and rates, or reopens
 * (back to the department). A suggestion is assessed instead: adopted as an improvement item, or declined with a reason.
 */
export async function ownerFeedback({ feedback, department, supervisorRoles, timings }: OwnerFeedbackInput): Promise<OwnerFeedbackOutcome> {
  const { workflowId } = workflowInfo();
  const title = `${zhOf(FEEDBACK_CATEGORY_LABELS, feedback.category)}：${feedback.text.slice(0, 60)}`;
  const tracker = new ProcessTracker({ process: 'owner-feedback', title, startedBy: feedback.owner.userId }, { feedback, department, replies: 0, reopenCount: 0 });
  const tasks = new HumanTasks('owner-feedback', tracker);
  const photos = feedback.photoIds.map((photoId) => `/api/v1/owner-feedback/${encodeURIComponent(workflowId)}/photos/${encodeURIComponent(photoId)}`);
  const context = { category: feedback.category, text: feedback.text, place: feedback.place, photos, owner: feedback.owner.displayName, submittedAt: workflowInfo().startTime.toISOString() };

  await tracker.pass(STEPS.feedbackSubmitted.id, feedback.owner.displayName, { category: feedback.category });
  await tracker.enter(STEPS.routeToDepartment.id);
  const { staffUserIds } = await routeFeedback({ workflowId, department });
  // A department with nobody in it: its supervisors answer the owner themselves.
  const staff = staffUserIds.length > 0 ? { candidateUsers: staffUserIds, candidateRoles: [] as string[] } : { candidateUsers: [] as string[], candidateRoles: supervisorRoles };
  await tracker.complete(STEPS.routeToDepartment.id, null, { department, staff: staffUserIds.length });

  let escalated: OwnerFeedbackOutcome['escalated'] = null;
  const tell = (dedupeKey: string, recipients: { users?: string[]; roles?: string[] }, message: string, link: string | null) =>
    notifyFeedback({ workflowId, dedupeKey, recipientUsers: recipients.users ?? [], recipientRoles: recipients.roles ?? [], message, link });

  /**
   * The first answer's escalation ladder (P4.1b: a reply within the due time): late, the supervisors join the task and
   * are told; still unanswered after `managementAfterMs`, management joins and is told.
   */
  async function firstAnswer<Payload>(task: HumanTask<Payload>): Promise<TaskCompletion<Payload>> {
    const inTime = await task.completion(timings.firstReplyDueMs);
    if (inTime) return inTime;
    await task.addCandidates({ roles: supervisorRoles });
    await tell(`${task.id}.late`, { roles: supervisorRoles }, `反馈首次答复已超时，请督办：${title}`, null);
    await tracker.pass(STEPS.firstReplyLate.id, null, { dueMs: timings.firstReplyDueMs });
    escalated = 'supervisor';
    tracker.setData({ escalated });
    const afterSupervisor = await task.completion(timings.managementAfterMs);
    if (afterSupervisor) return afterSupervisor;
    await task.addCandidates({ roles: ['management'] });
    await tell(`${task.id}.management`, { roles: ['management'] }, `反馈仍未答复，已上报管理层：${title}`, null);
    await tracker.pass(STEPS.escalatedToManagement.id, null, { afterMs: timings.managementAfterMs });
    escalated = 'management';
    tracker.setData({ escalated });
    return (await task.completion())!;
  }

  let replies = 0;
  /** Puts a staff member's words into the owner's thread and tells the owner. */
  async function answerOwner(completion: TaskCompletion<{ reply: string } | { reason: string }>, kind: ThreadMessage['kind']) {
    const text = 'reply' in completion.payload ? completion.payload.reply : completion.payload.reason;
    await postFeedbackMessage({ id: completion.taskId, workflowId, author: { userId: completion.actor.userId, displayName: completion.actor.displayName }, side: 'staff', kind, text, at: completion.completedAt });
    await tell(`${completion.taskId}.answered`, { users: [feedback.owner.userId] }, `您的反馈有新的答复：${title}`, feedbackPage(workflowId));
    replies += 1;
    tracker.setData({ replies, lastReply: text });
  }

  const finish = async (outcome: OwnerFeedbackOutcome): Promise<OwnerFeedbackOutcome> => {
    await tracker.enter(STEPS.closeFeedback.id);
    await closeFeedbackRecord({ workflowId, resolution: outcome.resolution, rating: outcome.rating, closedAt: new Date().toISOString() });
    // P4.1b: the result is reported back to the owner, however it ended.
    await tell(`${workflowId}.closed`, { users: [feedback.owner.userId] }, `您的反馈已办结：${title}`, feedbackPage(workflowId));
    await tracker.complete(STEPS.closeFeedback.id);
    tracker.setData({ outcome });
    await tracker.finish('completed', STEPS.feedbackClosed.id);
    await condition(allHandlersFinished);
    return outcome;
  };

  if (feedback.category === 'suggestion') {
    const task = await tasks.open({ stepId: STEPS.assessSuggestion.id, title, form: assessmentForm, ...staff, dueInMs: timings.firstReplyDueMs, priority: PRIORITY, context });
    const assessment = await firstAnswer(task);
    await answerOwner(assessment, 'assessment');
    const adopted = assessment.payload.decision === 'adopt';
    let improvementId: string | null = null;
    if (adopted) {
      await tracker.enter(STEPS.recordImprovement.id);
      improvementId = await recordImprovement({
        workflowId,
        title: assessment.payload.improvementTitle ?? feedback.text.slice(0, 60),
        description: feedback.text,
        department,
        adoptedBy: assessment.actor.displayName,
        adoptedAt: assessment.completedAt,
      });
      await tracker.complete(STEPS.recordImprovement.id, assessment.actor.displayName, { improvementId });
    }
    tracker.setData({ assessment: { decision: assessment.payload.decision, reason: assessment.payload.reason, by: assessment.actor.displayName } });
    return finish({ category: 'suggestion', resolution: adopted ? 'adopted' : 'declined', rating: null, reopenCount: 0, escalated, improvementId });
  }

  const replySpec = (stepId: string, dueInMs: number, extra: Record<string, unknown>): HumanTaskSpec<typeof replyForm> => ({
    stepId,
    title,
    form: replyForm,
    ...staff,
    dueInMs,
    priority: PRIORITY,
    context: { ...context, ...extra },
  });
  let reply: TaskCompletion<z.output<typeof replyForm>> = await firstAnswer(await tasks.open(replySpec(STEPS.firstReply.id, timings.firstReplyDueMs, {})));
  await answerOwner(reply, 'reply');
  let reopenCount = 0;
  let reopenReason: string | undefined;
  for (;;) {
    while (!reply.payload.resolved) {
      reply = await tasks.run(replySpec(STEPS.followUp.id, timings.followUpDueMs, { lastReply: reply.payload.reply, reopenReason }));
      await answerOwner(reply, 'reply');
    }
    const confirmation = await tasks.open({
      stepId: STEPS.confirmResolution.id,
      title,
      form: confirmationForm,
      candidateRoles: [],
      candidateUsers: [feedback.owner.userId],
      dueInMs: timings.confirmationDueMs,
      priority: PRIORITY,
      context: { category: feedback.category, text: feedback.text, lastReply: reply.payload.reply },
    });
    const answer = await confirmation.completion(timings.confirmationDueMs);
    if (!answer) {
      await confirmation.cancel('the owner did not answer in time', 'completed');
      await tracker.pass(STEPS.confirmationLapsed.id, null, { dueMs: timings.confirmationDueMs });
      return finish({ category: feedback.category, resolution: 'unconfirmed', rating: null, reopenCount, escalated, improvementId: null });
    }
    const { confirmed, rating, comment } = answer.payload;
    await postFeedbackMessage({
      id: answer.taskId,
      workflowId,
      author: { userId: answer.actor.userId, displayName: answer.actor.displayName },
      side: 'owner',
      kind: confirmed ? 'confirmed' : 'reopened',
      text: comment ?? '',
      at: answer.completedAt,
    });
    if (confirmed) {
      tracker.setData({ rating, ratingComment: comment });
      return finish({ category: feedback.category, resolution: 'confirmed', rating: rating ?? null, reopenCount, escalated, improvementId: null });
    }
    // Reopened: back to the department with what the owner says is still wrong.
    reopenCount += 1;
    reopenReason = comment;
    tracker.setData({ reopenCount, reopenReason });
    await tell(`${answer.taskId}.reopened`, staff.candidateUsers.length > 0 ? { users: staff.candidateUsers } : { roles: staff.candidateRoles }, `业主重新打开了反馈：${title}`, null);
    reply = { ...reply, payload: { ...reply.payload, resolved: false } };
  }
}
