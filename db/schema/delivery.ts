import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { vendors } from './core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---- P2.3a–b: project delivery ----

/**
 * One row per delivery process: the contract it delivers (by id: the contracts table lives in the
 * procurement domain), its plan, and the warranty that acceptance starts.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    workflowId: text('workflow_id').primaryKey(),
    contractId: text('contract_id').notNull(),
    procurementWorkflowId: text('procurement_workflow_id'),
    projectId: text('project_id').notNull(),
    vendorId: text('vendor_id').notNull().references(() => vendors.id),
    title: text('title').notNull(),
    deliveryDate: timestamptz('delivery_date').notNull(),
    status: text('status', { enum: ['planning', 'in-progress', 'delivered', 'accepted'] }).notNull(),
    system: text('system'),
    projectLead: text('project_lead'),
    phases: jsonb('phases'),
    qualityRequirements: text('quality_requirements'),
    deliveredAt: timestamptz('delivered_at'),
    acceptanceWorkflowId: text('acceptance_workflow_id'),
    warrantyStartsAt: timestamptz('warranty_starts_at'),
    warrantyEndsAt: timestamptz('warranty_ends_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('deliveries_vendor_idx').on(t.vendorId), index('deliveries_contract_idx').on(t.contractId)],
);

export const deliveryMilestones = pgTable(
  'delivery_milestones',
  {
    workflowId: text('workflow_id').notNull(),
    milestoneId: text('milestone_id').notNull(),
    name: text('name').notNull(),
    dueAt: timestamptz('due_at').notNull(),
    reachedAt: timestamptz('reached_at'),
    overdueAt: timestamptz('overdue_at'),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.milestoneId] })],
);

export const progressReports = pgTable('progress_reports', {
  /** The report task's id: a retried write is the same row. */
  taskId: text('task_id').primaryKey(),
  workflowId: text('workflow_id').notNull(),
  reportedBy: text('reported_by').notNull(),
  reportedAt: timestamptz('reported_at').notNull(),
  summary: text('summary').notNull(),
  percentComplete: smallint('percent_complete').notNull(),
  milestonesReached: text('milestones_reached').array().notNull(),
  deliveryComplete: boolean('delivery_complete').notNull(),
});

/** The issues log of a delivery: entries from progress reports and from the API. */
export const deliveryIssues = pgTable(
  'delivery_issues',
  {
    /** Chosen by the writer (API client or report task), so a retry adds one entry. */
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').notNull(),
    title: text('title').notNull(),
    severity: text('severity', { enum: ['low', 'medium', 'high'] }).notNull(),
    source: text('source', { enum: ['report', 'api', 'milestone'] }).notNull(),
    raisedBy: text('raised_by').notNull(),
    raisedAt: timestamptz('raised_at').notNull().defaultNow(),
    resolvedAt: timestamptz('resolved_at'),
  },
  (t) => [index('delivery_issues_workflow_idx').on(t.workflowId, t.raisedAt)],
);

// ---- P2.3c: project acceptance ----

export const acceptanceTeamMembers = pgTable(
  'acceptance_team_members',
  {
    workflowId: text('workflow_id').notNull(),
    userId: text('user_id').notNull(),
    department: text('department', { enum: ['technology', 'business', 'owner'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.userId] })],
);

export const acceptanceSignatures = pgTable(
  'acceptance_signatures',
  {
    workflowId: text('workflow_id').notNull(),
    round: integer('round').notNull(),
    userId: text('user_id').notNull(),
    signedAs: text('signed_as').notNull(),
    comment: text('comment'),
    signedAt: timestamptz('signed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.round, t.userId] })],
);

/** P2.3c: the acceptance report, kept as a record (the PDF itself, base64). */
export const acceptanceReports = pgTable('acceptance_reports', {
  workflowId: text('workflow_id').primaryKey(),
  deliveryWorkflowId: text('delivery_workflow_id'),
  contractId: text('contract_id').notNull(),
  vendorId: text('vendor_id').notNull(),
  title: text('title').notNull(),
  checklist: jsonb('checklist').notNull(),
  rounds: integer('rounds').notNull(),
  pdf: text('pdf').notNull(),
  warrantyStartsAt: timestamptz('warranty_starts_at'),
  warrantyEndsAt: timestamptz('warranty_ends_at'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

// ---- P2.2c: supplier evaluation ----

export const supplierEvaluations = pgTable(
  'supplier_evaluations',
  {
    workflowId: text('workflow_id').notNull(),
    round: integer('round').notNull(),
    vendorId: text('vendor_id').notNull().references(() => vendors.id),
    trigger: text('trigger', { enum: ['quarterly', 'on-demand'] }).notNull(),
    technologyScore: smallint('technology_score'),
    userScore: smallint('user_score'),
    /** Share of the vendor's repairs finished within its SLA, 0–100; null without repairs. */
    slaScore: numeric('sla_score', { precision: 5, scale: 1 }),
    ratingScore: numeric('rating_score', { precision: 5, scale: 1 }),
    repairsOnTime: integer('repairs_on_time').notNull(),
    repairsLate: integer('repairs_late').notNull(),
    ratings: integer('ratings').notNull(),
    score: numeric('score', { precision: 5, scale: 1 }).notNull(),
    poor: boolean('poor').notNull(),
    evaluatedAt: timestamptz('evaluated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.round] }), index('supplier_evaluations_vendor_idx').on(t.vendorId, t.evaluatedAt)],
);

export const supplierPenalties = pgTable('supplier_penalties', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** One penalty per evaluation process. */
  workflowId: text('workflow_id').notNull().unique(),
  vendorId: text('vendor_id').notNull().references(() => vendors.id),
  amount: numeric('amount', { precision: 12, scale: 2 }).notNull(),
  contractClause: text('contract_clause').notNull(),
  reason: text('reason').notNull(),
  imposedBy: text('imposed_by').notNull(),
  imposedAt: timestamptz('imposed_at').notNull(),
});

/** The registry's termination state, kept here so the core vendors table stays untouched. */
export const vendorTerminations = pgTable('vendor_terminations', {
  vendorId: text('vendor_id').primaryKey().references(() => vendors.id),
  workflowId: text('workflow_id').notNull(),
  approvedBy: text('approved_by').notNull(),
  reason: text('reason').notNull(),
  terminatedAt: timestamptz('terminated_at').notNull(),
});
