import { z } from 'zod';
import { faultRepairTimings } from '../fault-repair/definition';
import { defineProcess } from '../lib/process-definition';
import { INSPECTION_STEPS } from './steps';

/** What a schedule run starts with: the plan is read when the run starts, so an edit applies to the next run. */
export const inspectionInput = z.lazy(() =>
  z.object({
    planId: z.string(),
    /** Durations of the fault repairs that failed items open (P3.2b). */
    faultRepairTimings,
  }),
);
export type InspectionInput = z.infer<typeof inspectionInput>;

export const inspectionProcess = defineProcess({
  name: 'inspection',
  workflowType: 'inspection',
  title: { 'zh-CN': '巡检', en: 'Inspection' },
  clauses: ['P3.1a', 'P3.1c'],
  startAction: 'inspection.start',
  input: inspectionInput,
  /** The plan's schedule, named after it (one per plan), starts its runs; Temporal adds each run's time to this id. */
  workflowId: (planId: string) => `inspection-${planId}`,
  steps: INSPECTION_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
