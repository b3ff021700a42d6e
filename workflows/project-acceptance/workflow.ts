import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createProjectAcceptanceActivities } from '../../activities/project-acceptance';
import type { createProjectDeliveryActivities } from '../../activities/project-delivery';
import { activityOptions, notify } from '../lib/activities';
import { HumanTasks } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import {
  acceptanceChecklistForm,
  acceptanceTeamForm,
  failedItems,
  rectificationForm,
  settlementForm,
  signatureForm,
  type AcceptanceChecklist,
  type ProjectAcceptanceInput,
  type ProjectAcceptanceOutcome,
} from './messages';
import { PROJECT_ACCEPTANCE_STEPS as STEPS } from './steps';

const activities = proxyActivities<ReturnType<typeof createProjectAcceptanceActivities> & Pick<ReturnType<typeof createProjectDeliveryActivities>, 'listDirectory'>>(
  activityOptions(),
);

/** Project acceptance, P2.3c: team → checklist → signatures → (rectification → re-check)* → report → warranty → settlement. */
export async function projectAcceptance(input: ProjectAcceptanceInput): Promise<ProjectAcceptanceOutcome> {
  const { workflowId } = workflowInfo();
  const { timings } = input;
  const tracker = new ProcessTracker(
    { process: 'project-acceptance', title: input.title, startedBy: null },
    { contractId: input.contractId, vendorId: input.vendorId, system: input.system, biometric: input.biometric, deliveryWorkflowId: input.deliveryWorkflowId ?? null },
  );
  const tasks = new HumanTasks('project-acceptance', tracker);
  const context = { contractId: input.contractId, projectId: input.projectId, vendorId: input.vendorId, system: input.system, biometric: input.biometric };
  await tracker.pass(STEPS.acceptanceRequested.id, null, { deliveryWorkflowId: input.deliveryWorkflowId ?? null });

  const directory = await activities.listDirectory();
  const formed = await tasks.run({
    stepId: STEPS.formTeam.id,
    title: input.title,
    form: acceptanceTeamForm(directory),
    candidateRoles: ['tech-supervisor'],
    dueInMs: timings.teamDueMs,
    priority: 50,
    context,
  });
  const team = formed.payload;
  const members = [...team.technologyMembers, ...team.businessMembers, ...team.ownerRepresentatives];
  await activities.storeAcceptanceTeam({ workflowId, team });
  tracker.setData({ team });

  let round = 0;
  let checklist: AcceptanceChecklist;
  let signatures: Array<{ userId: string; signedAs: string; signedAt: string }>;
  for (;;) {
    round += 1;
    const inspection = await tasks.run({
      stepId: STEPS.inspectDelivery.id,
      title: `${input.title}${round > 1 ? `（第 ${round} 轮）` : ''}`,
      form: acceptanceChecklistForm(input.biometric),
      candidateRoles: [],
      candidateUsers: members,
      dueInMs: timings.inspectionDueMs,
      priority: 50,
      context: { ...context, round },
    });
    checklist = inspection.payload;
    const failed = failedItems(checklist);
    tracker.setData({ round, failed });

    // Every member signs the round's result, each on a task of their own.
    const signing = await Promise.all(
      members.map((member) =>
        tasks.open({
          stepId: STEPS.signAcceptance.id,
          title: `${input.title}${failed.length ? '（有未通过项）' : ''}`,
          form: signatureForm,
          candidateRoles: [],
          candidateUsers: [member],
          dueInMs: timings.signatureDueMs,
          priority: 50,
          context: { ...context, round, checklist, failed },
        }),
      ),
    );
    signatures = await Promise.all(
      signing.map(async (task, index) => {
        const signed = (await task.completion())!;
        await activities.recordSignature({ workflowId, round, userId: members[index], signedAs: signed.payload.signedAs, comment: signed.payload.comment, signedAt: signed.completedAt });
        return { userId: members[index], signedAs: signed.payload.signedAs, signedAt: signed.completedAt };
      }),
    );
    if (failed.length === 0) break;

    // A failed item: the supplier rectifies by the deadline, then the team checks again.
    const staff = await activities.vendorStaff({ vendorId: input.vendorId });
    const deadline = new Date(Date.now() + timings.rectificationDueMs).toISOString();
    await notify({ workflowId, dedupeKey: `${workflowId}.rectification.${round}`, recipientRoles: staff.length ? [] : ['tech-supervisor'], recipientUsers: staff, message: `Rectify ${failed.join(', ')} on ${input.title} by ${deadline}` });
    const rectification = await tasks.open({
      stepId: STEPS.rectifyDefects.id,
      title: input.title,
      form: rectificationForm,
      candidateRoles: staff.length ? [] : ['tech-supervisor'],
      candidateUsers: staff,
      dueInMs: timings.rectificationDueMs,
      priority: 60,
      context: { ...context, round, failed, checklist, deadline },
    });
    const rectified = await rectification.completionWithLadder({
      deadlineMs: timings.rectificationDueMs,
      remindEveryMs: timings.rectificationReminderMs,
      remind: async (reminder) => {
        await notify({ workflowId, dedupeKey: `${rectification.id}.reminder.${reminder}`, recipientRoles: [], recipientUsers: staff, message: `Reminder ${reminder}: rectification of ${input.title} due by ${deadline}` });
        await tracker.pass(STEPS.rectificationReminder.id, null, { reminder });
      },
      escalate: async () => {
        await rectification.addCandidates({ roles: ['tech-supervisor'] });
        await notify({ workflowId, dedupeKey: `${rectification.id}.overdue`, recipientRoles: ['tech-supervisor'], recipientUsers: [], message: `The supplier is late rectifying ${input.title}` });
        await tracker.pass(STEPS.rectificationOverdue.id, null, { deadline });
      },
    });
    tracker.setData({ rectification: { round, measures: rectified.payload.measures, by: rectified.actor.displayName } });
  }

  // Pass: the report, the warranty, then finance settles.
  const acceptedAt = new Date().toISOString();
  await tracker.enter(STEPS.issueAcceptanceReport.id);
  const report = await activities.issueAcceptanceReport({
    workflowId,
    deliveryWorkflowId: input.deliveryWorkflowId ?? null,
    contractId: input.contractId,
    projectId: input.projectId,
    vendorId: input.vendorId,
    title: input.title,
    system: input.system,
    checklist,
    rounds: round,
    team,
    signatures,
    acceptedAt,
  });
  await tracker.complete(STEPS.issueAcceptanceReport.id, null, report);

  const warrantyStartsAt = acceptedAt;
  const warrantyEndsAt = new Date(Date.parse(acceptedAt) + timings.warrantyMs).toISOString();
  await tracker.enter(STEPS.startWarranty.id);
  await activities.startWarranty({ workflowId, deliveryWorkflowId: input.deliveryWorkflowId ?? null, startsAt: warrantyStartsAt, endsAt: warrantyEndsAt });
  await tracker.complete(STEPS.startWarranty.id, null, { warrantyStartsAt, warrantyEndsAt });
  tracker.setData({ warrantyStartsAt, warrantyEndsAt, rounds: round });

  const settlement = await tasks.run({
    stepId: STEPS.settleWithSupplier.id,
    title: input.title,
    form: settlementForm,
    candidateRoles: ['finance'],
    dueInMs: timings.settlementDueMs,
    priority: 50,
    context: { ...context, acceptedAt, acceptanceReport: `/api/v1/acceptances/${workflowId}/report.pdf` },
  });
  const outcome: ProjectAcceptanceOutcome = { rounds: round, warrantyStartsAt, warrantyEndsAt, settledBy: settlement.actor.displayName };
  tracker.setData({ outcome, settlement: settlement.payload });
  await tracker.finish('completed', STEPS.acceptancePassed.id);
  await condition(allHandlersFinished);
  return outcome;
}
