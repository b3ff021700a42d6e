import { z } from 'zod';
export { completeTaskUpdate, progressQuery } from '../lib/messages';
import { fieldMeta } from '../lib/labels';
import { ACCESS_ANOMALY_LABELS as LABELS, RULE_LABELS, type AnomalyRule } from './definition';
import { fieldText } from '../../contracts/problem-texts';

export { anomalyRule, type AccessAnomalyInput, type AccessAnomalyTimings, type AnomalyRule } from './definition';

export interface AccessAnomalyOutcome {
  finding: 'legitimate' | 'misuse';
  note: string;
  reviewedBy: string;
  reviewedAt: string;
}

/** A rule's title in both languages, as the process's title and its history name it. */
export const RULE_TITLES = Object.fromEntries(Object.entries(RULE_LABELS).map(([rule, text]) => [rule, `${text['zh-CN']} ${text.en}`])) as Record<AnomalyRule, string>;

/** The security supervisor's finding: a legitimate need, or misuse (which needs a note and goes to management). */
export const reviewForm = z
  .object({
    finding: z.enum(['legitimate', 'misuse']).meta(fieldMeta(LABELS.finding)),
    note: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.note)),
  })
  .refine((form) => form.finding === 'legitimate' || (form.note ?? '').length > 0, { message: fieldText('say-what-was-misused'), path: ['note'] });
