import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
import type { UPGRADE_DEVICE_STATES} from '../../contracts/vocabulary';
import { SYSTEMS, UPGRADE_RISKS } from '../../contracts/vocabulary';
import { backupInput } from '../backup/definition';
import { durationMs, requester } from '../lib/inputs';
import { yesNo } from '../lib/labels';
import { defineProcess, type CompanionWorkflow } from '../lib/process-definition';
import { DEVICE_UPGRADE_STEPS } from './steps';

/**
 * Every duration of an upgrade (tests run them in seconds): the approvals' and the decision's due times, how long a
 * device may take to write its image and come back, how long verification waits for its first heartbeat, how often
 * a device is asked meanwhile, and how soon a worker lost in the middle of a device's upgrade is noticed.
 */
export const deviceUpgradeTimings = z.lazy(() =>
  z.object({
    reviewDueMs: durationMs(),
    approvalDueMs: durationMs(),
    decisionDueMs: durationMs(),
    rebootTimeoutMs: durationMs(),
    heartbeatWaitMs: durationMs(),
    pollIntervalMs: durationMs(),
    heartbeatTimeoutMs: durationMs(),
  }),
);
export type DeviceUpgradeTimings = z.infer<typeof deviceUpgradeTimings>;

/** The periodic assessment (P3.3a) a Schedule starts: every device's firmware read, compared with the releases, upgrades proposed. */
export const firmwareAssessmentInput = z.lazy(() => z.object({ maxAgeMs: durationMs() }));
export type FirmwareAssessmentInput = z.infer<typeof firmwareAssessmentInput>;
export const firmwareAssessment: CompanionWorkflow<FirmwareAssessmentInput> = { workflowType: 'firmwareAssessment', input: firmwareAssessmentInput };

const release = () => z.object({ releaseId: z.string(), version: z.string() });

/** P3.3a: per device model, the release to install and, for a rollback, the release of the version the devices run now (if registered). */
export const upgradeTarget = z.lazy(() => z.object({ model: z.string(), release: release(), rollback: release().nullable() }));
export type UpgradeTarget = z.infer<typeof upgradeTarget>;

export const plannedDevice = z.lazy(() => z.object({ deviceId: z.string(), name: z.string(), model: z.string(), system: z.enum(SYSTEMS) }));
export type PlannedDevice = z.infer<typeof plannedDevice>;

/**
 * The approved plan is the input, so its history says what was approved: what per model, which devices (the canary
 * among them), the window, waves and the failure threshold, the risk assessment and the rollback plan, who drafted it.
 */
export const deviceUpgradeInput = z.lazy(() =>
  z.object({
    planId: z.string(),
    title: z.string(),
    draftedBy: requester,
    targets: z.array(upgradeTarget).min(1),
    devices: z.array(plannedDevice).min(1),
    canaryDeviceId: z.string(),
    window: z.object({ startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }) }),
    waveSize: z.number().int().positive(),
    maxFailures: z.number().int().nonnegative(),
    wavePauseMs: durationMs(),
    risk: z.enum(UPGRADE_RISKS),
    riskAssessment: z.string(),
    rollbackPlan: z.string(),
    timings: deviceUpgradeTimings,
    /**
     * P3.3b, P5.2b: the backup of Steward's data taken before the devices (a run of the backup process) and, once
     * the plan has ended, its restore drill; none where no worker has the backup tools (UPGRADE_BACKS_UP_STEWARD off).
     * Plans drafted before it existed have none.
     */
    stewardBackup: backupInput.nullable().optional(),
  }),
);
export type DeviceUpgradeInput = z.infer<typeof deviceUpgradeInput>;

const DEVICE_STATE_LABELS = {
  pending: label('未开始', 'Not started'),
  'backed-up': label('已备份', 'Backed up'),
  upgrading: label('升级中', 'Upgrading'),
  verifying: label('验证中', 'Verifying'),
  upgraded: label('已升级', 'Upgraded'),
  failed: label('失败', 'Failed'),
  'rolled-back': label('已回退', 'Rolled back'),
  'rollback-failed': label('回退未成功', 'Rollback failed'),
  skipped: label('未升级', 'Left out'),
} satisfies Record<(typeof UPGRADE_DEVICE_STATES)[number], ReturnType<typeof label>>;

