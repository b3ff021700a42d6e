import { z } from 'zod';
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

export const replayAuditProcess = defineProcess({
  name: 'replay-audit',
  workflowType: 'replayAudit',
  title: { 'zh-CN': '夜间重放审计', en: 'Nightly replay audit' },
  clauses: ['P3.3b'],
  input: replayAuditInput,
  /** Started by its Schedule, which adds each run's time to this id. */
  workflowId: (scheduleId: string) => scheduleId,
  steps: REPLAY_AUDIT_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
