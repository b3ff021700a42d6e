/**
 * Face deletion steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const FACE_DELETION_STEPS = {
  deletionRequested: { id: 'deletionRequested', kind: 'startEvent', clause: 'P4.2b', title: 'Face deletion requested (PIPL art. 47)' },
  deleteFaceOnDevices: { id: 'deleteFaceOnDevices', kind: 'serviceTask', clause: 'P4.2b', title: 'Delete the face from every door controller' },
  doorStillOffline: { id: 'doorStillOffline', kind: 'boundaryEvent', clause: 'P4.2b', title: 'A door has not answered within the limit, or refused' },
  checkOfflineDoor: { id: 'checkOfflineDoor', kind: 'userTask', clause: 'P4.2b', title: 'Security supervisor: the face is still on the door' },
  doorCheckAcknowledged: { id: 'doorCheckAcknowledged', kind: 'endEvent', clause: 'P4.2b', title: 'Acknowledged; the door is still retried' },
  eraseStoredFace: { id: 'eraseStoredFace', kind: 'serviceTask', clause: 'P4.2b', title: 'Erase the stored face and withdraw the consent' },
  storeDeletionRecord: { id: 'storeDeletionRecord', kind: 'serviceTask', clause: 'P4.2b', title: 'Record the deletion' },
  faceDeleted: { id: 'faceDeleted', kind: 'endEvent', clause: 'P4.2b', title: 'Face deleted' },
} as const;

export type FaceDeletionStepId = keyof typeof FACE_DELETION_STEPS;
