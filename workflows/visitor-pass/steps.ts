/**
 * Visitor pass steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const VISITOR_PASS_STEPS = {
  passIssued: { id: 'passIssued', kind: 'startEvent', clause: 'P4.2b', title: 'Visitor pass issued', label: { 'zh-CN': '签发访客通行证', en: 'Visitor pass issued' } },
  enrolVisitorCredential: { id: 'enrolVisitorCredential', kind: 'serviceTask', clause: 'P4.2b', title: "Enrol the visitor's credential on the host's doors", label: { 'zh-CN': '下发访客凭证至门禁', en: "Enrol the visitor's credential on the host's doors" } },
  passExpired: { id: 'passExpired', kind: 'intermediateCatchEvent', clause: 'P4.2b', title: 'The pass expires', label: { 'zh-CN': '通行证到期', en: 'The pass expires' } },
  passCancelled: { id: 'passCancelled', kind: 'intermediateCatchEvent', clause: 'P4.2b', title: 'The pass is cancelled early', label: { 'zh-CN': '通行证提前取消', en: 'The pass is cancelled early' } },
  revokeVisitorCredential: { id: 'revokeVisitorCredential', kind: 'serviceTask', clause: 'P4.2b', title: "Revoke the visitor's credential on every door", label: { 'zh-CN': '从各门禁撤销访客凭证', en: "Revoke the visitor's credential on every door" } },
  passEnded: { id: 'passEnded', kind: 'endEvent', clause: 'P4.2b', title: 'Pass ended', label: { 'zh-CN': '通行证已结束', en: 'Pass ended' } },
} as const;

export type VisitorPassStepId = keyof typeof VISITOR_PASS_STEPS;
