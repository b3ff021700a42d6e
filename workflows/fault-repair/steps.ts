/**
 * Fault repair steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const FAULT_REPAIR_STEPS = {
  faultReported: { id: 'faultReported', kind: 'startEvent', clause: 'P3.2a', title: 'Fault reported', label: { 'zh-CN': '已报修', en: 'Reported' } },
  diagnoseFault: { id: 'diagnoseFault', kind: 'userTask', clause: 'P3.2b', title: 'Diagnose the fault', label: { 'zh-CN': '故障诊断', en: 'Diagnosing' } },
  deviceBackOnline: { id: 'deviceBackOnline', kind: 'boundaryEvent', clause: 'P3.1b', title: 'Device back online: closed', label: { 'zh-CN': '设备恢复在线，一键关闭', en: 'Device back online: closed in one click' } },
  repairFault: { id: 'repairFault', kind: 'userTask', clause: 'P3.2b', title: 'Repair within the SLA', label: { 'zh-CN': '维修中', en: 'Being repaired' } },
  repairSlaBreached: { id: 'repairSlaBreached', kind: 'boundaryEvent', clause: 'P3.2b', title: 'Repair SLA passed', label: { 'zh-CN': '维修超时', en: 'Repair overdue' } },
  escalateToVendor: { id: 'escalateToVendor', kind: 'serviceTask', clause: 'P3.2b', title: 'Escalate to the contracted vendor', label: { 'zh-CN': '转交供应商', en: 'Passed to vendor' } },
  vendorRepair: { id: 'vendorRepair', kind: 'userTask', clause: 'P3.2b', title: 'Vendor repair', label: { 'zh-CN': '供应商维修', en: 'Vendor repairing' } },
  vendorReminder: { id: 'vendorReminder', kind: 'boundaryEvent', clause: 'P3.2b', title: 'Remind the vendor', label: { 'zh-CN': '提醒供应商', en: 'Vendor reminded' } },
  vendorOverdue: { id: 'vendorOverdue', kind: 'boundaryEvent', clause: 'P3.2b', title: 'Vendor late: tech supervisor alerted', label: { 'zh-CN': '供应商逾期', en: 'Vendor overdue' } },
  verifyRepair: { id: 'verifyRepair', kind: 'userTask', clause: 'P3.2b', title: 'Verify the repair', label: { 'zh-CN': '维修验收', en: 'Checking the repair' } },
  storeRepairRecord: { id: 'storeRepairRecord', kind: 'serviceTask', clause: 'P3.2c', title: 'Store the repair record', label: { 'zh-CN': '存档维修记录', en: 'Filing the repair record' } },
  faultClosed: { id: 'faultClosed', kind: 'endEvent', clause: 'P3.2c', title: 'Fault closed', label: { 'zh-CN': '已关闭', en: 'Closed' } },
} as const;

export type FaultRepairStepId = keyof typeof FAULT_REPAIR_STEPS;
