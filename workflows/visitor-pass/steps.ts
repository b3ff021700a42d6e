/**
 * Visitor pass steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const VISITOR_PASS_STEPS = {
  passIssued: { id: 'passIssued', kind: 'startEvent', clause: 'P4.2b', title: 'Visitor pass issued' },
  enrolVisitorCredential: { id: 'enrolVisitorCredential', kind: 'serviceTask', clause: 'P4.2b', title: "Enrol the visitor's credential on the host's doors" },
  passExpired: { id: 'passExpired', kind: 'intermediateCatchEvent', clause: 'P4.2b', title: 'The pass expires' },
  passCancelled: { id: 'passCancelled', kind: 'intermediateCatchEvent', clause: 'P4.2b', title: 'The pass is cancelled early' },
  revokeVisitorCredential: { id: 'revokeVisitorCredential', kind: 'serviceTask', clause: 'P4.2b', title: "Revoke the visitor's credential on every door" },
  passEnded: { id: 'passEnded', kind: 'endEvent', clause: 'P4.2b', title: 'Pass ended' },
} as const;

export type VisitorPassStepId = keyof typeof VISITOR_PASS_STEPS;
