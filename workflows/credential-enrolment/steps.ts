/**
 * Credential enrolment steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const CREDENTIAL_ENROLMENT_STEPS = {
  credentialRequested: { id: 'credentialRequested', kind: 'startEvent', clause: 'P4.2b', title: 'Credential requested' },
  checkFaceConsent: { id: 'checkFaceConsent', kind: 'serviceTask', clause: 'P4.2b', title: "Check the person's own face consent (PIPL art. 26, 29)" },
  enrolmentRefused: { id: 'enrolmentRefused', kind: 'endEvent', clause: 'P4.2b', title: 'Refused: no consent or no other way in' },
  enrolOnDoors: { id: 'enrolOnDoors', kind: 'serviceTask', clause: 'P4.2b', title: "Enrol on the doors of the person's area" },
  credentialActive: { id: 'credentialActive', kind: 'endEvent', clause: 'P4.2b', title: 'Credential active' },
} as const;

export type CredentialEnrolmentStepId = keyof typeof CREDENTIAL_ENROLMENT_STEPS;
