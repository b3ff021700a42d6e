/**
 * Procurement steps (P2.2b). Each id is the BPMN element id in diagram.bpmn; each carries its clause.
 */
export const PROCUREMENT_STEPS = {
  procurementRequested: { id: 'procurementRequested', kind: 'startEvent', clause: 'P2.2b', title: 'Procurement requested for a project', label: { 'zh-CN': '提出采购', en: 'Procurement requested for a project' } },
  chooseMethod: { id: 'chooseMethod', kind: 'userTask', clause: 'P2.2b', title: 'Choose the method and invite registry suppliers', label: { 'zh-CN': '确定采购方式并邀请供应商', en: 'Choose the method and invite registry suppliers' } },
  inviteSuppliers: { id: 'inviteSuppliers', kind: 'serviceTask', clause: 'P2.2a', title: 'Invite qualified suppliers only', label: { 'zh-CN': '邀请合格供应商', en: 'Invite qualified suppliers only' } },
  bidDeadline: { id: 'bidDeadline', kind: 'intermediateCatchEvent', clause: 'P2.2b', title: 'Sealed-bid deadline', label: { 'zh-CN': '投标截止', en: 'Sealed-bid deadline' } },
  openBids: { id: 'openBids', kind: 'serviceTask', clause: 'P2.2b', title: 'Open the bids', label: { 'zh-CN': '开标', en: 'Open the bids' } },
  tooFewBids: { id: 'tooFewBids', kind: 'endEvent', clause: 'P2.2b', title: 'Too few bids: procurement cancelled', label: { 'zh-CN': '投标不足，采购取消', en: 'Too few bids: procurement cancelled' } },
  appointPanel: { id: 'appointPanel', kind: 'userTask', clause: 'P2.2b', title: 'Appoint the evaluation panel (at least three)', label: { 'zh-CN': '组建评标委员会', en: 'Appoint the evaluation panel (at least three)' } },
  declareInterests: { id: 'declareInterests', kind: 'userTask', clause: 'P2.2b', title: 'Declare no conflict of interest', label: { 'zh-CN': '利益冲突声明', en: 'Declare no conflict of interest' } },
  scoreBids: { id: 'scoreBids', kind: 'userTask', clause: 'P2.2b', title: 'Score price, technical and after-sales', label: { 'zh-CN': '评标打分', en: 'Score price, technical and after-sales' } },
  awardBid: { id: 'awardBid', kind: 'serviceTask', clause: 'P2.2b', title: 'Weighted scores and award', label: { 'zh-CN': '加权评分与定标', en: 'Weighted scores and award' } },
  draftContract: { id: 'draftContract', kind: 'userTask', clause: 'P2.2b', title: 'Draft the contract', label: { 'zh-CN': '起草合同', en: 'Draft the contract' } },
  approveContract: { id: 'approveContract', kind: 'userTask', clause: 'P2.2b', title: 'Management approves (above the threshold)', label: { 'zh-CN': '管理层审批合同', en: 'Management approves (above the threshold)' } },
  recordContract: { id: 'recordContract', kind: 'serviceTask', clause: 'P3.2b', title: "Record the contract and the vendor's repair SLA", label: { 'zh-CN': '登记合同及维修时限', en: "Record the contract and the vendor's repair SLA" } },
  startDelivery: { id: 'startDelivery', kind: 'serviceTask', clause: 'P2.3a', title: 'Start the project delivery', label: { 'zh-CN': '启动项目交付', en: 'Start the project delivery' } },
  procurementContracted: { id: 'procurementContracted', kind: 'endEvent', clause: 'P2.2b', title: 'Contract signed', label: { 'zh-CN': '合同已签订', en: 'Contract signed' } },
  procurementCancelled: { id: 'procurementCancelled', kind: 'endEvent', clause: 'P2.2b', title: 'Procurement cancelled by management', label: { 'zh-CN': '采购已取消', en: 'Procurement cancelled by management' } },
} as const;

export type ProcurementStepId = keyof typeof PROCUREMENT_STEPS;
