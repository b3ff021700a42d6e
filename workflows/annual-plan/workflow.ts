import { allHandlersFinished, condition, executeChild, ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { createGovernanceActivities } from '../../activities/governance';
import { zhOf } from '../../contracts/labels';
import { committeeFiling } from '../committee-filing/workflow';
import { committeeFilingProcess } from '../committee-filing/definition';
import type { CommitteeFilingOutcome } from '../committee-filing/messages';
import type { z } from 'zod';
import { activityOptions, linkProcesses } from '../lib/activities';
import { HumanTasks, type TaskCompletion } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import { ownersVoteProcess } from '../owners-vote/definition';
import type { OwnersVoteOutcome } from '../owners-vote/messages';
import { ownersVote } from '../owners-vote/workflow';
import type { Art278Item } from '../owners-vote/tally';
import {
  approvalForm,
  budgetForm,
  contributionForm,
  planForm,
  type AnnualPlanInput,
  type AnnualPlanOutcome,
  type BudgetForm,
  type PlanForm,
  type ProcurementStart,
} from './messages';
import { DEPARTMENT_LABELS } from './definition';
import { ANNUAL_PLAN_STEPS as STEPS } from './steps';

const { findLastAnnualEvaluation, recordApprovedPlan, recordEffectivePlan, recordProcurementStarted } = proxyActivities<
  ReturnType<typeof createGovernanceActivities>
>(activityOptions());

const budgetTotal = (budget: BudgetForm) => budget.lineItems.reduce((sum, item) => sum + Math.round(item.amountYuan * 100), 0) / 100;

/**
 * The annual plan, P2.1a–c with P7.2b: departments contribute → technology drafts the plan → finance
 * the budget → management approves or returns (loop) → filed with the owners' committee (child) →
 * owners' vote per major project (children) → the plan takes effect → its projects start procurement.
 */
export async function annualPlan(input: AnnualPlanInput): Promise<AnnualPlanOutcome> {
  const year = input.year ?? new Date().getUTCFullYear() + 1;
  const { timings } = input;
  const workflowId = workflowInfo().workflowId;
  const tracker = new ProcessTracker({ process: 'annual-plan', title: `${year} 年度计划 Annual plan ${year}`, startedBy: null }, { year });
  const tasks = new HumanTasks('annual-plan', tracker);
  await tracker.pass(STEPS.planCycleStarted.id, null, { year });

  await tracker.enter(STEPS.attachAnnualEvaluation.id);
  const evaluation = await findLastAnnualEvaluation({ beforeYear: year });
  tracker.setData({ evaluation });
  await tracker.complete(STEPS.attachAnnualEvaluation.id, null, { evaluationWorkflowId: evaluation?.workflowId ?? null });

  const contributions = await Promise.all(
    input.departments.map(async ({ department, role }) => {
      const contribution = await tasks.run({
        stepId: STEPS.contributeToPlan.id,
        title: `${year} 年度计划需求：${zhOf(DEPARTMENT_LABELS, department)}`,
        form: contributionForm,
        candidateRoles: [role],
        dueInMs: timings.contributionDueMs,
        priority: 40,
        context: { year, department },
      });
      return { department, by: contribution.actor.displayName, ...contribution.payload };
    }),
  );
  tracker.setData({ contributions });

  let returned: { by: string; comments: string } | null = null;
  let plan: PlanForm | undefined;
  let budget: BudgetForm | undefined;
  let filing: Extract<CommitteeFilingOutcome, { status: 'acknowledged' }> | undefined;
  for (let attempt = 1; !filing; attempt += 1) {
    const draft: TaskCompletion<PlanForm> = await tasks.run({
      stepId: STEPS.draftPlan.id,
      title: `${year} 年度计划`,
      form: planForm,
      candidateRoles: ['tech-supervisor', 'technician'],
      dueInMs: timings.draftDueMs,
      priority: 50,
      context: { year, contributions, evaluation, returned, previous: plan ?? null },
      prefill: plan,
    });
    const currentPlan = draft.payload;
    plan = currentPlan;
    tracker.setData({ plan: currentPlan });

    const budgetDraft: TaskCompletion<BudgetForm> = await tasks.run({
      stepId: STEPS.draftBudget.id,
      title: `${year} 年度预算`,
      form: budgetForm,
      candidateRoles: ['finance'],
      dueInMs: timings.budgetDueMs,
      priority: 50,
      context: { year, plan: currentPlan, returned, previous: budget ?? null },
      prefill: budget,
    });
    const currentBudget = budgetDraft.payload;
    budget = currentBudget;
    tracker.setData({ budget: currentBudget, budgetTotalYuan: budgetTotal(currentBudget) });

    const approval: TaskCompletion<z.output<typeof approvalForm>> = await tasks.run({
      stepId: STEPS.approvePlan.id,
      title: `${year} 年度计划与预算`,
      form: approvalForm,
      candidateRoles: ['management'],
      dueInMs: timings.approvalDueMs,
      priority: 60,
      context: { year, plan: currentPlan, budget: currentBudget, budgetTotalYuan: budgetTotal(currentBudget), evaluation },
    });
    if (approval.payload.decision === 'returned') {
      returned = { by: approval.actor.displayName, comments: approval.payload.comments ?? '' };
      tracker.setData({ returned });
      continue;
    }

    await tracker.enter(STEPS.recordApprovedPlan.id);
    await recordApprovedPlan({
      workflowId,
      year,
      plan: currentPlan,
      budget: currentBudget,
      evaluationWorkflowId: evaluation?.workflowId ?? null,
      approvedBy: approval.actor.displayName,
      approvedAt: approval.completedAt,
    });
    await tracker.complete(STEPS.recordApprovedPlan.id, approval.actor.displayName);

    await tracker.enter(STEPS.fileWithCommittee.id);
    const filingWorkflowId = committeeFilingProcess.workflowId(workflowId, attempt);
    await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: filingWorkflowId, relation: 'filing' });
    const filed: CommitteeFilingOutcome = await executeChild(committeeFiling, {
      workflowId: filingWorkflowId,
      args: [
        {
          planWorkflowId: workflowId,
          title: `${year} 年度计划与预算备案`,
          filingPackage: {
            year,
            plan: currentPlan,
            budget: currentBudget,
            approvedBy: approval.actor.displayName,
            approvedAt: approval.completedAt,
            evaluationWorkflowId: evaluation?.workflowId ?? null,
          },
          timings: timings.filing,
        },
      ],
    });
    if (filed.status === 'returned') {
      // An incomplete package goes back to technology with the committee's comment.
      returned = { by: filed.returnedBy, comments: filed.comment };
      tracker.setData({ returned });
      await tracker.fail(STEPS.fileWithCommittee.id, { returned: filed.comment });
      continue;
    }
    filing = filed;
    tracker.setData({ receiptNumber: filed.receiptNumber });
    await tracker.complete(STEPS.fileWithCommittee.id, filed.acknowledgedBy, { receiptNumber: filed.receiptNumber });
  }
  const approvedPlan = plan!;

  const projects = approvedPlan.projects.map((project, index) => ({ ...project, projectId: `${workflowId}.p${index + 1}` }));
  const majors = projects.filter((project) => project.major);
  await tracker.enter(STEPS.holdOwnersVotes.id, null, { votes: majors.length });
  const votes = await Promise.all(
    majors.map(async (project): Promise<[string, OwnersVoteOutcome]> => {
      const voteWorkflowId = ownersVoteProcess.workflowId(project.projectId);
      await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: voteWorkflowId, relation: 'vote' });
      const outcome = await executeChild(ownersVote, {
        workflowId: voteWorkflowId,
        args: [
          {
            voteId: project.projectId,
            title: project.title,
            description: `${year} 年度计划重大项目 Major project of the ${year} plan: ${project.title} (${project.schedule}), estimate ${project.estimateYuan} yuan`,
            item: project.art278Item as Art278Item,
            requestedBy: { userId: null, displayName: `Annual plan ${year}` },
            origin: { planWorkflowId: workflowId, projectId: project.projectId },
            timings: timings.vote,
          },
        ],
      });
      return [project.projectId, outcome];
    }),
  );
  const voteOutcomes = new Map(votes);
  await tracker.complete(STEPS.holdOwnersVotes.id, null, Object.fromEntries([...voteOutcomes].map(([id, vote]) => [id, vote.outcome])));

  await tracker.enter(STEPS.recordEffectivePlan.id);
  const decided = projects.map((project) => {
    const vote = voteOutcomes.get(project.projectId);
    return {
      projectId: project.projectId,
      title: project.title,
      priority: project.priority,
      estimateYuan: project.estimateYuan,
      system: project.system ?? null,
      major: project.major,
      art278Item: project.art278Item ?? null,
      voteWorkflowId: vote ? ownersVoteProcess.workflowId(project.projectId) : null,
      voteOutcome: vote?.outcome ?? null,
      status: !vote || vote.outcome === 'passed' ? ('ready-for-procurement' as const) : ('rejected-by-owners' as const),
    };
  });
  await recordEffectivePlan({ workflowId, projects: decided });
  tracker.setData({ projects: decided.map(({ projectId, title, status, voteOutcome }) => ({ projectId, title, status, voteOutcome })) });
  await tracker.complete(STEPS.recordEffectivePlan.id);

  await tracker.enter(STEPS.startProcurement.id);
  const procurementType = input.procurementWorkflowType;
  for (const project of decided.filter((p) => p.status === 'ready-for-procurement')) {
    if (!procurementType) continue;
    const procurementWorkflowId = `procurement-${project.projectId}`;
    const start: ProcurementStart = {
      projectId: project.projectId,
      planWorkflowId: workflowId,
      title: project.title,
      // Procurement prices in whole yuan; rounding up keeps the estimate a ceiling.
      estimate: Math.ceil(project.estimateYuan),
      ...(project.system ? { system: project.system } : {}),
    };
    // Started by type name: procurement is another process's code, and it outlives the plan.
    await startChild(procurementType, { workflowId: procurementWorkflowId, args: [start], parentClosePolicy: ParentClosePolicy.ABANDON });
    await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: procurementWorkflowId, relation: 'procurement' });
    await recordProcurementStarted({ projectId: project.projectId, procurementWorkflowId });
  }
  await tracker.complete(STEPS.startProcurement.id);

  const outcome: AnnualPlanOutcome = {
    year,
    receiptNumber: filing!.receiptNumber,
    projects: decided.map(({ projectId, title, status, voteOutcome }) => ({ projectId, title, status, voteOutcome })),
  };
  await tracker.finish('completed', STEPS.planInEffect.id);
  await condition(allHandlersFinished);
  return outcome;
}
