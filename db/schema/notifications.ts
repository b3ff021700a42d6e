import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { NOTIFICATION_CHANNELS } from '../../contracts/notifications';
import { users } from './core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What the processes tell people (P4.1): addressed to roles and users, shown in-app to whoever is one of them. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Deterministic key from the workflow, so a retried activity notifies once. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    workflowId: text('workflow_id').notNull(),
    recipientRoles: text('recipient_roles').array().notNull(),
    recipientUsers: text('recipient_users').array().notNull(),
    message: text('message').notNull(),
    /** Where it leads in the UI (a task's page); null: the process instance's. */
    link: text('link'),
    /** An alarm or a dispatch: sent through quiet hours. */
    urgent: boolean('urgent').notNull().default(false),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('notifications_workflow_idx').on(t.workflowId), index('notifications_created_idx').on(t.createdAt, t.id)],
);

/** Who has read which notification in-app. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    readAt: timestamptz('read_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.notificationId] })],
);

/** Each person's channels, address and quiet hours (minutes after local midnight; both or neither). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id),
    channels: text('channels').array().notNull(),
    email: text('email'),
    phone: text('phone'),
    wecomUserId: text('wecom_user_id'),
    quietFrom: smallint('quiet_from'),
    quietTo: smallint('quiet_to'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [check('notification_preferences_quiet_check', sql`(${t.quietFrom} is null) = (${t.quietTo} is null)`)],
);

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * The outbox: one row per notification, person and channel, written in the notification's own transaction and
 * sent by the relay (api/notifications/relay.ts) with retries; the unique key makes it once per channel. A row for
 * someone without an account (a new owner's invitation) names an address instead of a person, and carries its own
 * text, cleared once sent (it holds a one-time link).
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id),
    userId: text('user_id').references(() => users.id),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    address: text('address'),
    body: text('body'),
    link: text('link'),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    /** A relay's lease: a relay that died mid-send leaves it to another after the lease. */
    claimedAt: timestamptz('claimed_at'),
    sentAt: timestamptz('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('notification_deliveries_once_idx').on(t.notificationId, t.userId, t.channel),
    uniqueIndex('notification_deliveries_address_once_idx').on(t.notificationId, t.channel, t.address).where(sql`${t.userId} is null`),
    check('notification_deliveries_recipient_check', sql`(${t.userId} is null) <> (${t.address} is null)`),
    index('notification_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);
