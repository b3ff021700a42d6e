/**
 * Supplier qualification steps (P2.2a). Each id is the BPMN element id in diagram.bpmn.
 */
export const SUPPLIER_QUALIFICATION_STEPS = {
  supplierSubmitted: { id: 'supplierSubmitted', kind: 'startEvent', clause: 'P2.2a', title: 'Supplier submitted for (re-)qualification' },
  checkDocuments: { id: 'checkDocuments', kind: 'serviceTask', clause: 'P2.2a', title: 'Check documents and expiry dates' },
  reviewQualification: { id: 'reviewQualification', kind: 'userTask', clause: 'P2.2a', title: 'Score qualification, reputation, technical strength, after-sales' },
  recordQualification: { id: 'recordQualification', kind: 'serviceTask', clause: 'P2.2a', title: 'Record the verdict in the registry' },
  supplierQualified: { id: 'supplierQualified', kind: 'endEvent', clause: 'P2.2a', title: 'Supplier qualified' },
  supplierRejected: { id: 'supplierRejected', kind: 'endEvent', clause: 'P2.2a', title: 'Supplier rejected' },
} as const;

export type SupplierQualificationStepId = keyof typeof SUPPLIER_QUALIFICATION_STEPS;
