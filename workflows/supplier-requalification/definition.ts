import type { z } from 'zod';
import { defineProcess } from '../lib/process-definition';
import { qualificationTerms } from '../supplier-qualification/definition';
import { SUPPLIER_REQUALIFICATION_STEPS } from './steps';
import { label } from '../../contracts/labels';

/** What each re-qualification it starts is given (durations and the pass mark are configuration). */
export const supplierRequalificationInput = qualificationTerms;
export type SupplierRequalificationInput = z.infer<typeof supplierRequalificationInput>;

export const supplierRequalificationProcess = defineProcess({
  name: 'supplier-requalification',
  workflowType: 'supplierRequalification',
  title: { 'zh-CN': '供应商名录定期复审', en: 'Supplier registry sweep' },
  clauses: ['P2.2a'],
  input: supplierRequalificationInput,
  /** Started by its Schedule only. */
  workflowId: (scheduleId: string) => `${scheduleId}-sweep`,
  steps: SUPPLIER_REQUALIFICATION_STEPS,
  // No person's task: its labels word what its instances record, for the instance page.
  instanceTitle: { keys: [], of: () => label('供应商名录定期复审', 'Supplier registry sweep') },
  labels: {
    flaggedDocuments: { title: label('即将过期的证照', 'Documents expiring') },
    started: { title: label('已发起的复审', 'Re-qualifications started'), format: 'process' },
  },
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
