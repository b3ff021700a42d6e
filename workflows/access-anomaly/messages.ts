import { z } from 'zod';
export { completeTaskUpdate, progressQuery } from '../lib/messages';
import type { AnomalyRule } from './definition';
import { fieldText } from '../../contracts/problem-texts';

export { anomalyRule, type AccessAnomalyInput, type AccessAnomalyTimings, type AnomalyRule } from './definition';

export interface AccessAnomalyOutcome {
  finding: 'legitimate' | 'misuse';
  note: string;
  reviewedBy: string;
  reviewedAt: string;
}

export const RULE_TITLES: Record<AnomalyRule, string> = {
  'many-people': '短时间内查阅多人记录 Many people read in a short time',
  'off-shift': '非当班时间查阅 Read outside the shift',
  'bulk-export': '批量导出 Bulk export',
};

/** The security supervisor's finding: a legitimate need, or misuse (which needs a note and goes to management). */
export const reviewForm = z
  .object({
    finding: z.enum(['legitimate', 'misuse']).meta({ title: '结论 Finding', description: 'legitimate: a duty explains the reads; misuse: they were not needed' }),
    note: z.string().trim().max(2000).optional().meta({ title: '说明 Note', description: 'What explains the reads, or what was misused; required for misuse' }),
  })
  .refine((form) => form.finding === 'legitimate' || (form.note ?? '').length > 0, { message: fieldText('say-what-was-misused'), path: ['note'] });
