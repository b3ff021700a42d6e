/**
 * Fault repair steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const FAULT_REPAIR_STEPS = {
  faultReported: { id: 'faultReported', kind: 'startEvent', clause: 'P3.2a', title: 'Fault reported' },
  diagnoseFault: { id: 'diagnoseFault', kind: 'userTask', clause: 'P3.2b', title: 'Diagnose the fault' },
  deviceBackOnline: { id: 'deviceBackOnline', kind: 'boundaryEvent', clause: 'P3.1b', title: 'Device back online: closed' },
  repairFault: { id: 'repairFault', kind: 'userTask', clause: 'P3.2b', title: 'Repair within the SLA' },
  repairSlaBreached: { id: 'repairSlaBreached', kind: 'boundaryEvent', clause: 'P3.2b', title: 'Repair SLA passed' },
  escalateToVendor: { id: 'escalateToVendor', kind: 'serviceTask', clause: 'P3.2b', title: 'Escalate to the contracted vendor' },
  vendorRepair: { id: 'vendorRepair', kind: 'userTask', clause: 'P3.2b', title: 'Vendor repair' },
  vendorReminder: { id: 'vendorReminder', kind: 'boundaryEvent', clause: 'P3.2b', title: 'Remind the vendor' },
  vendorOverdue: { id: 'vendorOverdue', kind: 'boundaryEvent', clause: 'P3.2b', title: 'Vendor late: tech supervisor alerted' },
  verifyRepair: { id: 'verifyRepair', kind: 'userTask', clause: 'P3.2b', title: 'Verify the repair' },
  storeRepairRecord: { id: 'storeRepairRecord', kind: 'serviceTask', clause: 'P3.2c', title: 'Store the repair record' },
  faultClosed: { id: 'faultClosed', kind: 'endEvent', clause: 'P3.2c', title: 'Fault closed' },
} as const;

export type FaultRepairStepId = keyof typeof FAULT_REPAIR_STEPS;
