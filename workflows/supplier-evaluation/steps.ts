/**
 * Supplier evaluation steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const SUPPLIER_EVALUATION_STEPS = {
  evaluationStarted: { id: 'evaluationStarted', kind: 'startEvent', clause: 'P2.2c', title: 'Quarterly or on-demand evaluation' },
  scoreServiceRecord: { id: 'scoreServiceRecord', kind: 'serviceTask', clause: 'P2.2c', title: 'Score the repair SLA record and owners’ ratings' },
  evaluateByTechnology: { id: 'evaluateByTechnology', kind: 'userTask', clause: 'P2.2c', title: 'Technology department evaluates' },
  evaluateByUsers: { id: 'evaluateByUsers', kind: 'userTask', clause: 'P2.2c', title: 'User departments evaluate' },
  recordScore: { id: 'recordScore', kind: 'serviceTask', clause: 'P2.2c', title: 'Record the score' },
  rectifyService: { id: 'rectifyService', kind: 'userTask', clause: 'P2.2c', title: 'Rectification notice: supplier rectifies by the deadline' },
  rectificationReminder: { id: 'rectificationReminder', kind: 'boundaryEvent', clause: 'P2.2c', title: 'Remind the supplier' },
  rectificationOverdue: { id: 'rectificationOverdue', kind: 'boundaryEvent', clause: 'P2.2c', title: 'Supplier late: procurement alerted' },
  imposePenalty: { id: 'imposePenalty', kind: 'userTask', clause: 'P2.2c', title: 'Contractual penalty' },
  approveTermination: { id: 'approveTermination', kind: 'userTask', clause: 'P2.2c', title: 'Management decides on termination' },
  terminateContract: { id: 'terminateContract', kind: 'serviceTask', clause: 'P2.2c', title: 'Terminate: contract inactive, registry updated' },
  evaluationClosed: { id: 'evaluationClosed', kind: 'endEvent', clause: 'P2.2c', title: 'Evaluation closed' },
} as const;

export type SupplierEvaluationStepId = keyof typeof SUPPLIER_EVALUATION_STEPS;
