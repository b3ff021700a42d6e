/**
 * Supplier evaluation steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const SUPPLIER_EVALUATION_STEPS = {
  evaluationStarted: { id: 'evaluationStarted', kind: 'startEvent', clause: 'P2.2c', title: 'Quarterly or on-demand evaluation', label: { 'zh-CN': '开始评价', en: 'Quarterly or on-demand evaluation' } },
  scoreServiceRecord: { id: 'scoreServiceRecord', kind: 'serviceTask', clause: 'P2.2c', title: 'Score the repair SLA record and owners’ ratings', label: { 'zh-CN': '维修时效与业主评分', en: 'Score the repair SLA record and owners’ ratings' } },
  evaluateByTechnology: { id: 'evaluateByTechnology', kind: 'userTask', clause: 'P2.2c', title: 'Technology department evaluates', label: { 'zh-CN': '技术部门评价', en: 'Technology department evaluates' } },
  evaluateByUsers: { id: 'evaluateByUsers', kind: 'userTask', clause: 'P2.2c', title: 'User departments evaluate', label: { 'zh-CN': '使用部门评价', en: 'User departments evaluate' } },
  recordScore: { id: 'recordScore', kind: 'serviceTask', clause: 'P2.2c', title: 'Record the score', label: { 'zh-CN': '记录评分', en: 'Record the score' } },
  rectifyService: { id: 'rectifyService', kind: 'userTask', clause: 'P2.2c', title: 'Rectification notice: supplier rectifies by the deadline', label: { 'zh-CN': '整改通知', en: 'Rectification notice: supplier rectifies by the deadline' } },
  rectificationReminder: { id: 'rectificationReminder', kind: 'boundaryEvent', clause: 'P2.2c', title: 'Remind the supplier', label: { 'zh-CN': '提醒供应商整改', en: 'Remind the supplier' } },
  rectificationOverdue: { id: 'rectificationOverdue', kind: 'boundaryEvent', clause: 'P2.2c', title: 'Supplier late: procurement alerted', label: { 'zh-CN': '整改逾期', en: 'Supplier late: procurement alerted' } },
  imposePenalty: { id: 'imposePenalty', kind: 'userTask', clause: 'P2.2c', title: 'Contractual penalty', label: { 'zh-CN': '合同违约金', en: 'Contractual penalty' } },
  approveTermination: { id: 'approveTermination', kind: 'userTask', clause: 'P2.2c', title: 'Management decides on termination', label: { 'zh-CN': '管理层决定是否解除合同', en: 'Management decides on termination' } },
  terminateContract: { id: 'terminateContract', kind: 'serviceTask', clause: 'P2.2c', title: 'Terminate: contract inactive, registry updated', label: { 'zh-CN': '解除合同', en: 'Terminate: contract inactive, registry updated' } },
  evaluationClosed: { id: 'evaluationClosed', kind: 'endEvent', clause: 'P2.2c', title: 'Evaluation closed', label: { 'zh-CN': '评价结束', en: 'Evaluation closed' } },
} as const;

export type SupplierEvaluationStepId = keyof typeof SUPPLIER_EVALUATION_STEPS;
