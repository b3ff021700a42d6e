/**
 * Access anomaly steps (P5.3c: "abnormal behaviour handled"): a rule over the access log of personal
 * data fired; the security supervisor reviews it. Each id is the BPMN element id in diagram.bpmn.
 */
export const ACCESS_ANOMALY_STEPS = {
  anomalyDetected: { id: 'anomalyDetected', kind: 'startEvent', clause: 'P5.3c', title: 'An anomaly rule fired on the access log', label: { 'zh-CN': '触发异常规则', en: 'Anomaly rule fired' } },
  reviewAnomaly: { id: 'reviewAnomaly', kind: 'userTask', clause: 'P5.3c', title: 'Security supervisor reviews the reads', label: { 'zh-CN': '安保主管审查', en: 'Security supervisor reviews' } },
  recordFinding: { id: 'recordFinding', kind: 'serviceTask', clause: 'P5.3c', title: 'Record the finding on the alert', label: { 'zh-CN': '记录审查结论', en: 'Finding recorded' } },
  reportMisuse: { id: 'reportMisuse', kind: 'serviceTask', clause: 'P5.3c', title: 'Report the misuse to management', label: { 'zh-CN': '上报管理层', en: 'Reported to management' } },
  anomalyCleared: { id: 'anomalyCleared', kind: 'endEvent', clause: 'P5.3c', title: 'Legitimate: cleared', label: { 'zh-CN': '正当访问', en: 'Legitimate' } },
  misuseConfirmed: { id: 'misuseConfirmed', kind: 'endEvent', clause: 'P5.3c', title: 'Misuse confirmed and reported', label: { 'zh-CN': '确认滥用', en: 'Misuse confirmed' } },
} as const;

export type AccessAnomalyStepId = keyof typeof ACCESS_ANOMALY_STEPS;
