/**
 * Annual plan steps (P2.1a–c, P7.2b). Each id is the BPMN element id in diagram.bpmn; each carries
 * its policy clause.
 */
export const ANNUAL_PLAN_STEPS = {
  planCycleStarted: { id: 'planCycleStarted', kind: 'startEvent', clause: 'P2.1a', title: 'Year end: plan cycle starts', label: { 'zh-CN': '年度计划周期开始', en: 'Year end: plan cycle starts' } },
  attachAnnualEvaluation: { id: 'attachAnnualEvaluation', kind: 'serviceTask', clause: 'P7.2b', title: 'Attach the last annual evaluation', label: { 'zh-CN': '附上年度评价', en: 'Attach the last annual evaluation' } },
  contributeToPlan: { id: 'contributeToPlan', kind: 'userTask', clause: 'P2.1a', title: 'Business departments contribute (parallel)', label: { 'zh-CN': '部门提出需求', en: 'Business departments contribute (parallel)' } },
  draftPlan: { id: 'draftPlan', kind: 'userTask', clause: 'P2.1a', title: 'Technology drafts goals, projects, schedule', label: { 'zh-CN': '起草年度计划', en: 'Technology drafts goals, projects, schedule' } },
  draftBudget: { id: 'draftBudget', kind: 'userTask', clause: 'P2.1b', title: 'Finance drafts the budget at market prices', label: { 'zh-CN': '编制年度预算', en: 'Finance drafts the budget at market prices' } },
  approvePlan: { id: 'approvePlan', kind: 'userTask', clause: 'P2.1c', title: 'Management approves or returns with comments', label: { 'zh-CN': '审批年度计划', en: 'Management approves or returns with comments' } },
  recordApprovedPlan: { id: 'recordApprovedPlan', kind: 'serviceTask', clause: 'P2.1c', title: 'Record the approved plan and budget', label: { 'zh-CN': '存档批准的计划与预算', en: 'Record the approved plan and budget' } },
  fileWithCommittee: { id: 'fileWithCommittee', kind: 'serviceTask', clause: 'P2.1c', title: "File with the owners' committee", label: { 'zh-CN': '报业委会备案', en: "File with the owners' committee" } },
  holdOwnersVotes: { id: 'holdOwnersVotes', kind: 'serviceTask', clause: 'P2.1c', title: "Owners' vote on every major project", label: { 'zh-CN': '重大项目业主表决', en: "Owners' vote on every major project" } },
  recordEffectivePlan: { id: 'recordEffectivePlan', kind: 'serviceTask', clause: 'P2.1c', title: 'Plan takes effect', label: { 'zh-CN': '计划生效', en: 'Plan takes effect' } },
  startProcurement: { id: 'startProcurement', kind: 'serviceTask', clause: 'P2.2b', title: 'Projects start procurement', label: { 'zh-CN': '项目进入采购', en: 'Projects start procurement' } },
  planInEffect: { id: 'planInEffect', kind: 'endEvent', clause: 'P2.1c', title: 'Plan in effect', label: { 'zh-CN': '计划已生效', en: 'Plan in effect' } },
} as const;

export type AnnualPlanStepId = keyof typeof ANNUAL_PLAN_STEPS;
