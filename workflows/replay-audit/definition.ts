import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { REPLAY_AUDIT_STEPS } from './steps';

/** Durations are configuration, passed by the Schedule. */
export const replayAuditInput = z.lazy(() =>
  z.object({
    /** Instances that closed or moved within this much time before the run are replayed. */
    lookbackMs: durationMs(),
    reviewDueMs: durationMs(),
  }),
);
export type ReplayAuditInput = z.infer<typeof replayAuditInput>;

/** The wording of the divergence review (P3.3b). */
export const REPLAY_AUDIT_LABELS = {
  since: { title: label('核查起点', 'Since'), format: 'date-time' },
  replayed: { title: label('已重放实例', 'Instances replayed') },
  missing: { title: label('历史已不存在', 'Histories no longer held') },
  divergenceCount: { title: label('无法重现', 'No longer reproduce') },
  divergences: { title: label('分歧', 'Divergences') },
  workflowId: { title: label('流程实例', 'Instance'), format: 'process' },
  process: { title: label('流程', 'Process'), format: 'process-name' },
  eventId: { title: label('历史事件序号', 'History event') },
  recorded: { title: label('历史记录', 'Recorded') },
  now: { title: label('当前代码', 'Current code') },
  decision: {
    title: label('处理', 'Decision'),
    options: {
      'fix-scheduled': label('已安排修复：撤回改动或加 patched() 后再上线', 'Fix scheduled: the change is reverted or put behind patched() before it reaches running processes'),
      'no-running-instance-affected': label('不影响运行中的流程：只有已结束的实例分歧', 'No running instance affected: only closed instances diverge'),
    },
  },
  comment: { title: label('说明', 'Comment'), help: label('发现了什么，将如何处理', 'What was found and what will be done') },
  review: { title: label('复核', 'Review') },
} satisfies Vocabulary;

export const replayAuditProcess = defineProcess({
  name: 'replay-audit',
  workflowType: 'replayAudit',
  title: { 'zh-CN': '夜间重放审计', en: 'Nightly replay audit' },
  clauses: ['P3.3b'],
  input: replayAuditInput,
  /** Started by its Schedule, which adds each run's time to this id. */
  workflowId: (scheduleId: string) => scheduleId,
  steps: REPLAY_AUDIT_STEPS,
  instanceTitle: { keys: [], of: () => label('每晚历史重放核查', 'Nightly replay audit') },
  labels: REPLAY_AUDIT_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
