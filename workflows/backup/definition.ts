import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { BACKUP_STEPS } from './steps';

export const BACKUP_RUN_KINDS = ['full', 'incremental', 'drill'] as const;

/** What the Schedule (or a request) starts a run with: configuration is read by the starter, never by the workflow. */
export const backupInput = z.lazy(() =>
  z.object({
    kind: z.enum(BACKUP_RUN_KINDS),
    requestedBy: z.string().nullable(),
    /** The queue of the workers that have the backup tools and reach PostgreSQL's files. */
    toolsTaskQueue: z.string().min(1),
    /** Tries of each backup step before the run counts as failed (a lock held by another run, the target unreachable). */
    attempts: z.number().int().min(1),
    faultRepairTimings: z.object({ diagnosisDueMs: durationMs(), repairSlaMs: durationMs(), vendorReminderMs: durationMs(), verificationDueMs: durationMs() }),
  }),
);
export type BackupInput = z.infer<typeof backupInput>;

/** The wording of a run's data (P5.2b). */
export const BACKUP_LABELS = {
  kind: {
    title: label('类型', 'Kind'),
    options: { full: label('全量备份', 'Full backup'), incremental: label('增量备份', 'Incremental backup'), drill: label('恢复演练', 'Restore drill') },
  },
  requestedBy: { title: label('发起人', 'Requested by') },
  toolsTaskQueue: { title: label('备份工作队列', 'Backup task queue'), format: 'hidden' },
  attempts: { title: label('尝试次数', 'Attempts'), format: 'hidden' },
  faultRepairTimings: { title: label('报修时限', 'Repair timings'), format: 'hidden' },
  label: { title: label('备份标签', 'Backup label') },
  databaseBytes: { title: label('数据库大小（字节）', 'Database size (bytes)') },
  backupBytes: { title: label('本次备份大小（字节）', 'Backup size (bytes)') },
  filesBytes: { title: label('文件新增（字节）', 'Files added (bytes)') },
  chains: { title: label('保留的备份链', 'Chains kept') },
  offsiteBytes: { title: label('异地副本大小（字节）', 'Off-site copy (bytes)') },
  mismatches: { title: label('不一致的表', 'Tables that differ') },
  backupRunId: { title: label('所用备份', 'Backup used'), format: 'hidden' },
  problems: { title: label('问题', 'Problems') },
  error: { title: label('错误', 'Error') },
  faultRepairWorkflowId: { title: label('报修单', 'Fault repair'), format: 'process' },
} satisfies Vocabulary;

export const backupProcess = defineProcess({
  name: 'backup',
  workflowType: 'backup',
  title: { 'zh-CN': '数据备份与恢复演练', en: 'Backup and restore drill' },
  clauses: ['P5.2b'],
  input: backupInput,
  /** A Schedule's id (it adds each run's time), or `backup-<kind>-<request id>` for a run on request. */
  workflowId: (key: string) => key,
  steps: BACKUP_STEPS,
  instanceTitle: {
    keys: ['kind'],
    of: ({ data }) => (data.kind === 'drill' ? label('恢复演练', 'Restore drill') : data.kind === 'full' ? label('全量备份', 'Full backup') : label('增量备份', 'Incremental backup')),
  },
  labels: BACKUP_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
