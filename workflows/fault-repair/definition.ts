import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
import { faultLocation } from '../../contracts/locations';
import { durationMs } from '../lib/inputs';
import { yesNo } from '../lib/labels';
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

/** The wording of fault repair's forms and tasks (P3.2). */
export const FAULT_REPAIR_LABELS = {
  symptoms: { title: label('故障现象', 'Symptoms') },
  cause: { title: label('故障原因', 'Cause'), help: label('造成故障的原因', 'What caused the fault') },
  repairPlan: { title: label('维修方案', 'Repair plan'), help: label('打算如何维修', 'How it will be repaired') },
  faultClass: {
    title: label('故障类别', 'Fault class'),
    options: { general: label('一般故障：时限内自行维修', 'General: repaired in-house within the SLA'), complex: label('复杂故障：转交签约供应商', 'Complex: the contracted vendor repairs it') },
  },
  repairProcess: { title: label('维修过程', 'Repair process'), help: label('做了哪些维修', 'What was done') },
  partsReplaced: { title: label('更换部件', 'Parts replaced') },
  timeSpentMinutes: { title: label('耗时（分钟）', 'Time spent (minutes)') },
  accepted: {
    title: label('验收结果', 'Verdict'),
    help: label('故障是否已排除', 'Is the fault gone?'),
    options: yesNo(label('已修好，验收通过', 'Repaired: accept'), label('未修好，退回返修', 'Not repaired: send back')),
  },
  comment: { title: label('验收意见', 'Comment'), help: label('退回返修时必填：还有什么问题', 'Required when sending it back: what is still wrong') },
  vendor: { title: label('维修供应商', 'Vendor') },
  repair: { title: label('维修记录', 'Repair') },
  repairedBy: { title: label('维修人', 'Repaired by') },
} satisfies Vocabulary;

export const faultRepairProcess = defineProcess({
  name: 'fault-repair',
  workflowType: 'faultRepair',
  title: { 'zh-CN': '故障报修', en: 'Fault repair' },
  clauses: ['P3.2'],
  startAction: 'fault-repair.start',
  input: faultRepairInput,
  workflowId: (reportId: string) => `fault-repair-${reportId}`,
  steps: FAULT_REPAIR_STEPS,
  labels: FAULT_REPAIR_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
