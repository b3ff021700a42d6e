import { z } from 'zod';
import { label, SYSTEM_LABELS, type Vocabulary } from '../../contracts/labels';
import { faultLocation } from '../../contracts/locations';
import { durationMs } from '../lib/inputs';
import { yesNo } from '../lib/labels';
import { defineProcess } from '../lib/process-definition';
import { FAULT_REPAIR_STEPS } from './steps';
import { optionLabel } from '../lib/labels';

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
  report: { title: label('报修', 'Report') },
  reporter: { title: label('报修人', 'Reporter') },
  userId: { title: label('用户', 'User'), format: 'hidden' },
  displayName: { title: label('姓名', 'Name') },
  source: { title: label('来源', 'Source'), options: { owner: label('业主报修', 'Owner'), staff: label('员工报修', 'Staff'), monitoring: label('设备监测', 'Monitoring') } },
  photoId: { title: label('照片', 'Photo'), format: 'hidden' },
  reportId: { title: label('报修单', 'Report'), format: 'hidden' },
  reworkCount: { title: label('返工次数', 'Reworks') },
  diagnosis: { title: label('诊断', 'Diagnosis') },
  escalation: { title: label('转交供应商原因', 'Why the vendor') },
  recovered: { title: label('设备已恢复在线', 'Device back online') },
  backOnlineAt: { title: label('恢复在线时间', 'Back online at'), format: 'date-time' },
  closedBy: { title: label('关闭人', 'Closed by') },
  closedAs: { title: label('关闭方式', 'Closed as'), options: { 'device-back-online': label('设备恢复在线，无需维修', 'Device back online, nothing repaired') } },
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
  instanceTitle: {
    keys: ['report'],
    of: ({ title, data }) => {
      const report = data.report as { system?: string; symptoms?: string } | undefined;
      if (!report?.system || report.symptoms === undefined) return label(title, title);
      const system = optionLabel(SYSTEM_LABELS, report.system);
      const symptoms = report.symptoms.slice(0, 60);
      return label(`${system['zh-CN']}：${symptoms}`, `${system.en}: ${symptoms}`);
    },
  },
  labels: FAULT_REPAIR_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
