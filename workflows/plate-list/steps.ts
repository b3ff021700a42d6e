/**
 * Plate list steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const PLATE_LIST_STEPS = {
  plateChanged: { id: 'plateChanged', kind: 'startEvent', clause: 'P4.2b', title: 'Plate allowed, refused or removed' },
  pushToBarriers: { id: 'pushToBarriers', kind: 'serviceTask', clause: 'P4.2b', title: 'Push the plate to every barrier' },
  plateListApplied: { id: 'plateListApplied', kind: 'endEvent', clause: 'P4.2b', title: 'Barriers updated' },
} as const;

export type PlateListStepId = keyof typeof PLATE_LIST_STEPS;