/** The wording of an upgrade's tasks and record. */
export const DEVICE_UPGRADE_LABELS = {
  planId: { title: label('升级计划', 'Plan'), format: 'hidden' },
  title: { title: label('计划名称', 'Plan') },
  draftedBy: { title: label('拟定人', 'Drafted by'), format: 'user' },
  risk: { title: label('风险等级', 'Risk'), options: { low: label('低', 'Low'), medium: label('中', 'Medium'), high: label('高', 'High') } },
  riskAssessment: { title: label('风险评估', 'Risk assessment') },
  rollbackPlan: { title: label('回退方案', 'Rollback plan') },
  windowStartsAt: { title: label('窗口开始', 'Window opens'), format: 'date-time' },
  windowEndsAt: { title: label('窗口结束', 'Window closes'), format: 'date-time' },
  waveSize: { title: label('每批设备数', 'Devices per wave'), format: 'number' },
  maxFailures: { title: label('失败上限（超过即停止）', 'Failures tolerated (more stops the rollout)'), format: 'number' },
  wavePauseSeconds: { title: label('批次间暂停', 'Pause between waves'), format: 'seconds' },
  needsManagement: { title: label('需管理层审批', "Needs management's approval"), options: yesNo(label('是', 'Yes'), label('否', 'No')) },
  targets: { title: label('升级目标（按型号）', 'Targets by model') },
  model: { title: label('型号', 'Model') },
  version: { title: label('目标版本', 'Target version') },
  rollbackVersion: { title: label('回退版本', 'Rollback version') },
  devices: { title: label('设备', 'Devices') },
  deviceCount: { title: label('设备数', 'Devices'), format: 'number' },
  canaryDeviceId: { title: label('试点设备', 'Canary device'), format: 'device' },
  deviceId: { title: label('设备', 'Device'), format: 'device' },
  approvedBy: { title: label('审批人', 'Approved by') },
  rejectedBy: { title: label('否决人', 'Rejected by') },
  wave: { title: label('批次', 'Wave'), format: 'number' },
  failedDevices: { title: label('失败的设备', 'Devices that failed') },
  failures: { title: label('失败设备数', 'Devices failed'), format: 'number' },
  state: { title: label('状态', 'State'), options: DEVICE_STATE_LABELS },
  count: { title: label('数量', 'Count'), format: 'number' },
  deviceCounts: { title: label('各状态设备数', 'Devices by state') },
  versionBefore: { title: label('升级前版本', 'Version before') },
  versionAfter: { title: label('当前版本', 'Version now') },
  error: { title: label('原因', 'Why') },
  reasons: { title: label('理由', 'Reasons'), help: label('不批准时必填', 'Required when rejecting') },
  note: { title: label('说明', 'Note') },
  decision: {
    title: label('决定', 'Decision'),
    options: {
      approved: label('批准', 'Approve'),
      rejected: label('不批准', 'Reject'),
      continue: label('继续下一批（失败设备保持回退状态）', 'Continue with the next wave (failed devices stay rolled back)'),
      retry: label('重试失败的设备', 'Retry the failed devices'),
      abort: label('中止升级', 'Abort the upgrade'),
    },
  },
  reason: {
    title: label('原因', 'Reason'),
    options: {
      'canary-failed': label('试点设备未通过', 'The canary failed'),
      'threshold-passed': label('失败数超过上限', 'Failures passed the threshold'),
      'window-closed': label('升级窗口已结束', 'The window closed'),
      aborted: label('技术主管中止', 'Aborted by the tech supervisor'),
      rejected: label('计划未获批准', 'The plan was rejected'),
      done: label('全部批次完成', 'Every wave done'),
    },
  },
  upgraded: { title: label('已升级', 'Upgraded'), format: 'number' },
  rolledBack: { title: label('已回退', 'Rolled back'), format: 'number' },
  rollbackFailed: { title: label('回退未成功', 'Rollback failed'), format: 'number' },
  skipped: { title: label('未升级', 'Left out'), format: 'number' },
  outcome: { title: label('结果', 'Outcome') },
  stewardBackup: { title: label('系统数据备份设置', "Steward's backup settings"), format: 'hidden' },
  stewardBackupWorkflowId: { title: label('系统数据备份', "Steward's data backed up"), format: 'process' },
  stewardBackupStatus: { title: label('系统数据备份结果', "Steward's backup"), options: { succeeded: label('成功', 'Succeeded'), failed: label('失败（已报修）', 'Failed (a repair is open)') } },
  drillWorkflowId: { title: label('升级后恢复演练', 'Restore drill after the upgrade'), format: 'process' },
  status: {
    title: label('状态', 'Status'),
    options: { completed: label('已完成', 'Completed'), stopped: label('已停止', 'Stopped'), aborted: label('已中止', 'Aborted'), rejected: label('未获批准', 'Rejected') },
  },
} satisfies Vocabulary;

export const deviceUpgradeProcess = defineProcess({
  name: 'device-upgrade',
  workflowType: 'deviceUpgrade',
  title: { 'zh-CN': '设备固件升级', en: 'Device firmware upgrade' },
  clauses: ['P3.3a', 'P3.3b'],
  startAction: 'device-upgrade.start',
  input: deviceUpgradeInput,
  /** One process per plan: the plan id is the client's, so a retried draft joins it. */
  workflowId: (planId: string) => `device-upgrade-${planId}`,
  steps: DEVICE_UPGRADE_STEPS,
  labels: DEVICE_UPGRADE_LABELS,
  companions: [firmwareAssessment],
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
