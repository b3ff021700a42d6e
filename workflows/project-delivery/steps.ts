/**
 * Project delivery steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const PROJECT_DELIVERY_STEPS = {
  deliveryStarted: { id: 'deliveryStarted', kind: 'startEvent', clause: 'P2.3a', title: 'Contract signed: delivery starts', label: { 'zh-CN': '合同签订，开始交付', en: 'Contract signed: delivery starts' } },
  planImplementation: { id: 'planImplementation', kind: 'userTask', clause: 'P2.3a', title: 'Implementation plan', label: { 'zh-CN': '编制实施计划', en: 'Implementation plan' } },
  storePlan: { id: 'storePlan', kind: 'serviceTask', clause: 'P2.3a', title: 'Record the plan and milestones', label: { 'zh-CN': '存档计划与里程碑', en: 'Record the plan and milestones' } },
  reportProgress: { id: 'reportProgress', kind: 'userTask', clause: 'P2.3b', title: 'Progress report by the project lead', label: { 'zh-CN': '进度报告', en: 'Progress report by the project lead' } },
  progressReminder: { id: 'progressReminder', kind: 'boundaryEvent', clause: 'P2.3b', title: 'Remind the project lead', label: { 'zh-CN': '提醒项目负责人', en: 'Remind the project lead' } },
  progressReportOverdue: { id: 'progressReportOverdue', kind: 'boundaryEvent', clause: 'P2.3b', title: 'Report missing: management alerted', label: { 'zh-CN': '进度报告逾期', en: 'Report missing: management alerted' } },
  milestoneOverdue: { id: 'milestoneOverdue', kind: 'intermediateCatchEvent', clause: 'P2.3b', title: 'Milestone overdue: management alerted', label: { 'zh-CN': '里程碑逾期', en: 'Milestone overdue: management alerted' } },
  reviewOverdueMilestone: { id: 'reviewOverdueMilestone', kind: 'userTask', clause: 'P2.3b', title: 'Management reviews the overdue milestone', label: { 'zh-CN': '管理层审查逾期里程碑', en: 'Management reviews the overdue milestone' } },
  startAcceptance: { id: 'startAcceptance', kind: 'serviceTask', clause: 'P2.3c', title: 'Delivered: start project acceptance (child process)', label: { 'zh-CN': '交付完成，启动验收', en: 'Delivered: start project acceptance (child process)' } },
  deliveryClosed: { id: 'deliveryClosed', kind: 'endEvent', clause: 'P2.3c', title: 'Accepted: warranty running', label: { 'zh-CN': '已验收，质保期中', en: 'Accepted: warranty running' } },
} as const;

export type ProjectDeliveryStepId = keyof typeof PROJECT_DELIVERY_STEPS;
