/**
 * Face deletion steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const FACE_DELETION_STEPS = {
  deletionRequested: { id: 'deletionRequested', kind: 'startEvent', clause: 'P4.2b', title: 'Face deletion requested (PIPL art. 47)' },
  deleteFaceOnDevices: { id: 'deleteFaceOnDevices', kind: 'serviceTask', clause: 'P4.2b', title: 'Delete the face from every door controller' },
  eraseStoredFace: { id: 'eraseStoredFace', kind: 'serviceTask', clause: 'P4.2b', title: 'Erase the stored face and withdraw the consent' },
  storeDeletionRecord: { id: 'storeDeletionRecord', kind: 'serviceTask', clause: 'P4.2b', title: 'Record the deletion' },
  faceDeleted: { id: 'faceDeleted', kind: 'endEvent', clause: 'P4.2b', title: 'Face deleted' },
} as const;

export type FaceDeletionStepId = keyof typeof FACE_DELETION_STEPS;
