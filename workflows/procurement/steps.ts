/**
 * Procurement steps (P2.2b). Each id is the BPMN element id in diagram.bpmn; each carries its clause.
 */
export const PROCUREMENT_STEPS = {
  procurementRequested: { id: 'procurementRequested', kind: 'startEvent', clause: 'P2.2b', title: 'Procurement requested for a project' },
  chooseMethod: { id: 'chooseMethod', kind: 'userTask', clause: 'P2.2b', title: 'Choose the method and invite registry suppliers' },
  inviteSuppliers: { id: 'inviteSuppliers', kind: 'serviceTask', clause: 'P2.2a', title: 'Invite qualified suppliers only' },
  bidDeadline: { id: 'bidDeadline', kind: 'intermediateCatchEvent', clause: 'P2.2b', title: 'Sealed-bid deadline' },
  openBids: { id: 'openBids', kind: 'serviceTask', clause: 'P2.2b', title: 'Open the bids' },
  tooFewBids: { id: 'tooFewBids', kind: 'endEvent', clause: 'P2.2b', title: 'Too few bids: procurement cancelled' },
  appointPanel: { id: 'appointPanel', kind: 'userTask', clause: 'P2.2b', title: 'Appoint the evaluation panel (at least three)' },
  declareInterests: { id: 'declareInterests', kind: 'userTask', clause: 'P2.2b', title: 'Declare no conflict of interest' },
  scoreBids: { id: 'scoreBids', kind: 'userTask', clause: 'P2.2b', title: 'Score price, technical and after-sales' },
  awardBid: { id: 'awardBid', kind: 'serviceTask', clause: 'P2.2b', title: 'Weighted scores and award' },
  draftContract: { id: 'draftContract', kind: 'userTask', clause: 'P2.2b', title: 'Draft the contract' },
  approveContract: { id: 'approveContract', kind: 'userTask', clause: 'P2.2b', title: 'Management approves (above the threshold)' },
  recordContract: { id: 'recordContract', kind: 'serviceTask', clause: 'P3.2b', title: "Record the contract and the vendor's repair SLA" },
  startDelivery: { id: 'startDelivery', kind: 'serviceTask', clause: 'P2.3a', title: 'Start the project delivery' },
  procurementContracted: { id: 'procurementContracted', kind: 'endEvent', clause: 'P2.2b', title: 'Contract signed' },
  procurementCancelled: { id: 'procurementCancelled', kind: 'endEvent', clause: 'P2.2b', title: 'Procurement cancelled by management' },
} as const;

export type ProcurementStepId = keyof typeof PROCUREMENT_STEPS;
