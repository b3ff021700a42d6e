/**
 * Inspection steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const INSPECTION_STEPS = {
  inspectionDue: { id: 'inspectionDue', kind: 'startEvent', clause: 'P3.1a', title: 'Inspection due (plan schedule)', label: { 'zh-CN': '巡检到期', en: 'Inspection due' } },
  openInspection: { id: 'openInspection', kind: 'serviceTask', clause: 'P3.1a', title: 'Open the inspection record', label: { 'zh-CN': '建立巡检记录', en: 'Opening the record' } },
  planInactive: { id: 'planInactive', kind: 'endEvent', clause: 'P3.1a', title: 'Plan inactive: no inspection', label: { 'zh-CN': '计划已停用', en: 'Plan inactive' } },
  performInspection: { id: 'performInspection', kind: 'userTask', clause: 'P3.1a', title: 'Inspect the checklist', label: { 'zh-CN': '巡检中', en: 'Inspecting' } },
  inspectionOverdue: { id: 'inspectionOverdue', kind: 'boundaryEvent', clause: 'P3.1a', title: 'Inspection overdue: supervisor alerted', label: { 'zh-CN': '巡检逾期', en: 'Inspection overdue' } },
  openFaultRepairs: { id: 'openFaultRepairs', kind: 'serviceTask', clause: 'P3.2a', title: 'Open a fault repair per failed item', label: { 'zh-CN': '报修故障项', en: 'Reporting faults' } },
  storeInspectionRecord: { id: 'storeInspectionRecord', kind: 'serviceTask', clause: 'P3.1c', title: 'Store the inspection record', label: { 'zh-CN': '归档巡检记录', en: 'Filing the inspection record' } },
  inspectionClosed: { id: 'inspectionClosed', kind: 'endEvent', clause: 'P3.1c', title: 'Inspection recorded', label: { 'zh-CN': '已记录', en: 'Recorded' } },
} as const;

export type InspectionStepId = keyof typeof INSPECTION_STEPS;
