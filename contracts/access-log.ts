import { z } from 'zod';
import { ACCESS_KINDS, ACCESS_SCOPES, ANOMALY_RULES } from './vocabulary';
import { fieldText } from './problem-texts';

const instant = z.iso.datetime({ offset: true });

export const accessLogQuery = z
  .object({
    /** Whom the data is about (an access person, user or owner id). */
    subject: z.string().trim().min(1).max(200).optional(),
    /** Who read it (a user id). */
    actor: z.string().trim().min(1).max(200).optional(),
    record: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(ACCESS_KINDS).optional(),
    from: instant.optional(),
    to: instant.optional(),
    cursor: z.string().regex(/^\d{1,18}$/, fieldText('invalid-cursor')).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), { message: fieldText('after-from'), path: ['to'] });
export type AccessLogQuery = z.output<typeof accessLogQuery>;

export const accessLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string().nullable(),
  actorRoles: z.array(z.string()),
  kind: z.enum(ACCESS_KINDS),
  scope: z.enum(ACCESS_SCOPES),
  recordIds: z.array(z.string()),
  subjectIds: z.array(z.string()),
  route: z.string(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntry>;

export const verification = z.object({
  intact: z.boolean(),
  rows: z.number().int(),
  /** The first row whose own hash does not match its content (`content`) or whose prev_hash is not the previous row's hash (`link`). */
  firstBroken: z.object({ id: z.number().int(), reason: z.enum(['content', 'link']) }).nullable(),
  checkedAt: z.string(),
  durationMs: z.number().int(),
});
export type Verification = z.infer<typeof verification>;

export const alertView = z.object({
  id: z.string(),
  rule: z.enum(ANOMALY_RULES),
  actorId: z.string(),
  actorName: z.string().nullable(),
  windowStart: z.string(),
  windowEnd: z.string(),
  observed: z.number().int(),
  threshold: z.number().int(),
  workflowId: z.string(),
  finding: z.enum(['legitimate', 'misuse']).nullable(),
  note: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type AccessAlert = z.infer<typeof alertView>;
