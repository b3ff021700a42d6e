/**
 * Face deletion steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const FACE_DELETION_STEPS = {
  deletionRequested: { id: 'deletionRequested', kind: 'startEvent', clause: 'P4.2b', title: 'Face deletion requested (PIPL art. 47)', label: { 'zh-CN': '申请删除人脸', en: 'Face deletion requested (PIPL art. 47)' } },
  deleteFaceOnDevices: { id: 'deleteFaceOnDevices', kind: 'serviceTask', clause: 'P4.2b', title: 'Delete the face from every door controller', label: { 'zh-CN': '从各门禁控制器删除人脸', en: 'Delete the face from every door controller' } },
  doorStillOffline: { id: 'doorStillOffline', kind: 'boundaryEvent', clause: 'P4.2b', title: 'A door has not answered within the limit, or refused', label: { 'zh-CN': '门禁设备仍未响应', en: 'A door has not answered within the limit, or refused' } },
  checkOfflineDoor: { id: 'checkOfflineDoor', kind: 'userTask', clause: 'P4.2b', title: 'Security supervisor: the face is still on the door', label: { 'zh-CN': '安保主管检查门禁', en: 'Security supervisor: the face is still on the door' } },
  doorCheckAcknowledged: { id: 'doorCheckAcknowledged', kind: 'endEvent', clause: 'P4.2b', title: 'Acknowledged; the door is still retried', label: { 'zh-CN': '已知悉，继续重试', en: 'Acknowledged; the door is still retried' } },
  eraseStoredFace: { id: 'eraseStoredFace', kind: 'serviceTask', clause: 'P4.2b', title: 'Erase the stored face and withdraw the consent', label: { 'zh-CN': '删除存储的人脸并撤回同意', en: 'Erase the stored face and withdraw the consent' } },
  storeDeletionRecord: { id: 'storeDeletionRecord', kind: 'serviceTask', clause: 'P4.2b', title: 'Record the deletion', label: { 'zh-CN': '记录删除', en: 'Record the deletion' } },
  faceDeleted: { id: 'faceDeleted', kind: 'endEvent', clause: 'P4.2b', title: 'Face deleted', label: { 'zh-CN': '人脸已删除', en: 'Face deleted' } },
} as const;

export type FaceDeletionStepId = keyof typeof FACE_DELETION_STEPS;
