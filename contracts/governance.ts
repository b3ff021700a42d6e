import { z } from 'zod';
import { fieldText } from './problem-texts';

// ---- annual plans and committee filings (P2.1a–c) ----

export const planRequest = z.object({
  /** Chosen by the client once, so a retried request starts one plan. */
  planId: z.uuid(),
  year: z.number().int().min(2000).max(2200),
});
export type PlanRequest = z.input<typeof planRequest>;

export const filingView = z.object({
  workflowId: z.string(),
  planWorkflowId: z.string(),
  year: z.number().int(),
  title: z.string(),
  packageDigest: z.string(),
  filedAt: z.string(),
  status: z.string(),
  receiptNumber: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});
export type Filing = z.infer<typeof filingView>;

export const filingDetail = filingView.extend({ package: z.record(z.string(), z.unknown()) });
export type FilingDetail = z.infer<typeof filingDetail>;

export const planView = z.object({
  workflowId: z.string(),
  year: z.number().int(),
  status: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
  effectiveAt: z.string().nullable(),
  projects: z.array(
    z.object({
      projectId: z.string(),
      title: z.string(),
      priority: z.number().int(),
      estimateYuan: z.number(),
      major: z.boolean(),
      art278Item: z.number().int().nullable(),
      status: z.string(),
      voteWorkflowId: z.string().nullable(),
      procurementWorkflowId: z.string().nullable(),
    }),
  ),
});
export type AnnualPlan = z.infer<typeof planView>;

// ---- owners' votes (P2.1c, Civil Code art. 278) ----

const art278Item = z
  .number()
  .int()
  .min(1)
  .max(9)
  .meta({ title: '民法典第278条事项 Art. 278 item', description: '6–8 need 3/4; the others more than 1/2' });

/** P2.1c: a matter put to the owners' general assembly. */
export const voteRequest = z.object({
  /** Chosen by the requester once, so a retried request opens one vote. */
  voteId: z.string().regex(/^[a-z0-9][a-z0-9.-]{2,120}$/, fieldText('vote-id-format')),
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().min(3).max(4000),
  item: art278Item,
});
export type VoteRequest = z.input<typeof voteRequest>;

export const voteRequested = z.object({ workflowId: z.string(), voteId: z.string() });

export const ballotRequest = z.object({
  choice: z.enum(['for', 'against', 'abstain']),
  /** A proxy casts for the voter who recorded them. */
  onBehalfOf: z.string().min(1).optional(),
});
export type BallotRequest = z.input<typeof ballotRequest>;
export type BallotChoice = BallotRequest['choice'];

export const proxyRequest = z
  .object({
    proxyOwnerId: z.string().min(1).optional(),
    proxyName: z.string().trim().min(2).max(200).optional(),
  })
  .refine((proxy) => proxy.proxyOwnerId || proxy.proxyName, { message: fieldText('name-a-proxy'), path: ['proxyName'] });
export type ProxyRequest = z.input<typeof proxyRequest>;

export const objectionRequest = z.object({ reason: z.string().trim().min(3).max(4000) });
export type ObjectionRequest = z.input<typeof objectionRequest>;

const weight = z.object({ areaHundredths: z.number().int(), heads: z.number().int() });

export const participationView = z.object({
  area: z.number().int(),
  heads: z.number().int(),
  rollArea: z.number().int().nullable(),
  rollHeads: z.number().int().nullable(),
  areaPercent: z.number().nullable(),
  headsPercent: z.number().nullable(),
  /** Whether 2/3 of the area and of the heads already took part (art. 278), compared exactly. */
  quorum: z.object({ area: z.boolean(), heads: z.boolean() }),
});
export type Participation = z.infer<typeof participationView>;

export const voteView = z.object({
  voteId: z.string(),
  workflowId: z.string(),
  title: z.string(),
  description: z.string(),
  item: z.number().int(),
  status: z.string(),
  noticeAt: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  objectionEndsAt: z.string().nullable(),
  planWorkflowId: z.string().nullable(),
  participation: participationView,
  rollDigest: z.string().nullable(),
  ballotsDigest: z.string().nullable(),
  result: z
    .object({
      outcome: z.string(),
      rule: z.string(),
      quorum: z.object({ area: z.boolean(), heads: z.boolean() }),
      approval: z.object({ area: z.boolean(), heads: z.boolean() }),
      participating: weight,
      totals: z.object({ roll: weight, for: weight, against: weight, abstain: weight }),
    })
    .nullable(),
  /** For a signed-in owner: their place on the roll, their ballot, the proxy they recorded, and whom they hold a proxy for. */
  me: z
    .object({
      voterId: z.string().nullable(),
      ballot: z.object({ choice: z.string(), castAt: z.string(), castBy: z.string(), proxyName: z.string().nullable() }).nullable(),
      proxy: z.object({ proxyOwnerId: z.string().nullable(), proxyName: z.string() }).nullable(),
      proxyFor: z.array(z.object({ voterId: z.string(), label: z.string(), voted: z.boolean() })),
    })
    .nullable(),
});
export type Vote = z.infer<typeof voteView>;

/** Live participation, with the vote's status. */
export const voteParticipation = participationView.extend({ status: z.string() });
export type VoteParticipation = z.infer<typeof voteParticipation>;

export const ballotCast = z.object({ voterId: z.string(), choice: z.string(), castAt: z.string(), repeated: z.boolean(), participation: participationView });
export type BallotCast = z.infer<typeof ballotCast>;

export const proxyRecorded = z.object({ voterId: z.string(), proxyOwnerId: z.string().nullable(), proxyName: z.string() });

export const objectionFiled = z.object({ voteId: z.string(), filed: z.boolean() });
