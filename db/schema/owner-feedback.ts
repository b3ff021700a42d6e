import { check, index, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { DEPARTMENTS, FEEDBACK_CATEGORIES, FEEDBACK_RESOLUTIONS } from '../../contracts/vocabulary';
import { buildings, units, users } from './core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * P4.1a–b: an owner's complaint, inquiry or suggestion, written when it is submitted (with its photos, in one
 * transaction) and closed by its process. The owner reads it and its thread on their feedback page.
 */
export const ownerFeedback = pgTable(
  'owner_feedback',
  {
    workflowId: text('workflow_id').primaryKey(),
    submittedBy: text('submitted_by')
      .notNull()
      .references(() => users.id),
    category: text('category', { enum: FEEDBACK_CATEGORIES }).notNull(),
    text: text('text').notNull(),
    buildingId: text('building_id')
      .notNull()
      .references(() => buildings.id),
    unitId: text('unit_id').references(() => units.id),
    /** The photos' attachment ids (kind feedback-photo), in the order the owner added them. */
    photoIds: text('photo_ids').array().notNull(),
    department: text('department', { enum: DEPARTMENTS }).notNull(),
    submittedAt: timestamptz('submitted_at').notNull().defaultNow(),
    resolution: text('resolution', { enum: FEEDBACK_RESOLUTIONS }),
    rating: smallint('rating'),
    closedAt: timestamptz('closed_at'),
  },
  (table) => [index('owner_feedback_submitted_by_idx').on(table.submittedBy, table.submittedAt), check('owner_feedback_rating', sql`${table.rating} between 1 and 5`)],
);

/** What was said on a feedback, in order: staff replies and follow-ups, the owner's confirmation or reopening. Id: the task's. */
export const ownerFeedbackMessages = pgTable(
  'owner_feedback_messages',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id')
      .notNull()
      .references(() => ownerFeedback.workflowId),
    authorId: text('author_id'),
    authorName: text('author_name').notNull(),
    side: text('side', { enum: ['owner', 'staff'] }).notNull(),
    kind: text('kind', { enum: ['reply', 'reopened', 'confirmed', 'assessment'] }).notNull(),
    text: text('text').notNull(),
    at: timestamptz('at').notNull(),
  },
  (table) => [index('owner_feedback_messages_workflow_idx').on(table.workflowId, table.at)],
);

/**
 * P4.1b "adopt reasonable suggestions": an adopted suggestion becomes an improvement item, for the annual evaluation
 * and plan (P2.1) to take up. Linked to its feedback in process_links (relation `improvement`).
 */
export const improvementItems = pgTable('improvement_items', {
  id: text('id').primaryKey(),
  sourceWorkflowId: text('source_workflow_id').notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  department: text('department', { enum: DEPARTMENTS }).notNull(),
  adoptedBy: text('adopted_by').notNull(),
  adoptedAt: timestamptz('adopted_at').notNull(),
  /** Open until a plan takes it up. */
  status: text('status', { enum: ['open', 'planned', 'done'] }).notNull().default('open'),
});
