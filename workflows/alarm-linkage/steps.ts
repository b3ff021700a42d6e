/**
 * Alarm linkage steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const ALARM_LINKAGE_STEPS = {
  alarmDetected: { id: 'alarmDetected', kind: 'startEvent', clause: 'P3.1b', title: 'Alarm detected' },
  callUpCameras: { id: 'callUpCameras', kind: 'serviceTask', clause: 'P4.2c', title: "Call up the zone's cameras" },
  dispatchGuard: { id: 'dispatchGuard', kind: 'userTask', clause: 'P4.2c', title: 'Guard acknowledges the dispatch' },
  renotifyGuard: { id: 'renotifyGuard', kind: 'boundaryEvent', clause: 'P4.2c', title: 'No acknowledgement: notify the guard again' },
  escalateDispatch: { id: 'escalateDispatch', kind: 'boundaryEvent', clause: 'P4.2c', title: 'Still none: next guard and the security supervisor' },
  arriveOnSite: { id: 'arriveOnSite', kind: 'userTask', clause: 'P4.2c', title: 'Guard confirms arrival on site' },
  recordFindings: { id: 'recordFindings', kind: 'userTask', clause: 'P3.1b', title: 'Record the findings' },
  openFaultRepair: { id: 'openFaultRepair', kind: 'serviceTask', clause: 'P3.2a', title: 'Open a fault repair' },
  incidentClosed: { id: 'incidentClosed', kind: 'endEvent', clause: 'P3.1b', title: 'Incident closed' },
} as const;

export type AlarmLinkageStepId = keyof typeof ALARM_LINKAGE_STEPS;
