/**
 * Project delivery steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const PROJECT_DELIVERY_STEPS = {
  deliveryStarted: { id: 'deliveryStarted', kind: 'startEvent', clause: 'P2.3a', title: 'Contract signed: delivery starts' },
  planImplementation: { id: 'planImplementation', kind: 'userTask', clause: 'P2.3a', title: 'Implementation plan' },
  storePlan: { id: 'storePlan', kind: 'serviceTask', clause: 'P2.3a', title: 'Record the plan and milestones' },
  reportProgress: { id: 'reportProgress', kind: 'userTask', clause: 'P2.3b', title: 'Progress report by the project lead' },
  progressReminder: { id: 'progressReminder', kind: 'boundaryEvent', clause: 'P2.3b', title: 'Remind the project lead' },
  progressReportOverdue: { id: 'progressReportOverdue', kind: 'boundaryEvent', clause: 'P2.3b', title: 'Report missing: management alerted' },
  milestoneOverdue: { id: 'milestoneOverdue', kind: 'intermediateCatchEvent', clause: 'P2.3b', title: 'Milestone overdue: management alerted' },
  reviewOverdueMilestone: { id: 'reviewOverdueMilestone', kind: 'userTask', clause: 'P2.3b', title: 'Management reviews the overdue milestone' },
  startAcceptance: { id: 'startAcceptance', kind: 'serviceTask', clause: 'P2.3c', title: 'Delivered: start project acceptance (child process)' },
  deliveryClosed: { id: 'deliveryClosed', kind: 'endEvent', clause: 'P2.3c', title: 'Accepted: warranty running' },
} as const;

export type ProjectDeliveryStepId = keyof typeof PROJECT_DELIVERY_STEPS;
