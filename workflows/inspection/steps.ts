/**
 * Inspection steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const INSPECTION_STEPS = {
  inspectionDue: { id: 'inspectionDue', kind: 'startEvent', clause: 'P3.1a', title: 'Inspection due (plan schedule)' },
  openInspection: { id: 'openInspection', kind: 'serviceTask', clause: 'P3.1a', title: 'Open the inspection record' },
  planInactive: { id: 'planInactive', kind: 'endEvent', clause: 'P3.1a', title: 'Plan inactive: no inspection' },
  performInspection: { id: 'performInspection', kind: 'userTask', clause: 'P3.1a', title: 'Inspect the checklist' },
  inspectionOverdue: { id: 'inspectionOverdue', kind: 'boundaryEvent', clause: 'P3.1a', title: 'Inspection overdue: supervisor alerted' },
  openFaultRepairs: { id: 'openFaultRepairs', kind: 'serviceTask', clause: 'P3.2a', title: 'Open a fault repair per failed item' },
  storeInspectionRecord: { id: 'storeInspectionRecord', kind: 'serviceTask', clause: 'P3.1c', title: 'Store the inspection record' },
  inspectionClosed: { id: 'inspectionClosed', kind: 'endEvent', clause: 'P3.1c', title: 'Inspection recorded' },
} as const;

export type InspectionStepId = keyof typeof INSPECTION_STEPS;
