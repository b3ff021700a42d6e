/**
 * Training cycle steps (P6.1a–P6.3a, P5.3a). Each id is the BPMN element id in diagram.bpmn; each carries its
 * policy clause.
 */
export const TRAINING_CYCLE_STEPS = {
  cycleStarted: { id: 'cycleStarted', kind: 'startEvent', clause: 'P6.1a', title: 'Year start: training cycle starts', label: { 'zh-CN': '年度培训周期开始', en: 'Year start: training cycle starts' } },
  gatherEvidence: { id: 'gatherEvidence', kind: 'serviceTask', clause: 'P6.1a', title: 'Gather the evidence: repairs, overdue tasks, assessments, certificates', label: { 'zh-CN': '汇总维修返工、逾期任务、考核与证书情况', en: 'Gather the evidence: repairs, overdue tasks, assessments, certificates' } },
  analyseNeeds: { id: 'analyseNeeds', kind: 'userTask', clause: 'P6.1a', title: 'HR assesses skills and training needs', label: { 'zh-CN': '培训需求分析（技能矩阵）', en: 'HR assesses skills and training needs' } },
  draftTrainingPlan: { id: 'draftTrainingPlan', kind: 'userTask', clause: 'P6.1b', title: 'HR drafts the annual training plan', label: { 'zh-CN': '编制年度培训计划', en: 'HR drafts the annual training plan' } },
  approveTrainingPlan: { id: 'approveTrainingPlan', kind: 'userTask', clause: 'P6.1b', title: 'Management approves or returns the plan', label: { 'zh-CN': '审批年度培训计划', en: 'Management approves or returns the plan' } },
  recordTrainingPlan: { id: 'recordTrainingPlan', kind: 'serviceTask', clause: 'P6.1b', title: 'Record the approved plan', label: { 'zh-CN': '存档批准的培训计划', en: 'Record the approved plan' } },
  recordSession: { id: 'recordSession', kind: 'userTask', clause: 'P6.2a', title: 'Record the session: attendance, certificates', label: { 'zh-CN': '登记培训出勤与证书', en: 'Record the session: attendance, certificates' } },
  takeExam: { id: 'takeExam', kind: 'userTask', clause: 'P6.3a', title: 'Theory exam (auto-marked)', label: { 'zh-CN': '理论考试（自动评分）', en: 'Theory exam (auto-marked)' } },
  scorePractical: { id: 'scorePractical', kind: 'userTask', clause: 'P6.3a', title: 'Assessor scores the practical test', label: { 'zh-CN': '实操考核评分', en: 'Assessor scores the practical test' } },
  recordResults: { id: 'recordResults', kind: 'serviceTask', clause: 'P6.3a', title: "Results into each person's training file", label: { 'zh-CN': '成绩记入个人培训档案', en: "Results into each person's training file" } },
  cycleDone: { id: 'cycleDone', kind: 'endEvent', clause: 'P6.3a', title: 'Training cycle done', label: { 'zh-CN': '年度培训完成', en: 'Training cycle done' } },
} as const;

export type TrainingCycleStepId = keyof typeof TRAINING_CYCLE_STEPS;
