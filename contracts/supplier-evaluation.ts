import { z } from 'zod';

export const evaluationRequest = z.object({
  /** Chosen by the client once per request, so a retried submission starts one process. */
  requestId: z.uuid(),
  vendorId: z.string().min(1),
  periodFrom: z.iso.datetime({ offset: true }).optional(),
  periodTo: z.iso.datetime({ offset: true }).optional(),
});
export type EvaluationRequest = z.input<typeof evaluationRequest>;

export const evaluationQuery = z.object({ vendorId: z.string().min(1).optional() });

export const evaluationRow = z.object({
  workflowId: z.string(),
  round: z.number(),
  vendorId: z.string(),
  trigger: z.string(),
  technologyScore: z.number().nullable(),
  userScore: z.number().nullable(),
  slaScore: z.number().nullable(),
  ratingScore: z.number().nullable(),
  repairsOnTime: z.number(),
  repairsLate: z.number(),
  score: z.number(),
  poor: z.boolean(),
  evaluatedAt: z.string(),
});
export type EvaluationRow = z.infer<typeof evaluationRow>;

/** A supplier as P2.2c leaves it: contracts in force, penalties, termination. */
export const supplierStatus = z.object({
  vendorId: z.string(),
  name: z.string(),
  activeContracts: z.number(),
  status: z.enum(['active', 'terminated']),
  terminatedAt: z.string().nullable(),
  penalties: z.number(),
});
export type SupplierStatus = z.infer<typeof supplierStatus>;
