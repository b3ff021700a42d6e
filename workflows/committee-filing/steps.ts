/**
 * Committee filing steps (P2.1c): a dated report package with a receipt, not a vote. Each id is the
 * BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const COMMITTEE_FILING_STEPS = {
  filingSubmitted: { id: 'filingSubmitted', kind: 'startEvent', clause: 'P2.1c', title: 'Approved plan and budget submitted for filing', label: { 'zh-CN': '报送备案', en: 'Approved plan and budget submitted for filing' } },
  storeFilingPackage: { id: 'storeFilingPackage', kind: 'serviceTask', clause: 'P2.1c', title: 'Store the dated filing package', label: { 'zh-CN': '存档备案材料', en: 'Store the dated filing package' } },
  acknowledgeFiling: { id: 'acknowledgeFiling', kind: 'userTask', clause: 'P2.1c', title: "Owners' committee acknowledges the filing", label: { 'zh-CN': '业委会备案确认', en: "Owners' committee acknowledges the filing" } },
  issueReceipt: { id: 'issueReceipt', kind: 'serviceTask', clause: 'P2.1c', title: 'Issue the receipt number', label: { 'zh-CN': '出具回执编号', en: 'Issue the receipt number' } },
  filingAcknowledged: { id: 'filingAcknowledged', kind: 'endEvent', clause: 'P2.1c', title: 'Filed', label: { 'zh-CN': '已备案', en: 'Filed' } },
  filingReturned: { id: 'filingReturned', kind: 'endEvent', clause: 'P2.1c', title: 'Returned as incomplete', label: { 'zh-CN': '材料不全，已退回', en: 'Returned as incomplete' } },
} as const;

export type CommitteeFilingStepId = keyof typeof COMMITTEE_FILING_STEPS;
