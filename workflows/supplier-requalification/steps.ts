/**
 * Supplier re-qualification sweep steps (P2.2a "updated regularly"). Each id is the BPMN element id in diagram.bpmn.
 */
export const SUPPLIER_REQUALIFICATION_STEPS = {
  sweepStarted: { id: 'sweepStarted', kind: 'startEvent', clause: 'P2.2a', title: 'Periodic registry sweep (Schedule)', label: { 'zh-CN': '定期核查供应商名录', en: 'Periodic registry sweep (Schedule)' } },
  flagExpiringDocuments: { id: 'flagExpiringDocuments', kind: 'serviceTask', clause: 'P2.2a', title: 'Flag expired and expiring documents', label: { 'zh-CN': '标记过期及即将过期的证照', en: 'Flag expired and expiring documents' } },
  startRequalifications: { id: 'startRequalifications', kind: 'serviceTask', clause: 'P2.2a', title: 'Start the due re-qualifications', label: { 'zh-CN': '启动到期的资格复审', en: 'Start the due re-qualifications' } },
  sweepDone: { id: 'sweepDone', kind: 'endEvent', clause: 'P2.2a', title: 'Sweep done', label: { 'zh-CN': '核查完成', en: 'Sweep done' } },
} as const;

export type SupplierRequalificationStepId = keyof typeof SUPPLIER_REQUALIFICATION_STEPS;
