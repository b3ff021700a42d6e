import { z } from 'zod';
import { faultLocation } from '../../contracts/locations';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { FAULT_REPAIR_STEPS } from './steps';

export const reporterSource = z.lazy(() => z.enum(['staff', 'owner', 'monitoring']));

/** P3.2a: the fault report (time, location, symptoms), as the process receives it. */
export const faultReport = z.lazy(() =>
  z.object({
    occurredAt: z.iso.datetime({ offset: true }),
    location: faultLocation,
    system: z.string().min(1),
    symptoms: z.string().trim().min(3).max(4000),
    /** The photo is stored as an attachment; history carries only its id. */
    photoId: z.string().uuid().optional(),
    source: reporterSource,
    reporter: z.object({ userId: z.string().nullable(), displayName: z.string() }),
  }),
);
export type FaultReport = z.infer<typeof faultReport>;

export const faultRepairTimings = z.lazy(() =>
  z.object({
    diagnosisDueMs: durationMs(),
    repairSlaMs: durationMs(),
    vendorReminderMs: durationMs(),
    verificationDueMs: durationMs(),
  }),
);
export type FaultRepairTimings = z.infer<typeof faultRepairTimings>;

export const faultRepairInput = z.lazy(() => z.object({ report: faultReport, timings: faultRepairTimings, priority: z.number().int() }));
export type FaultRepairInput = z.infer<typeof faultRepairInput>;

export const faultRepairProcess = defineProcess({
  name: 'fault-repair',
  workflowType: 'faultRepair',
  title: { 'zh-CN': '故障报修', en: 'Fault repair' },
  clauses: ['P3.2'],
  startAction: 'fault-repair.start',
  input: faultRepairInput,
  workflowId: (reportId: string) => `fault-repair-${reportId}`,
  steps: FAULT_REPAIR_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
