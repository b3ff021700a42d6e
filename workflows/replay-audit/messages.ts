import { z } from 'zod';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { ReplayAuditInput } from './definition';

/** One instance whose recorded history the current code no longer reproduces. */
export interface ReplayDivergence {
  workflowId: string;
  process: string;
  eventId: number;
  recorded: string;
  now: string;
}

export interface ReplayAuditReport {
  since: string;
  replayed: number;
  /** Instances whose history neither Temporal nor the archive holds any more. */
  missing: number;
  divergenceCount: number;
  /** The first divergences (a task's context stays small); `divergenceCount` counts them all. */
  divergences: ReplayDivergence[];
}

export interface ReplayAuditOutcome {
  replayed: number;
  divergenceCount: number;
  review: { decision: DivergenceReview['decision']; by: string } | null;
}

/** P3.3b: the tech supervisor says what is done about the divergences. */
export const divergenceReviewForm = z.object({
  decision: z.enum(['fix-scheduled', 'no-running-instance-affected']).meta({
    title: '处理 Decision',
    description: 'fix-scheduled: the change is reverted or put behind patched() before it reaches running processes; no-running-instance-affected: only closed instances diverge',
  }),
  comment: z.string().trim().min(1).max(2000).meta({ title: '说明 Comment', description: 'What was found and what will be done' }),
});

export type DivergenceReview = z.output<typeof divergenceReviewForm>;
