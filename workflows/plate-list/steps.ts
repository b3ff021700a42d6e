/**
 * Plate list steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const PLATE_LIST_STEPS = {
  plateChanged: { id: 'plateChanged', kind: 'startEvent', clause: 'P4.2b', title: 'Plate allowed, refused or removed', label: { 'zh-CN': '车牌名单变更', en: 'Plate allowed, refused or removed' } },
  pushToBarriers: { id: 'pushToBarriers', kind: 'serviceTask', clause: 'P4.2b', title: 'Push the plate to every barrier', label: { 'zh-CN': '下发至各道闸', en: 'Push the plate to every barrier' } },
  plateListApplied: { id: 'plateListApplied', kind: 'endEvent', clause: 'P4.2b', title: 'Barriers updated', label: { 'zh-CN': '道闸已更新', en: 'Barriers updated' } },
} as const;

export type PlateListStepId = keyof typeof PLATE_LIST_STEPS;
