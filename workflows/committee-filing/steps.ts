/**
 * Committee filing steps (P2.1c): a dated report package with a receipt, not a vote. Each id is the
 * BPMN element id in diagram.bpmn; each carries its policy clause.
 */
export const COMMITTEE_FILING_STEPS = {
  filingSubmitted: { id: 'filingSubmitted', kind: 'startEvent', clause: 'P2.1c', title: 'Approved plan and budget submitted for filing' },
  storeFilingPackage: { id: 'storeFilingPackage', kind: 'serviceTask', clause: 'P2.1c', title: 'Store the dated filing package' },
  acknowledgeFiling: { id: 'acknowledgeFiling', kind: 'userTask', clause: 'P2.1c', title: "Owners' committee acknowledges the filing" },
  issueReceipt: { id: 'issueReceipt', kind: 'serviceTask', clause: 'P2.1c', title: 'Issue the receipt number' },
  filingAcknowledged: { id: 'filingAcknowledged', kind: 'endEvent', clause: 'P2.1c', title: 'Filed' },
  filingReturned: { id: 'filingReturned', kind: 'endEvent', clause: 'P2.1c', title: 'Returned as incomplete' },
} as const;

export type CommitteeFilingStepId = keyof typeof COMMITTEE_FILING_STEPS;
