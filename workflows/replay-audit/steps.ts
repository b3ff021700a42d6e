/**
 * Nightly replay audit steps (P3.3b: after a change, full verification): recorded histories are replayed
 * against the current code. Each id is the BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const REPLAY_AUDIT_STEPS = {
  auditStarted: { id: 'auditStarted', kind: 'startEvent', clause: 'P3.3b', title: 'Nightly replay (Schedule)', label: { 'zh-CN': '夜间重放核查', en: 'Nightly replay (Schedule)' } },
  replayInstances: { id: 'replayInstances', kind: 'serviceTask', clause: 'P3.3b', title: "Replay the last day's instances against the current code", label: { 'zh-CN': '用当前代码重放近一天的流程实例', en: "Replay the last day's instances against the current code" } },
  reviewDivergences: { id: 'reviewDivergences', kind: 'userTask', clause: 'P3.3b', title: 'Tech supervisor reviews the divergences', label: { 'zh-CN': '审查重放不一致', en: 'Reviewing replay divergences' } },
  allReproduce: { id: 'allReproduce', kind: 'endEvent', clause: 'P3.3b', title: 'Every history reproduces', label: { 'zh-CN': '全部可重现', en: 'Every history reproduces' } },
  divergencesReviewed: { id: 'divergencesReviewed', kind: 'endEvent', clause: 'P3.3b', title: 'Divergences reviewed', label: { 'zh-CN': '分歧已审查', en: 'Divergences reviewed' } },
} as const;

export type ReplayAuditStepId = keyof typeof REPLAY_AUDIT_STEPS;
