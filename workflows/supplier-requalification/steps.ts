/**
 * Supplier re-qualification sweep steps (P2.2a "updated regularly"). Each id is the BPMN element id in diagram.bpmn.
 */
export const SUPPLIER_REQUALIFICATION_STEPS = {
  sweepStarted: { id: 'sweepStarted', kind: 'startEvent', clause: 'P2.2a', title: 'Periodic registry sweep (Schedule)' },
  flagExpiringDocuments: { id: 'flagExpiringDocuments', kind: 'serviceTask', clause: 'P2.2a', title: 'Flag expired and expiring documents' },
  startRequalifications: { id: 'startRequalifications', kind: 'serviceTask', clause: 'P2.2a', title: 'Start the due re-qualifications' },
  sweepDone: { id: 'sweepDone', kind: 'endEvent', clause: 'P2.2a', title: 'Sweep done' },
} as const;

export type SupplierRequalificationStepId = keyof typeof SUPPLIER_REQUALIFICATION_STEPS;
