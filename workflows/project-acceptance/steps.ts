/**
 * Project acceptance steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const PROJECT_ACCEPTANCE_STEPS = {
  acceptanceRequested: { id: 'acceptanceRequested', kind: 'startEvent', clause: 'P2.3c', title: 'Delivered: acceptance requested' },
  formTeam: { id: 'formTeam', kind: 'userTask', clause: 'P2.3c', title: 'Form the acceptance team' },
  inspectDelivery: { id: 'inspectDelivery', kind: 'userTask', clause: 'P2.3c', title: 'Check function, performance, data security, after-sales' },
  signAcceptance: { id: 'signAcceptance', kind: 'userTask', clause: 'P2.3c', title: 'Every member signs' },
  rectifyDefects: { id: 'rectifyDefects', kind: 'userTask', clause: 'P2.3c', title: 'Supplier rectifies by the deadline' },
  rectificationReminder: { id: 'rectificationReminder', kind: 'boundaryEvent', clause: 'P2.3c', title: 'Remind the supplier' },
  rectificationOverdue: { id: 'rectificationOverdue', kind: 'boundaryEvent', clause: 'P2.3c', title: 'Supplier late: tech supervisor alerted' },
  issueAcceptanceReport: { id: 'issueAcceptanceReport', kind: 'serviceTask', clause: 'P2.3c', title: 'Acceptance report (PDF)' },
  startWarranty: { id: 'startWarranty', kind: 'serviceTask', clause: 'P2.3c', title: 'Warranty period starts' },
  settleWithSupplier: { id: 'settleWithSupplier', kind: 'userTask', clause: 'P2.3c', title: 'Finance settles with the supplier' },
  acceptancePassed: { id: 'acceptancePassed', kind: 'endEvent', clause: 'P2.3c', title: 'Accepted and settled' },
} as const;

export type ProjectAcceptanceStepId = keyof typeof PROJECT_ACCEPTANCE_STEPS;
