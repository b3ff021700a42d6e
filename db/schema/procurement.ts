import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { SUPPLIER_DOCUMENT_KINDS, SYSTEMS } from '../../contracts/vocabulary';
import { users, vendors } from './core';
import { dataKeys } from './sealed';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** P2.2a: what a supplier registers with: licence, certificates, references, each with its expiry. */
export const supplierDocuments = pgTable(
  'supplier_documents',
  {
    id: text('id').primaryKey(),
    vendorId: text('vendor_id').notNull().references(() => vendors.id),
    kind: text('kind', { enum: SUPPLIER_DOCUMENT_KINDS }).notNull(),
    title: text('title').notNull(),
    number: text('number'),
    issuedOn: date('issued_on', { mode: 'string' }),
    /** Null: does not expire (a reference letter). */
    expiresOn: date('expires_on', { mode: 'string' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('supplier_documents_vendor_idx').on(t.vendorId), index('supplier_documents_expiry_idx').on(t.expiresOn)],
);

/** P2.2a: one qualification review (initial or periodic), the four scores and the verdict. */
export const qualificationReviews = pgTable(
  'qualification_reviews',
  {
    workflowId: text('workflow_id').primaryKey(),
    vendorId: text('vendor_id').notNull().references(() => vendors.id),
    kind: text('kind', { enum: ['initial', 'requalification'] }).notNull(),
    qualification: smallint('qualification').notNull(),
    reputation: smallint('reputation').notNull(),
    technicalStrength: smallint('technical_strength').notNull(),
    afterSales: smallint('after_sales').notNull(),
    total: integer('total').notNull(),
    decision: text('decision', { enum: ['qualified', 'rejected'] }).notNull(),
    comment: text('comment'),
    reviewedBy: text('reviewed_by').notNull(),
    reviewedAt: timestamptz('reviewed_at').notNull(),
  },
  (t) => [index('qualification_reviews_vendor_idx').on(t.vendorId, t.reviewedAt)],
);

export const PROCUREMENT_METHODS = ['inquiry', 'tender', 'negotiation'] as const;
export const PROCUREMENT_STATUSES = ['planning', 'bidding', 'opened', 'evaluating', 'contracting', 'contracted', 'cancelled'] as const;

/** P2.2b: one procurement of one project. Amounts are whole yuan (CNY). */
export const procurements = pgTable(
  'procurements',
  {
    workflowId: text('workflow_id').primaryKey(),
    projectId: text('project_id').notNull(),
    planWorkflowId: text('plan_workflow_id'),
    title: text('title').notNull(),
    estimateYuan: bigint('estimate_yuan', { mode: 'number' }).notNull(),
    system: text('system', { enum: SYSTEMS }),
    requirements: text('requirements'),
    method: text('method', { enum: PROCUREMENT_METHODS }),
    methodReason: text('method_reason'),
    status: text('status', { enum: PROCUREMENT_STATUSES }).notNull().default('planning'),
    bidDeadline: timestamptz('bid_deadline'),
    /** Set by the process at the deadline; until then no bid content leaves the database. */
    openedAt: timestamptz('opened_at'),
    awardedBidId: text('awarded_bid_id'),
    awardedVendorId: text('awarded_vendor_id').references(() => vendors.id),
    contractId: text('contract_id'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('procurements_project_idx').on(t.projectId)],
);

/** P2.2b: the registry suppliers invited to bid; nobody else may. */
export const procurementInvitations = pgTable(
  'procurement_invitations',
  {
    procurementWorkflowId: text('procurement_workflow_id').notNull().references(() => procurements.workflowId),
    vendorId: text('vendor_id').notNull().references(() => vendors.id),
    invitedAt: timestamptz('invited_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.procurementWorkflowId, t.vendorId] })],
);

/**
 * P2.2b: a sealed bid. Its content is encrypted at rest and only opened after `procurements.opened_at`
 * (the API enforces it for every role); before that the supplier sees its receipt: the SHA-256 of the
 * content and the time.
 */
export const bids = pgTable(
  'bids',
  {
    id: text('id').primaryKey(),
    procurementWorkflowId: text('procurement_workflow_id').notNull().references(() => procurements.workflowId),
    vendorId: text('vendor_id').notNull().references(() => vendors.id),
    submittedBy: text('submitted_by').notNull().references(() => users.id),
    submittedAt: timestamptz('submitted_at').notNull(),
    /** Price, technical proposal, delivery date, after-sales terms: JSON sealed under `data_key_id`. */
    sealedContent: text('sealed_content').notNull(),
    dataKeyId: text('data_key_id').references(() => dataKeys.id),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [uniqueIndex('bids_one_per_supplier_idx').on(t.procurementWorkflowId, t.vendorId)],
);

/** P2.2b: an evaluation panel member and their conflict-of-interest declaration. */
export const panelMembers = pgTable(
  'panel_members',
  {
    procurementWorkflowId: text('procurement_workflow_id').notNull().references(() => procurements.workflowId),
    userId: text('user_id').notNull().references(() => users.id),
    conflict: boolean('conflict'),
    statement: text('statement'),
    declaredAt: timestamptz('declared_at'),
  },
  (t) => [primaryKey({ columns: [t.procurementWorkflowId, t.userId] })],
);

/** P2.2b: one member's scores for one bid (0–100 each) and the weighted result. */
export const bidScores = pgTable(
  'bid_scores',
  {
    procurementWorkflowId: text('procurement_workflow_id').notNull().references(() => procurements.workflowId),
    userId: text('user_id').notNull().references(() => users.id),
    bidId: text('bid_id').notNull().references(() => bids.id),
    price: smallint('price').notNull(),
    technical: smallint('technical').notNull(),
    afterSales: smallint('after_sales').notNull(),
    weighted: integer('weighted_x100').notNull(),
    scoredAt: timestamptz('scored_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.procurementWorkflowId, t.userId, t.bidId] })],
);

/** P2.2b: the contract: rights and obligations, specs, price, delivery date, after-sales terms, repair SLA. */
export const procurementContracts = pgTable('procurement_contracts', {
  id: text('id').primaryKey(),
  procurementWorkflowId: text('procurement_workflow_id')
    .notNull()
    .unique()
    .references(() => procurements.workflowId),
  vendorId: text('vendor_id').notNull().references(() => vendors.id),
  bidId: text('bid_id').notNull().references(() => bids.id),
  system: text('system', { enum: SYSTEMS }),
  priceYuan: bigint('price_yuan', { mode: 'number' }).notNull(),
  rightsAndObligations: text('rights_and_obligations').notNull(),
  specs: text('specs').notNull(),
  deliveryDate: date('delivery_date', { mode: 'string' }).notNull(),
  afterSalesTerms: text('after_sales_terms').notNull(),
  repairSlaSeconds: integer('repair_sla_seconds').notNull(),
  approvedBy: text('approved_by'),
  signedAt: timestamptz('signed_at').notNull(),
  data: jsonb('data').notNull().default(sql`'{}'`),
});
