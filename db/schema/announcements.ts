import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { ANNOUNCEMENT_AUDIENCES } from '../../contracts/vocabulary';
import { buildings, users } from './core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * P4.1a: a community announcement, written when management approves it (its process publishes it). Owners in its
 * audience read it in the portal until it expires.
 */
export const announcements = pgTable(
  'announcements',
  {
    workflowId: text('workflow_id').primaryKey(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    audience: text('audience', { enum: ANNOUNCEMENT_AUDIENCES }).notNull(),
    buildingId: text('building_id').references(() => buildings.id),
    unitIds: text('unit_ids').array().notNull(),
    pinned: boolean('pinned').notNull(),
    expiresAt: timestamptz('expires_at'),
    drafterId: text('drafter_id')
      .notNull()
      .references(() => users.id),
    approvedBy: text('approved_by').notNull(),
    publishedAt: timestamptz('published_at').notNull(),
    /** The owner accounts told when it was published: the read receipts' denominator. */
    audienceSize: integer('audience_size').notNull(),
  },
  (table) => [
    index('announcements_published_idx').on(table.pinned, table.publishedAt),
    check('announcements_audience_building', sql`(${table.audience} = 'building') = (${table.buildingId} is not null)`),
  ],
);

/** A read receipt: the first time an owner opened an announcement; opened again, nothing more is written. */
export const announcementReads = pgTable(
  'announcement_reads',
  {
    announcementId: text('announcement_id')
      .notNull()
      .references(() => announcements.workflowId),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    readAt: timestamptz('read_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.announcementId, table.userId] })],
);
