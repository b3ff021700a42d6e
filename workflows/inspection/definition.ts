import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
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

/** The wording of an inspection run's task (P3.1a, P3.1c); the checklist's fields carry their items' own titles. */
export const INSPECTION_LABELS = {
  plan: { title: label('巡检计划', 'Plan') },
  items: { title: label('巡检项目', 'Items') },
  text: { title: label('检查内容', 'Check') },
  planId: { title: label('巡检计划', 'Plan'), format: 'hidden' },
  responsibleRole: { title: label('负责角色', 'Responsible'), format: 'role' },
  overdueAt: { title: label('逾期时间', 'Overdue at'), format: 'date-time' },
  inspectedBy: { title: label('巡检人', 'Inspected by') },
  failedItems: { title: label('未通过项', 'Failed items') },
} satisfies Vocabulary;

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
  labels: INSPECTION_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
