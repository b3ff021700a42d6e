import { allHandlersFinished, condition, proxyActivities, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import type { createProjectDeliveryActivities } from '../../activities/project-delivery';
import { activityOptions, linkProcesses, notify } from '../lib/activities';
import { HumanTasks } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import { projectAcceptanceProcess } from '../project-acceptance/definition';
import type { ProjectAcceptanceInput } from '../project-acceptance/messages';
import { projectAcceptance } from '../project-acceptance/workflow';
import {
  implementationPlanForm,
  overdueReviewForm,
  progressReportForm,
  type DeliveryTimings,
  type ProjectDeliveryInput,
  type ProjectDeliveryOutcome,
} from './messages';
import { PROJECT_DELIVERY_STEPS as STEPS } from './steps';

const activities = proxyActivities<ReturnType<typeof createProjectDeliveryActivities>>(activityOptions());

interface MilestoneState {
  id: string;
  name: string;
  dueAt: number;
  reached: boolean;
  overdue: boolean;
}

/** Project delivery, P2.3a–b: implementation plan → progress reports and milestone watch → acceptance (P2.3c). */
export async function projectDelivery(input: ProjectDeliveryInput): Promise<ProjectDeliveryOutcome> {
  const { workflowId } = workflowInfo();
  const tracker = new ProcessTracker(
    { process: 'project-delivery', title: input.title, startedBy: null },
    { contractId: input.contractId, projectId: input.projectId, vendorId: input.vendorId, deliveryDate: input.deliveryDate, procurementWorkflowId: input.procurementWorkflowId ?? null },
  );
  const tasks = new HumanTasks('project-delivery', tracker);
  await tracker.pass(STEPS.deliveryStarted.id, null, { contractId: input.contractId });

  const defaults = await activities.loadDeliveryTimings();
  const timings: DeliveryTimings = { ...defaults, ...input.timings, acceptance: { ...defaults.acceptance, ...input.timings?.acceptance } };
  await activities.recordDelivery({ workflowId, input });
  if (input.procurementWorkflowId) {
    await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: input.procurementWorkflowId, relation: 'procurement' });
  }

  const directory = await activities.listDirectory();
  const planned = await tasks.run({
    stepId: STEPS.planImplementation.id,
    title: input.title,
    form: implementationPlanForm(directory),
    candidateRoles: ['tech-supervisor', 'procurement', 'management'],
    dueInMs: timings.planDueMs,
    priority: 50,
    context: { contractId: input.contractId, vendorId: input.vendorId, deliveryDate: input.deliveryDate },
  });
  const plan = planned.payload;
  const milestones: MilestoneState[] = plan.milestones.map((milestone, index) => ({
    id: `m${index + 1}`,
    name: milestone.name,
    dueAt: Date.parse(milestone.dueAt),
    reached: false,
    overdue: false,
  }));
  await tracker.enter(STEPS.storePlan.id);
  await activities.storePlan({ workflowId, plan, milestoneIds: milestones.map((milestone) => milestone.id) });
  await tracker.complete(STEPS.storePlan.id, null, { milestones: milestones.length });
  const lead = plan.projectLead;
  const showMilestones = () => milestones.map(({ name, dueAt, reached, overdue }) => ({ name, dueAt: new Date(dueAt).toISOString(), reached, overdue }));
  tracker.setData({ plan: { system: plan.system, biometric: plan.biometric, projectLead: lead, phases: plan.phases }, milestones: showMilestones() });

  let delivered = false;
  let reports = 0;

  const alert = (dedupeKey: string, message: string) =>
    notify({ workflowId, dedupeKey, recipientRoles: ['management'], recipientUsers: [lead], message });

  // P2.3b: a milestone not reached within the grace period alerts management, who review it.
  const watchMilestone = async (milestone: MilestoneState): Promise<void> => {
    for (let overdueCount = 1; ; overdueCount += 1) {
      const wait = milestone.dueAt + timings.milestoneGraceMs - Date.now();
      const settled = () => milestone.reached || delivered;
      if (wait > 0 ? await condition(settled, wait) : settled()) return;
      milestone.overdue = true;
      tracker.setData({ milestones: showMilestones() });
      const at = new Date().toISOString();
      await tracker.pass(STEPS.milestoneOverdue.id, null, { milestone: milestone.name });
      await activities.markMilestoneOverdue({ workflowId, milestoneId: milestone.id, name: milestone.name, at });
      await alert(`${workflowId}.${milestone.id}.overdue.${overdueCount}`, `Milestone overdue: ${milestone.name} (${input.title})`);
      const review = await tasks.open({
        stepId: STEPS.reviewOverdueMilestone.id,
        title: `${input.title} · ${milestone.name}`,
        form: overdueReviewForm,
        candidateRoles: ['management'],
        dueInMs: timings.overdueReviewDueMs,
        priority: 70,
        context: { milestone: milestone.name, dueAt: new Date(milestone.dueAt).toISOString(), projectLead: lead },
      });
      const decision = await Promise.race([review.completion(), condition(() => delivered).then(() => undefined)]);
      if (!decision) {
        await review.cancel('delivered before the review');
        return;
      }
      if (!decision.payload.newDueAt) return;
      milestone.dueAt = Date.parse(decision.payload.newDueAt);
      milestone.overdue = false;
      tracker.setData({ milestones: showMilestones() });
      await activities.rescheduleMilestone({ workflowId, milestoneId: milestone.id, dueAt: decision.payload.newDueAt });
    }
  };

  // P2.3b: the project lead reports on a cadence; a missing report is reminded, then management is alerted.
  const reportOnCadence = async (): Promise<void> => {
    let nextAt = Date.now() + timings.reportEveryMs;
    while (!delivered) {
      const wait = nextAt - Date.now();
      if (wait > 0) await sleep(wait);
      nextAt += timings.reportEveryMs;
      const task = await tasks.open({
        stepId: STEPS.reportProgress.id,
        title: `${input.title} · 第 ${reports + 1} 次`,
        form: progressReportForm(milestones.map((milestone) => milestone.name)),
        candidateRoles: [],
        candidateUsers: [lead],
        dueInMs: timings.reportDueMs,
        priority: 50,
        context: { milestones: showMilestones(), qualityRequirements: plan.qualityRequirements },
      });
      const report = await task.completionWithLadder({
          deadlineMs: timings.reportDueMs,
          remindEveryMs: timings.reportReminderMs,
          remind: async (reminder) => {
            await notify({ workflowId, dedupeKey: `${task.id}.reminder.${reminder}`, recipientRoles: [], recipientUsers: [lead], message: `Reminder ${reminder}: progress report due for ${input.title}` });
            await tracker.pass(STEPS.progressReminder.id, null, { reminder });
          },
          escalate: async () => {
            await alert(`${task.id}.overdue`, `Progress report missing: ${input.title}`);
            await tracker.pass(STEPS.progressReportOverdue.id, null, { lead });
          },
        });
      reports += 1;
      await activities.storeProgressReport({ workflowId, taskId: task.id, reportedBy: report.actor.userId, reportedAt: report.completedAt, ...report.payload });
      for (const milestone of milestones) if (report.payload.milestonesReached.includes(milestone.name)) milestone.reached = true;
      tracker.setData({ milestones: showMilestones(), lastReport: { percentComplete: report.payload.percentComplete, at: report.completedAt }, reports });
      if (report.payload.deliveryComplete) delivered = true;
    }
  };

  await Promise.all([reportOnCadence(), ...milestones.map(watchMilestone)]);

  // P2.3c: delivered, so acceptance starts as a child process.
  const acceptanceWorkflowId = projectAcceptanceProcess.workflowId(workflowId);
  await tracker.enter(STEPS.startAcceptance.id, null, { acceptanceWorkflowId });
  await activities.markDelivered({ workflowId, acceptanceWorkflowId, at: new Date().toISOString() });
  await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: acceptanceWorkflowId, relation: 'acceptance' });
  const acceptanceInput: ProjectAcceptanceInput = {
    deliveryWorkflowId: workflowId,
    contractId: input.contractId,
    projectId: input.projectId,
    vendorId: input.vendorId,
    title: input.title,
    system: plan.system,
    biometric: plan.biometric || plan.system === 'access-control',
    timings: timings.acceptance,
  };
  const acceptance = await startChild(projectAcceptance, { workflowId: acceptanceWorkflowId, args: [acceptanceInput] });
  tracker.setData({ acceptanceWorkflowId });
  const accepted = await acceptance.result();
  await tracker.complete(STEPS.startAcceptance.id, null, accepted);
  const outcome: ProjectDeliveryOutcome = {
    acceptanceWorkflowId,
    overdueMilestones: milestones.filter((milestone) => milestone.overdue).map((milestone) => milestone.name),
    reports,
    warrantyStartsAt: accepted.warrantyStartsAt,
  };
  tracker.setData({ outcome });
  await tracker.finish('completed', STEPS.deliveryClosed.id);
  await condition(allHandlersFinished);
  return outcome;
}
