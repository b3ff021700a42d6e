/**
 * Credential enrolment steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const CREDENTIAL_ENROLMENT_STEPS = {
  credentialRequested: { id: 'credentialRequested', kind: 'startEvent', clause: 'P4.2b', title: 'Credential requested', label: { 'zh-CN': '申请门禁凭证', en: 'Credential requested' } },
  checkFaceConsent: { id: 'checkFaceConsent', kind: 'serviceTask', clause: 'P4.2b', title: "Check the person's own face consent (PIPL art. 26, 29)", label: { 'zh-CN': '核对本人人脸采集同意', en: "Check the person's own face consent (PIPL art. 26, 29)" } },
  enrolmentRefused: { id: 'enrolmentRefused', kind: 'endEvent', clause: 'P4.2b', title: 'Refused: no consent or no other way in', label: { 'zh-CN': '拒绝：无同意或无其他通行方式', en: 'Refused: no consent or no other way in' } },
  enrolOnDoors: { id: 'enrolOnDoors', kind: 'serviceTask', clause: 'P4.2b', title: "Enrol on the doors of the person's area", label: { 'zh-CN': '下发至所在区域门禁', en: "Enrol on the doors of the person's area" } },
  credentialActive: { id: 'credentialActive', kind: 'endEvent', clause: 'P4.2b', title: 'Credential active', label: { 'zh-CN': '凭证已生效', en: 'Credential active' } },
} as const;

export type CredentialEnrolmentStepId = keyof typeof CREDENTIAL_ENROLMENT_STEPS;
