import { allHandlersFinished, condition, ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import { titleReference } from '../../contracts/labels';
import type { createProjectAcceptanceActivities } from '../../activities/project-acceptance';
import type { createSupplierEvaluationActivities } from '../../activities/supplier-evaluation';
import { activityOptions, linkProcesses, notify } from '../lib/activities';
import { HumanTasks } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import {
  combinedScore,
  evaluationForm,
  penaltyForm,
  rectificationNoticeForm,
  serviceComponents,
  terminationDecisionForm,
  type EvaluationForm,
  type QuarterlyEvaluationInput,
  type SupplierEvaluationInput,
  type SupplierEvaluationOutcome,
} from './messages';
import { SUPPLIER_EVALUATION_STEPS as STEPS } from './steps';

const activities = proxyActivities<ReturnType<typeof createSupplierEvaluationActivities> & Pick<ReturnType<typeof createProjectAcceptanceActivities>, 'vendorStaff'>>(
  activityOptions(),
);

const TECHNOLOGY_ROLES = ['technician', 'tech-supervisor'];
/** The departments that use the systems day to day. */
const USER_ROLES = ['monitoring-operator', 'guard', 'management'];

const departmentScore = (form: EvaluationForm) => Math.round((form.serviceQuality + form.productPerformance) / 2);

/**
 * Supplier evaluation, P2.2c: SLA record and ratings + technology and user departments → score;
 * poor → rectification → re-evaluation → still poor → penalty → termination with management approval.
 */
export async function supplierEvaluation(input: SupplierEvaluationInput): Promise<SupplierEvaluationOutcome> {
  const { workflowId } = workflowInfo();
  const { timings, policy, vendorId } = input;
  const tracker = new ProcessTracker(
    { process: 'supplier-evaluation', title: `Supplier evaluation: ${vendorId} (${input.trigger})`, startedBy: input.requestedBy },
    { vendorId, trigger: input.trigger, periodFrom: input.periodFrom, periodTo: input.periodTo, poorBelow: policy.poorBelow },
  );
  const tasks = new HumanTasks('supplier-evaluation', tracker);
  // Task titles name the supplier; the worklist shows which step each one is.
  const supplier = titleReference('supplier', vendorId);
  await tracker.pass(STEPS.evaluationStarted.id, null, { trigger: input.trigger });
  // The deliveries this supplier made are one click away from its evaluation.
  for (const delivery of await activities.listVendorDeliveries({ vendorId })) {
    await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: delivery, relation: 'delivery' });
  }

  const scores: number[] = [];
  const evaluate = async (round: number) => {
    await tracker.enter(STEPS.scoreServiceRecord.id);
    const record = await activities.scoreServiceRecord({ vendorId, periodFrom: input.periodFrom, periodTo: input.periodTo });
    const { sla, rating } = serviceComponents(record);
    await tracker.complete(STEPS.scoreServiceRecord.id, null, { ...record, sla, rating });
    const context = { vendorId, round, periodFrom: input.periodFrom, periodTo: input.periodTo, serviceRecord: record, slaScore: sla, ratingScore: rating };
    const department = (stepId: string, candidateRoles: string[]) =>
      tasks.run({ stepId, title: `${supplier}${round > 1 ? '（复评）' : ''}`, form: evaluationForm, candidateRoles, dueInMs: timings.evaluationDueMs, priority: 50, context });
    const [technology, user] = await Promise.all([
      department(STEPS.evaluateByTechnology.id, TECHNOLOGY_ROLES),
      department(STEPS.evaluateByUsers.id, USER_ROLES),
    ]);
    const technologyScore = departmentScore(technology.payload);
    const userScore = departmentScore(user.payload);
    const score = combinedScore({ technology: technologyScore, user: userScore, sla, rating }, policy.weights);
    const poor = score < policy.poorBelow;
    await tracker.enter(STEPS.recordScore.id);
    await activities.recordEvaluation({
      workflowId,
      round,
      vendorId,
      trigger: input.trigger,
      technologyScore,
      userScore,
      slaScore: sla,
      ratingScore: rating,
      repairsOnTime: record.repairsOnTime,
      repairsLate: record.repairsLate,
      ratings: record.ratings,
      score,
      poor,
      evaluatedAt: new Date().toISOString(),
    });
    await tracker.complete(STEPS.recordScore.id, null, { score, poor });
    scores.push(score);
    tracker.setData({ scores, poor });
    return poor;
  };

  const finish = async (result: SupplierEvaluationOutcome['result']) => {
    const outcome: SupplierEvaluationOutcome = { result, scores };
    tracker.setData({ outcome });
    await tracker.finish('completed', STEPS.evaluationClosed.id, null, { result });
    await condition(allHandlersFinished);
    return outcome;
  };

  if (!(await evaluate(1))) return finish('good');

  // Poor: a rectification notice with a deadline, on the supplier's worklist.
  const staff = await activities.vendorStaff({ vendorId });
  const deadline = new Date(Date.now() + timings.rectificationDueMs).toISOString();
  await notify({ workflowId, dedupeKey: `${workflowId}.rectification`, recipientRoles: staff.length ? [] : ['procurement'], recipientUsers: staff, message: `Rectification notice: score ${scores[0]} is below ${policy.poorBelow}; rectify by ${deadline}` });
  const notice = await tasks.open({
    stepId: STEPS.rectifyService.id,
    title: supplier,
    form: rectificationNoticeForm,
    candidateRoles: staff.length ? [] : ['procurement'],
    candidateUsers: staff,
    dueInMs: timings.rectificationDueMs,
    priority: 60,
    context: { vendorId, score: scores[0], poorBelow: policy.poorBelow, deadline },
  });
  const rectified = await notice.completionWithLadder({
    deadlineMs: timings.rectificationDueMs,
    remindEveryMs: timings.rectificationReminderMs,
    remind: async (reminder) => {
      await notify({ workflowId, dedupeKey: `${notice.id}.reminder.${reminder}`, recipientRoles: [], recipientUsers: staff, message: `Reminder ${reminder}: rectification due by ${deadline}` });
      await tracker.pass(STEPS.rectificationReminder.id, null, { reminder });
    },
    escalate: async () => {
      await notice.addCandidates({ roles: ['procurement'] });
      await notify({ workflowId, dedupeKey: `${notice.id}.overdue`, recipientRoles: ['procurement'], recipientUsers: [], message: `${vendorId} is late with its rectification` });
      await tracker.pass(STEPS.rectificationOverdue.id, null, { deadline });
    },
  });
  tracker.setData({ rectification: rectified.payload.measures });

  if (!(await evaluate(2))) return finish('improved');

  // Still poor after rectification: the contractual penalty, then management decides on termination.
  const penalty = await tasks.run({
    stepId: STEPS.imposePenalty.id,
    title: supplier,
    form: penaltyForm,
    candidateRoles: ['procurement', 'management'],
    dueInMs: timings.penaltyDueMs,
    priority: 60,
    context: { vendorId, scores, poorBelow: policy.poorBelow },
  });
  await activities.recordPenalty({ workflowId, vendorId, ...penalty.payload, imposedBy: penalty.actor.userId, imposedAt: penalty.completedAt });
  tracker.setData({ penalty: penalty.payload });

  const decision = await tasks.run({
    stepId: STEPS.approveTermination.id,
    title: supplier,
    form: terminationDecisionForm,
    candidateRoles: ['management'],
    dueInMs: timings.terminationDecisionDueMs,
    priority: 70,
    context: { vendorId, scores, penalty: penalty.payload },
  });
  tracker.setData({ termination: { approved: decision.payload.approved, by: decision.actor.displayName, comment: decision.payload.comment ?? null } });
  if (!decision.payload.approved) return finish('retained');

  await tracker.enter(STEPS.terminateContract.id);
  await activities.terminateVendor({ workflowId, vendorId, approvedBy: decision.actor.userId, reason: `scores ${scores.join(', ')} below ${policy.poorBelow}`, at: decision.completedAt });
  await tracker.complete(STEPS.terminateContract.id, decision.actor.displayName);
  return finish('terminated');
}

/** The quarterly round a Schedule starts: one evaluation per contracted vendor, each its own process. */
export async function quarterlySupplierEvaluation(input: QuarterlyEvaluationInput): Promise<string[]> {
  const { workflowId } = workflowInfo();
  const periodTo = new Date();
  const periodFrom = new Date(periodTo.getTime() - input.periodMs);
  const started: string[] = [];
  for (const vendorId of await activities.listContractedVendors()) {
    const childId = `supplier-evaluation-${vendorId}-${workflowId}`;
    await startChild(supplierEvaluation, {
      workflowId: childId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ vendorId, trigger: 'quarterly', periodFrom: periodFrom.toISOString(), periodTo: periodTo.toISOString(), requestedBy: null, timings: input.timings, policy: input.policy }],
    });
    started.push(childId);
  }
  return started;
}
