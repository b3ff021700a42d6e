/**
 * Alarm linkage steps. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const ALARM_LINKAGE_STEPS = {
  alarmDetected: { id: 'alarmDetected', kind: 'startEvent', clause: 'P3.1b', title: 'Alarm detected', label: { 'zh-CN': '报警触发', en: 'Alarm detected' } },
  callUpCameras: { id: 'callUpCameras', kind: 'serviceTask', clause: 'P4.2c', title: "Call up the zone's cameras", label: { 'zh-CN': '调取摄像机', en: 'Cameras called up' } },
  dispatchGuard: { id: 'dispatchGuard', kind: 'userTask', clause: 'P4.2c', title: 'Guard acknowledges the dispatch', label: { 'zh-CN': '派警确认', en: 'Dispatch acknowledgement' } },
  renotifyGuard: { id: 'renotifyGuard', kind: 'boundaryEvent', clause: 'P4.2c', title: 'No acknowledgement: notify the guard again', label: { 'zh-CN': '再次通知保安', en: 'Guard notified again' } },
  escalateDispatch: { id: 'escalateDispatch', kind: 'boundaryEvent', clause: 'P4.2c', title: 'Still none: next guard and the security supervisor', label: { 'zh-CN': '升级：下一保安与安保主管', en: 'Escalated: next guard and supervisor' } },
  arriveOnSite: { id: 'arriveOnSite', kind: 'userTask', clause: 'P4.2c', title: 'Guard confirms arrival on site', label: { 'zh-CN': '到达现场', en: 'Arrival on site' } },
  recordFindings: { id: 'recordFindings', kind: 'userTask', clause: 'P3.1b', title: 'Record the findings', label: { 'zh-CN': '记录处置结果', en: 'Findings' } },
  openFaultRepair: { id: 'openFaultRepair', kind: 'serviceTask', clause: 'P3.2a', title: 'Open a fault repair', label: { 'zh-CN': '发起报修', en: 'Repair opened' } },
  incidentClosed: { id: 'incidentClosed', kind: 'endEvent', clause: 'P3.1b', title: 'Incident closed', label: { 'zh-CN': '事件关闭', en: 'Incident closed' } },
} as const;

export type AlarmLinkageStepId = keyof typeof ALARM_LINKAGE_STEPS;
