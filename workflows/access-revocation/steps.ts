/**
 * Access revocation steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const ACCESS_REVOCATION_STEPS = {
  revocationRequested: { id: 'revocationRequested', kind: 'startEvent', clause: 'P4.2b', title: 'Moved out, left, or a credential withdrawn', label: { 'zh-CN': '申请撤销门禁权限', en: 'Moved out, left, or a credential withdrawn' } },
  closePersonAccess: { id: 'closePersonAccess', kind: 'serviceTask', clause: 'P4.2b', title: 'Close the person for new credentials', label: { 'zh-CN': '停止为该人员发放新凭证', en: 'Close the person for new credentials' } },
  endVisitorPasses: { id: 'endVisitorPasses', kind: 'serviceTask', clause: 'P4.2b', title: "End the visitor passes the person issued", label: { 'zh-CN': '结束其签发的访客通行证', en: 'End the visitor passes the person issued' } },
  revokeOnDevices: { id: 'revokeOnDevices', kind: 'serviceTask', clause: 'P4.2b', title: 'Revoke every credential on every device', label: { 'zh-CN': '从各设备撤销全部凭证', en: 'Revoke every credential on every device' } },
  doorStillOffline: { id: 'doorStillOffline', kind: 'boundaryEvent', clause: 'P4.2b', title: 'A door has not answered within the limit, or refused', label: { 'zh-CN': '门禁设备仍未响应', en: 'A door has not answered within the limit, or refused' } },
  checkOfflineDoor: { id: 'checkOfflineDoor', kind: 'userTask', clause: 'P4.2b', title: 'Security supervisor: the credential is still valid on the door', label: { 'zh-CN': '安保主管检查门禁', en: 'Security supervisor: the credential is still valid on the door' } },
  doorCheckAcknowledged: { id: 'doorCheckAcknowledged', kind: 'endEvent', clause: 'P4.2b', title: 'Acknowledged; the door is still retried', label: { 'zh-CN': '已知悉，继续重试', en: 'Acknowledged; the door is still retried' } },
  storeRevocationRecord: { id: 'storeRevocationRecord', kind: 'serviceTask', clause: 'P4.2b', title: 'Store the revocation record', label: { 'zh-CN': '存档撤销记录', en: 'Store the revocation record' } },
  accessRevoked: { id: 'accessRevoked', kind: 'endEvent', clause: 'P4.2b', title: 'Access revoked', label: { 'zh-CN': '门禁权限已撤销', en: 'Access revoked' } },
} as const;

export type AccessRevocationStepId = keyof typeof ACCESS_REVOCATION_STEPS;
