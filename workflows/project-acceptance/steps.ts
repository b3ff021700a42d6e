/**
 * Project acceptance steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const PROJECT_ACCEPTANCE_STEPS = {
  acceptanceRequested: { id: 'acceptanceRequested', kind: 'startEvent', clause: 'P2.3c', title: 'Delivered: acceptance requested', label: { 'zh-CN': '申请验收', en: 'Delivered: acceptance requested' } },
  formTeam: { id: 'formTeam', kind: 'userTask', clause: 'P2.3c', title: 'Form the acceptance team', label: { 'zh-CN': '组建验收小组', en: 'Form the acceptance team' } },
  inspectDelivery: { id: 'inspectDelivery', kind: 'userTask', clause: 'P2.3c', title: 'Check function, performance, data security, after-sales', label: { 'zh-CN': '验收检查', en: 'Check function, performance, data security, after-sales' } },
  signAcceptance: { id: 'signAcceptance', kind: 'userTask', clause: 'P2.3c', title: 'Every member signs', label: { 'zh-CN': '验收签字', en: 'Every member signs' } },
  rectifyDefects: { id: 'rectifyDefects', kind: 'userTask', clause: 'P2.3c', title: 'Supplier rectifies by the deadline', label: { 'zh-CN': '供应商整改', en: 'Supplier rectifies by the deadline' } },
  rectificationReminder: { id: 'rectificationReminder', kind: 'boundaryEvent', clause: 'P2.3c', title: 'Remind the supplier', label: { 'zh-CN': '提醒供应商整改', en: 'Remind the supplier' } },
  rectificationOverdue: { id: 'rectificationOverdue', kind: 'boundaryEvent', clause: 'P2.3c', title: 'Supplier late: tech supervisor alerted', label: { 'zh-CN': '整改逾期', en: 'Supplier late: tech supervisor alerted' } },
  issueAcceptanceReport: { id: 'issueAcceptanceReport', kind: 'serviceTask', clause: 'P2.3c', title: 'Acceptance report (PDF)', label: { 'zh-CN': '出具验收报告', en: 'Acceptance report (PDF)' } },
  startWarranty: { id: 'startWarranty', kind: 'serviceTask', clause: 'P2.3c', title: 'Warranty period starts', label: { 'zh-CN': '质保期开始', en: 'Warranty period starts' } },
  settleWithSupplier: { id: 'settleWithSupplier', kind: 'userTask', clause: 'P2.3c', title: 'Finance settles with the supplier', label: { 'zh-CN': '财务结算', en: 'Finance settles with the supplier' } },
  acceptancePassed: { id: 'acceptancePassed', kind: 'endEvent', clause: 'P2.3c', title: 'Accepted and settled', label: { 'zh-CN': '验收通过并结算', en: 'Accepted and settled' } },
} as const;

export type ProjectAcceptanceStepId = keyof typeof PROJECT_ACCEPTANCE_STEPS;
