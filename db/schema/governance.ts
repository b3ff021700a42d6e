import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---- P2.1a–c: the annual plan, its filing and its projects ----

/** P2.1a–c: the approved plan and budget of a year, kept as a record. */
export const annualPlans = pgTable('annual_plans', {
  workflowId: text('workflow_id').primaryKey(),
  year: integer('year').notNull(),
  status: text('status', { enum: ['approved', 'effective'] }).notNull(),
  plan: jsonb('plan').notNull(),
  budget: jsonb('budget').notNull(),
  evaluationWorkflowId: text('evaluation_workflow_id'),
  approvedBy: text('approved_by').notNull(),
  approvedAt: timestamptz('approved_at').notNull(),
  effectiveAt: timestamptz('effective_at'),
});

/** A project of an annual plan; the hand-over point to procurement (P2.2b). */
export const planProjects = pgTable(
  'plan_projects',
  {
    projectId: text('project_id').primaryKey(),
    planWorkflowId: text('plan_workflow_id').notNull(),
    title: text('title').notNull(),
    priority: smallint('priority').notNull(),
    /** Cost estimate in fen (0.01 yuan), an integer so sums stay exact. */
    estimateFen: bigint('estimate_fen', { mode: 'number' }).notNull(),
    system: text('system'),
    major: boolean('major').notNull(),
    art278Item: smallint('art278_item'),
    voteWorkflowId: text('vote_workflow_id'),
    status: text('status', { enum: ['rejected-by-owners', 'ready-for-procurement'] }).notNull(),
    procurementWorkflowId: text('procurement_workflow_id'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('plan_projects_plan_idx').on(t.planWorkflowId), index('plan_projects_status_idx').on(t.status)],
);

/** P2.1c: the dated filing package with the owners' committee and its receipt (a report, not a vote). */
export const committeeFilings = pgTable(
  'committee_filings',
  {
    workflowId: text('workflow_id').primaryKey(),
    planWorkflowId: text('plan_workflow_id').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    package: jsonb('package').notNull(),
    /** SHA-256 of the package as filed, so the receipt names exactly what was received. */
    packageDigest: text('package_digest').notNull(),
    filedAt: timestamptz('filed_at').notNull(),
    status: text('status', { enum: ['awaiting-receipt', 'acknowledged', 'returned'] }).notNull(),
    receiptNumber: text('receipt_number').unique(),
    decidedBy: text('decided_by'),
    decidedAt: timestamptz('decided_at'),
    comment: text('comment'),
  },
  (t) => [index('committee_filings_year_idx').on(t.year)],
);

// ---- P2.1c and art. 278: the owners' vote ----

export const VOTE_STATUSES = ['notice', 'open', 'counting', 'objection-period', 'final'] as const;

/** One owners' vote; participation figures are a projection updated with every ballot. */
export const ownerVotes = pgTable(
  'owner_votes',
  {
    voteId: text('vote_id').primaryKey(),
    workflowId: text('workflow_id').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    art278Item: smallint('art278_item').notNull(),
    status: text('status', { enum: VOTE_STATUSES }).notNull(),
    requestedBy: text('requested_by'),
    planWorkflowId: text('plan_workflow_id'),
    projectId: text('project_id'),
    noticeAt: timestamptz('notice_at').notNull(),
    opensAt: timestamptz('opens_at').notNull(),
    closesAt: timestamptz('closes_at').notNull(),
    objectionEndsAt: timestamptz('objection_ends_at'),
    rollAreaHundredths: bigint('roll_area_hundredths', { mode: 'number' }),
    rollHeads: integer('roll_heads'),
    rollDigest: text('roll_digest'),
    participatingAreaHundredths: bigint('participating_area_hundredths', { mode: 'number' }).notNull().default(0),
    participatingHeads: integer('participating_heads').notNull().default(0),
    ballotsDigest: text('ballots_digest'),
    result: jsonb('result'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('owner_votes_status_idx').on(t.status, t.opensAt)],
);

/** The voter roll frozen when the vote opens (SPC interpretation arts. 8–9): one row per ballot. */
export const voteRoll = pgTable(
  'vote_roll',
  {
    voteId: text('vote_id').notNull(),
    voterId: text('voter_id').notNull(),
    label: text('label').notNull(),
    ownerIds: text('owner_ids').array().notNull(),
    unitIds: text('unit_ids').array().notNull(),
    areaHundredths: integer('area_hundredths').notNull(),
    developer: boolean('developer').notNull(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.voterId] })],
);

/** Owner → voter on a frozen roll, so a signed-in owner finds their ballot in one lookup. */
export const voteRollOwners = pgTable(
  'vote_roll_owners',
  {
    voteId: text('vote_id').notNull(),
    ownerId: text('owner_id').notNull(),
    voterId: text('voter_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.ownerId] })],
);

/** A proxy recorded by a voter: another owner (who then casts) or a named person (whose paper ballot the committee enters). */
export const voteProxies = pgTable(
  'vote_proxies',
  {
    voteId: text('vote_id').notNull(),
    voterId: text('voter_id').notNull(),
    proxyOwnerId: text('proxy_owner_id'),
    proxyName: text('proxy_name').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.voterId] }), index('vote_proxies_owner_idx').on(t.voteId, t.proxyOwnerId)],
);

/** Ballots, kept for years: one per voter per vote, whoever of its co-owners or its proxy cast it. */
export const ballots = pgTable(
  'ballots',
  {
    voteId: text('vote_id').notNull(),
    voterId: text('voter_id').notNull(),
    choice: text('choice', { enum: ['for', 'against', 'abstain'] }).notNull(),
    castBy: text('cast_by').notNull(),
    /** The proxy's name when a proxy cast the ballot. */
    proxyName: text('proxy_name'),
    castAt: timestamptz('cast_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.voterId] })],
);

/** Objections to a published result, filed within the objection period. */
export const voteObjections = pgTable(
  'vote_objections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    voteId: text('vote_id').notNull(),
    ownerId: text('owner_id').notNull(),
    reason: text('reason').notNull(),
    filedBy: text('filed_by').notNull(),
    filedAt: timestamptz('filed_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('vote_objections_owner_idx').on(t.voteId, t.ownerId)],
);
