import { z } from 'zod';
import { defineProcess } from '../lib/process-definition';
import { SUPPLIER_QUALIFICATION_STEPS } from './steps';

/** Durations are inputs (tests run a year's re-qualification cycle in seconds); recorded histories carry seconds. */
export const qualificationTerms = z.lazy(() =>
  z.object({
    reviewDueSeconds: z.number().positive(),
    /** How long a qualification lasts before the sweep re-qualifies the supplier. */
    requalifyAfterSeconds: z.number().positive(),
    /** The average score (0–100) a supplier needs. */
    passMark: z.number().min(0).max(100),
  }),
);

export const supplierQualificationInput = z.lazy(() =>
  qualificationTerms.unwrap().extend({
    vendorId: z.string(),
    kind: z.enum(['initial', 'requalification']),
    /** Who submitted the supplier (registry clerk), or null for the periodic sweep. */
    requestedBy: z.string().nullable(),
  }),
);
export type SupplierQualificationInput = z.infer<typeof supplierQualificationInput>;

export const supplierQualificationProcess = defineProcess({
  name: 'supplier-qualification',
  workflowType: 'supplierQualification',
  title: { 'zh-CN': '供应商资格审查', en: 'Supplier qualification' },
  clauses: ['P2.2a'],
  startAction: 'supplier-qualification.start',
  input: supplierQualificationInput,
  /** One qualification per request; the sweep's requests are named after the document's due date. */
  workflowId: (vendorId: string, requestId: string) => `supplier-qualification-${vendorId}-${requestId}`,
  steps: SUPPLIER_QUALIFICATION_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
