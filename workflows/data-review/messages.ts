import { z } from 'zod';
import type { DiffRow, StandardCheck } from '../../contracts/data-review';
import { DIFF_CHOICE_FIELDS } from '../../contracts/vocabulary';
import { fieldText } from '../../contracts/problem-texts';
import { fieldMeta } from '../lib/labels';
import { DATA_REVIEW_LABELS as LABELS } from './definition';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { DataReviewInput, DataReviewTimings } from './definition';

/** A change as its review reads it (P5.1a): the revision under review, its diff and the collection standard's checks. */
export interface ChangeUnderReview {
  revision: number;
  diff: DiffRow[];
  checks: StandardCheck[];
  /** Registered areas and ownership weigh on votes and fees: management approves them second. */
  needsSecondApproval: boolean;
}


/** The diff as a task shows it: text and numbers as they are, choices (`from`, `to`) worded by the process's labels. */
export function diffForTask(diff: readonly DiffRow[]) {
  return {
    diff: diff.filter((row) => !DIFF_CHOICE_FIELDS.includes(row.field)),
    choices: diff.filter((row) => DIFF_CHOICE_FIELDS.includes(row.field)).map(({ field, before, after }) => ({ field, from: before, to: after })),
  };
}

/** What a task names an imported sheet by (its rows are on the change's page). */
export const IMPORT_TITLES = { unit: '批量导入房屋', 'unit-owner': '批量导入业主', user: '批量导入员工账号', device: '批量导入设备', resident: '批量导入住户', zone: '批量导入区域', 'guard-shift': '批量导入排班' } as const;

/** Who decided a step, and when. */
export interface Decider {
  userId: string;
  displayName: string;
  at: string;
}

export type ApplyResult = { applied: true } | { applied: false; reasons: string[] };

export interface DataReviewOutcome {
  status: 'applied' | 'withdrawn';
  revision: number;
  checkedBy: string | null;
  approvedBy: string | null;
}

/** The checker's and management's decision (P5.1b): approve, or return with reasons. */
export const decisionForm = z
  .object({
    decision: z.enum(['approved', 'returned']).meta(fieldMeta(LABELS.decision)),
    reasons: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.reasons)),
  })
  .refine((form) => form.decision === 'approved' || (form.reasons ?? '').length >= 3, { message: fieldText('say-what-to-change'), path: ['reasons'] });
export type DecisionForm = z.output<typeof decisionForm>;

/**
 * The maker's answer to a return: resubmit (the corrected draft, written through PUT /data-changes/:changeId, or
 * as it was) or withdraw it.
 */
export const correctionForm = z.object({
  decision: z.enum(['resubmit', 'withdraw']).meta(fieldMeta(LABELS.decision)),
});
export type CorrectionForm = z.output<typeof correctionForm>;
