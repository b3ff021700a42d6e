import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { z } from 'zod';
import type { createAnnouncementActivities } from '../../activities/announcements';
import { activityOptions } from '../lib/activities';
import { HumanTasks, type TaskCompletion } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import { approvalForm, correctionForm, type AnnouncementDraft, type AnnouncementInput, type AnnouncementOutcome } from './messages';
import { ANNOUNCEMENT_STEPS as STEPS } from './steps';

const { publishAnnouncement } = proxyActivities<ReturnType<typeof createAnnouncementActivities>>(activityOptions());

const PRIORITY = 50;

/**
 * A community announcement, P4.1a: drafted → management approves it, or returns it to the drafter who corrects and
 * resubmits → published: stored, and every owner in its audience told (in-app, and by the channels each chose).
 */
export async function announcement({ announcementId, draft: drafted, drafter, timings }: AnnouncementInput): Promise<AnnouncementOutcome> {
  const { workflowId } = workflowInfo();
  let draft: AnnouncementDraft = drafted;
  const tracker = new ProcessTracker({ process: 'announcement', title: `公告：${draft.title}`, startedBy: drafter.userId }, { announcementId, draft, returns: 0 });
  const tasks = new HumanTasks('announcement', tracker);
  await tracker.pass(STEPS.announcementDrafted.id, drafter.displayName, { audience: draft.audience });

  let returns = 0;
  let approval: TaskCompletion<z.output<typeof approvalForm>>;
  for (;;) {
    // The drafter is named as its maker: the worklist refuses them the approval of their own announcement (four eyes).
    approval = await tasks.run({
      stepId: STEPS.approveAnnouncement.id,
      title: `公告：${draft.title}`,
      form: approvalForm,
      candidateRoles: ['management'],
      dueInMs: timings.approvalDueMs,
      priority: PRIORITY,
      context: { ...draft, drafter: drafter.displayName, makerId: drafter.userId },
    });
    if (approval.actor.userId === drafter.userId) {
      await tracker.fail(STEPS.approveAnnouncement.id, { refused: 'own-change', actor: approval.actor.displayName });
      continue;
    }
    if (approval.payload.decision === 'approved') break;
    returns += 1;
    tracker.setData({ returns, reasons: approval.payload.reasons });
    const correction = await tasks.run({
      stepId: STEPS.correctAnnouncement.id,
      title: `公告：${draft.title}`,
      form: correctionForm,
      candidateRoles: [],
      candidateUsers: [drafter.userId],
      dueInMs: timings.correctionDueMs,
      priority: PRIORITY,
      context: { ...draft, returnedBy: approval.actor.displayName, reasons: approval.payload.reasons },
      prefill: { title: draft.title, body: draft.body, pinned: draft.pinned, ...(draft.expiresAt ? { expiresAt: draft.expiresAt } : {}) },
    });
    const { title, body, pinned, expiresAt } = correction.payload;
    draft = { ...draft, title, body, pinned, expiresAt: expiresAt ?? null };
    tracker.setData({ draft });
  }

  await tracker.enter(STEPS.publishAnnouncement.id);
  const publishedAt = approval.completedAt;
  const { audienceSize } = await publishAnnouncement({ workflowId, draft, drafterId: drafter.userId, approvedBy: approval.actor.displayName, publishedAt });
  tracker.setData({ approvedBy: approval.actor.displayName, audienceSize, publishedAt });
  await tracker.complete(STEPS.publishAnnouncement.id, null, { audienceSize });
  await tracker.finish('completed', STEPS.announcementPublished.id, approval.actor.displayName);
  await condition(allHandlersFinished);
  return { status: 'published', approvedBy: approval.actor.displayName, returns, audienceSize };
}
