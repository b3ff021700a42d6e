/**
 * Access revocation steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const ACCESS_REVOCATION_STEPS = {
  revocationRequested: { id: 'revocationRequested', kind: 'startEvent', clause: 'P4.2b', title: 'Moved out, left, or a credential withdrawn' },
  closePersonAccess: { id: 'closePersonAccess', kind: 'serviceTask', clause: 'P4.2b', title: 'Close the person for new credentials' },
  endVisitorPasses: { id: 'endVisitorPasses', kind: 'serviceTask', clause: 'P4.2b', title: "End the visitor passes the person issued" },
  revokeOnDevices: { id: 'revokeOnDevices', kind: 'serviceTask', clause: 'P4.2b', title: 'Revoke every credential on every device' },
  doorStillOffline: { id: 'doorStillOffline', kind: 'boundaryEvent', clause: 'P4.2b', title: 'A door has not answered within the limit, or refused' },
  checkOfflineDoor: { id: 'checkOfflineDoor', kind: 'userTask', clause: 'P4.2b', title: 'Security supervisor: the credential is still valid on the door' },
  doorCheckAcknowledged: { id: 'doorCheckAcknowledged', kind: 'endEvent', clause: 'P4.2b', title: 'Acknowledged; the door is still retried' },
  storeRevocationRecord: { id: 'storeRevocationRecord', kind: 'serviceTask', clause: 'P4.2b', title: 'Store the revocation record' },
  accessRevoked: { id: 'accessRevoked', kind: 'endEvent', clause: 'P4.2b', title: 'Access revoked' },
} as const;

export type AccessRevocationStepId = keyof typeof ACCESS_REVOCATION_STEPS;
