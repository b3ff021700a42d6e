import { z } from 'zod';

/** P2.3c: the team, the signatures and, once passed, the report of an acceptance. */
export const acceptanceView = z.object({
  workflowId: z.string(),
  team: z.array(z.object({ userId: z.string(), displayName: z.string(), department: z.string() })),
  signatures: z.array(z.object({ round: z.number(), userId: z.string(), signedAs: z.string(), signedAt: z.string() })),
  report: z.object({ rounds: z.number(), checklist: z.unknown(), warrantyStartsAt: z.string().nullable(), warrantyEndsAt: z.string().nullable(), createdAt: z.string() }).nullable(),
});
export type AcceptanceView = z.infer<typeof acceptanceView>;
