/**
 * P4.1: what the processes tell people. A notification is written with its outbox rows (one per recipient and
 * chosen channel) in one transaction, so every notification written is sent, once per person and channel, by the
 * relay (integrations/notifications/relay.ts); the open notification centres are told on commit.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { notifications } from '../db/schema';
import type { NotificationChannel } from '../contracts/notifications';

/** The PostgreSQL channel the notification centres' live stream listens on: ids of new notifications, comma-separated. */
export const NOTIFICATION_CHANNEL = 'steward_notifications';

export type NewNotification = Pick<typeof notifications.$inferInsert, 'dedupeKey' | 'workflowId' | 'recipientRoles' | 'recipientUsers' | 'message' | 'link' | 'urgent'>;

/** Notifications per statement: the ids told on commit stay well under pg_notify's 8000 bytes. */
const PER_STATEMENT = 500;

/**
 * Writes the notifications not written before (a retry writes nothing twice) with their outbox rows, each batch in
 * one statement: atomic in the caller's transaction or on its own. The recipients are those of now: the active
 * users of the roles named and the users named, on the channels each has chosen.
 */
export async function recordNotifications(db: Pick<Database, 'execute'>, rows: readonly NewNotification[]): Promise<void> {
  for (let start = 0; start < rows.length; start += PER_STATEMENT) {
    const batch = rows.slice(start, start + PER_STATEMENT).map((row) => ({ ...row, link: row.link ?? null, urgent: row.urgent ?? false }));
    await db.execute(sql`
      with given as (
        select * from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
          as g("dedupeKey" text, "workflowId" text, "recipientRoles" text[], "recipientUsers" text[], message text, link text, urgent boolean)),
      inserted as (
        insert into notifications (dedupe_key, workflow_id, recipient_roles, recipient_users, message, link, urgent)
        select "dedupeKey", "workflowId", "recipientRoles", "recipientUsers", message, link, urgent from given
        on conflict (dedupe_key) do nothing
        returning id, recipient_roles, recipient_users),
      outbox as (
        insert into notification_deliveries (notification_id, user_id, channel)
        select n.id, u.id, channel
        from inserted n
        join users u on u.active and (u.roles && n.recipient_roles or u.id = any(n.recipient_users))
        join notification_preferences p on p.user_id = u.id
        cross join lateral unnest(p.channels) as channel
        where case channel when 'email' then p.email when 'sms' then p.phone when 'wecom' then p.wecom_user_id end is not null
        on conflict do nothing)
      select pg_notify(${NOTIFICATION_CHANNEL}, string_agg(id::text, ',')) from inserted having count(*) > 0`);
  }
}

export const recordNotification = (db: Pick<Database, 'execute'>, row: NewNotification) => recordNotifications(db, [row]);

/** A delivery to someone without an account: an address on a channel, its own text and link (cleared once sent). */
export interface AddressedDelivery {
  /** The notification it belongs to, written before in the same transaction. */
  dedupeKey: string;
  channel: NotificationChannel;
  address: string;
  body: string;
  link: string | null;
}

/** Writes deliveries to addresses (a repeat writes nothing twice), in the caller's transaction. */
export async function recordAddressedDeliveries(db: Pick<Database, 'execute'>, rows: readonly AddressedDelivery[]): Promise<void> {
  for (let start = 0; start < rows.length; start += PER_STATEMENT) {
    const batch = rows.slice(start, start + PER_STATEMENT);
    await db.execute(sql`
      insert into notification_deliveries (notification_id, channel, address, body, link)
      select n.id, g.channel, g.address, g.body, g.link
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as g("dedupeKey" text, channel text, address text, body text, link text)
      join notifications n on n.dedupe_key = g."dedupeKey"
      on conflict (notification_id, channel, address) where user_id is null do nothing`);
  }
}
