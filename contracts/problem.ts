import { z } from 'zod';

/** A field the request got wrong, and why; `field` is its dotted path (`location.unitId`, `payload.cause`). */
export const fieldProblem = z.object({ field: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof fieldProblem>;

/**
 * Every error answer: `application/problem+json` (RFC 9457), with the fields at fault. Title, detail and
 * messages are in the language the request's Accept-Language asks for (zh-CN or English); `code` names the
 * refusal for clients that act on it (contracts/problem-texts.ts).
 */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(fieldProblem).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
