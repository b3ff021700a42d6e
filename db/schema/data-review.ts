import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { DATA_CHANGE_ACTIONS, DATA_CHANGE_KINDS, DATA_CHANGE_OUTCOMES, DATA_CHANGE_STATUSES } from '../../contracts/vocabulary';
import { owners, users } from './core';
import { dataKeys } from './sealed';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * P5.1b: a change to master data entered by its maker, waiting as a draft that changes nothing until its checker
 * (and, for areas and ownership, management) approves it. The id is the client's, so a retried submit is one change.
 */
export const dataChanges = pgTable(
  'data_changes',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').notNull().unique(),
    kind: text('kind', { enum: DATA_CHANGE_KINDS }).notNull(),
    action: text('action', { enum: DATA_CHANGE_ACTIONS }).notNull(),
    /** The unit or staff user the change is about; an import's own id (its change id). */
    recordId: text('record_id').notNull(),
    makerId: text('maker_id').notNull(),
    makerName: text('maker_name').notNull(),
    status: text('status', { enum: DATA_CHANGE_STATUSES }).notNull(),
    /** Counts the maker's corrections: a review decides one revision, and only that one is applied. */
    revision: integer('revision').notNull().default(1),
    /** The values after the change; an owner's identity document only masked (the number is sealed below). */
    proposal: jsonb('proposal').notNull(),
    sealedIdDocument: text('sealed_id_document'),
    dataKeyId: text('data_key_id').references(() => dataKeys.id),
    submittedAt: timestamptz('submitted_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [index('data_changes_record_idx').on(t.recordId, t.submittedAt)],
);

/** A record's history of changes: every return, withdrawal and application, with maker, checker, approver, times and the diff. */
export const dataChangeHistory = pgTable(
  'data_change_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    changeId: text('change_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    kind: text('kind', { enum: DATA_CHANGE_KINDS }).notNull(),
    action: text('action', { enum: DATA_CHANGE_ACTIONS }).notNull(),
    recordId: text('record_id').notNull(),
    revision: integer('revision').notNull(),
    outcome: text('outcome', { enum: DATA_CHANGE_OUTCOMES }).notNull(),
    /** Field by field, before and after (identity documents masked). */
    diff: jsonb('diff').notNull(),
    reasons: text('reasons'),
    makerId: text('maker_id').notNull(),
    makerName: text('maker_name').notNull(),
    submittedAt: timestamptz('submitted_at').notNull(),
    checkerId: text('checker_id'),
    checkerName: text('checker_name'),
    checkedAt: timestamptz('checked_at'),
    approverId: text('approver_id'),
    approverName: text('approver_name'),
    approvedAt: timestamptz('approved_at'),
    at: timestamptz('at').notNull().default(sql`now()`),
  },
  (t) => [
    // A retried activity records its decision once (an import's once per record it writes).
    uniqueIndex('data_change_history_decision_idx').on(t.changeId, t.recordId, t.revision, t.outcome),
    index('data_change_history_record_idx').on(t.recordId, t.at),
  ],
);

/**
 * P5.1a–b: the rows of an imported sheet under review, as the draft keeps them: what each writes (identity document
 * numbers only masked; the numbers are sealed with the draft) and its diff. Replaced whole by a correction.
 */
export const dataChangeRows = pgTable(
  'data_change_rows',
  {
    changeId: text('change_id')
      .notNull()
      .references(() => dataChanges.id),
    /** The sheet's row number (the header is row 1). */
    row: integer('row').notNull(),
    /** The unit or staff user the row writes. */
    recordId: text('record_id').notNull(),
    values: jsonb('values').notNull(),
    /** Field by field, before and after, as the checker reads the row. */
    diff: jsonb('diff').notNull(),
  },
  (t) => [primaryKey({ columns: [t.changeId, t.row] })],
);

/**
 * A new owner's invitation to the owner portal (issue 12): a one-time link to choose a username and password, sent
 * when the review that registers them is applied. Only the token's SHA-256 is kept; the link goes out in its
 * notification.
 */
export const ownerInvitations = pgTable(
  'owner_invitations',
  {
    tokenHash: text('token_hash').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => owners.id),
    /** The change that registered the owner. */
    changeId: text('change_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    acceptedAt: timestamptz('accepted_at'),
    /** The portal account the owner made with it. */
    userId: text('user_id').references(() => users.id),
  },
  (t) => [index('owner_invitations_owner_idx').on(t.ownerId)],
);
