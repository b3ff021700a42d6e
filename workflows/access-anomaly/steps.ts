/**
 * Access anomaly steps (P5.3c: "abnormal behaviour handled"): a rule over the access log of personal
 * data fired; the security supervisor reviews it. Each id is the BPMN element id in diagram.bpmn.
 */
export const ACCESS_ANOMALY_STEPS = {
  anomalyDetected: { id: 'anomalyDetected', kind: 'startEvent', clause: 'P5.3c', title: 'An anomaly rule fired on the access log' },
  reviewAnomaly: { id: 'reviewAnomaly', kind: 'userTask', clause: 'P5.3c', title: 'Security supervisor reviews the reads' },
  recordFinding: { id: 'recordFinding', kind: 'serviceTask', clause: 'P5.3c', title: 'Record the finding on the alert' },
  reportMisuse: { id: 'reportMisuse', kind: 'serviceTask', clause: 'P5.3c', title: 'Report the misuse to management' },
  anomalyCleared: { id: 'anomalyCleared', kind: 'endEvent', clause: 'P5.3c', title: 'Legitimate: cleared' },
  misuseConfirmed: { id: 'misuseConfirmed', kind: 'endEvent', clause: 'P5.3c', title: 'Misuse confirmed and reported' },
} as const;

export type AccessAnomalyStepId = keyof typeof ACCESS_ANOMALY_STEPS;
