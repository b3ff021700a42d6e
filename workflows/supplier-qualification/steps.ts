/**
 * Supplier qualification steps (P2.2a). Each id is the BPMN element id in diagram.bpmn.
 */
export const SUPPLIER_QUALIFICATION_STEPS = {
  supplierSubmitted: { id: 'supplierSubmitted', kind: 'startEvent', clause: 'P2.2a', title: 'Supplier submitted for (re-)qualification', label: { 'zh-CN': '提交资格审查', en: 'Supplier submitted for (re-)qualification' } },
  checkDocuments: { id: 'checkDocuments', kind: 'serviceTask', clause: 'P2.2a', title: 'Check documents and expiry dates', label: { 'zh-CN': '核查证照及有效期', en: 'Check documents and expiry dates' } },
  reviewQualification: { id: 'reviewQualification', kind: 'userTask', clause: 'P2.2a', title: 'Score qualification, reputation, technical strength, after-sales', label: { 'zh-CN': '资格评审', en: 'Score qualification, reputation, technical strength, after-sales' } },
  recordQualification: { id: 'recordQualification', kind: 'serviceTask', clause: 'P2.2a', title: 'Record the verdict in the registry', label: { 'zh-CN': '登记审查结论', en: 'Record the verdict in the registry' } },
  supplierQualified: { id: 'supplierQualified', kind: 'endEvent', clause: 'P2.2a', title: 'Supplier qualified', label: { 'zh-CN': '资格通过', en: 'Supplier qualified' } },
  supplierRejected: { id: 'supplierRejected', kind: 'endEvent', clause: 'P2.2a', title: 'Supplier rejected', label: { 'zh-CN': '资格未通过', en: 'Supplier rejected' } },
} as const;

export type SupplierQualificationStepId = keyof typeof SUPPLIER_QUALIFICATION_STEPS;
