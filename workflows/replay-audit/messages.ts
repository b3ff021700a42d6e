import { z } from 'zod';
import { fieldMeta } from '../lib/labels';
import { REPLAY_AUDIT_LABELS as LABELS } from './definition';

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
  decision: z.enum(['fix-scheduled', 'no-running-instance-affected']).meta(fieldMeta(LABELS.decision)),
  comment: z.string().trim().min(1).max(2000).meta(fieldMeta(LABELS.comment)),
});

export type DivergenceReview = z.output<typeof divergenceReviewForm>;
