/**
 * Annual plan steps (P2.1a–c, P7.2b). Each id is the BPMN element id in diagram.bpmn; each carries
 * its policy clause.
 */
export const ANNUAL_PLAN_STEPS = {
  planCycleStarted: { id: 'planCycleStarted', kind: 'startEvent', clause: 'P2.1a', title: 'Year end: plan cycle starts' },
  attachAnnualEvaluation: { id: 'attachAnnualEvaluation', kind: 'serviceTask', clause: 'P7.2b', title: 'Attach the last annual evaluation' },
  contributeToPlan: { id: 'contributeToPlan', kind: 'userTask', clause: 'P2.1a', title: 'Business departments contribute (parallel)' },
  draftPlan: { id: 'draftPlan', kind: 'userTask', clause: 'P2.1a', title: 'Technology drafts goals, projects, schedule' },
  draftBudget: { id: 'draftBudget', kind: 'userTask', clause: 'P2.1b', title: 'Finance drafts the budget at market prices' },
  approvePlan: { id: 'approvePlan', kind: 'userTask', clause: 'P2.1c', title: 'Management approves or returns with comments' },
  recordApprovedPlan: { id: 'recordApprovedPlan', kind: 'serviceTask', clause: 'P2.1c', title: 'Record the approved plan and budget' },
  fileWithCommittee: { id: 'fileWithCommittee', kind: 'serviceTask', clause: 'P2.1c', title: "File with the owners' committee" },
  holdOwnersVotes: { id: 'holdOwnersVotes', kind: 'serviceTask', clause: 'P2.1c', title: "Owners' vote on every major project" },
  recordEffectivePlan: { id: 'recordEffectivePlan', kind: 'serviceTask', clause: 'P2.1c', title: 'Plan takes effect' },
  startProcurement: { id: 'startProcurement', kind: 'serviceTask', clause: 'P2.2b', title: 'Projects start procurement' },
  planInEffect: { id: 'planInEffect', kind: 'endEvent', clause: 'P2.1c', title: 'Plan in effect' },
} as const;

export type AnnualPlanStepId = keyof typeof ANNUAL_PLAN_STEPS;
