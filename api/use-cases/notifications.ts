import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { decodeCursor, page } from './cursor';
import { nameReferences, type WantedReferences } from './task-references';
import { nameTitle, titleReferences } from '../../contracts/labels';
import type { MarkReadRequest, NotificationFilters, NotificationPreferences, NotificationView } from '../../contracts/notifications';
import { notificationPreferences, notificationReads, notifications } from '../../db/schema';

/** Who a notification is for: one of its roles, or named. The in-app centre shows these. */
export function addressedTo(user: Pick<SessionUser, 'id' | 'roles'>): SQL {
  return or(sql`${notifications.recipientRoles} && ${sql.param(user.roles)}::text[]`, sql`${notifications.recipientUsers} @> array[${user.id}]::text[]`)!;
}

/** Messages as people read them: the ids in them (`{unit:b1-101}`, as task titles hold them) named. */
export async function nameMessages(ctx: ApiContext, messages: string[]): Promise<string[]> {
  const wanted: WantedReferences = new Map();
  for (const message of messages) for (const { kind, id } of titleReferences(message)) wanted.set(kind, (wanted.get(kind) ?? new Set()).add(id));
  if (wanted.size === 0) return messages;
  const names = await nameReferences(ctx, wanted);
  return messages.map((message) => nameTitle(message, names));
}

const viewColumns = {
  id: notifications.id,
  message: notifications.message,
  workflowId: notifications.workflowId,
  link: notifications.link,
  urgent: notifications.urgent,
  createdAt: notifications.createdAt,
  readAt: notificationReads.readAt,
};

async function toViews(ctx: ApiContext, rows: Array<{ id: number; message: string; workflowId: string; link: string | null; urgent: boolean; createdAt: Date; readAt: Date | null }>): Promise<NotificationView[]> {
  const messages = await nameMessages(ctx, rows.map((row) => row.message));
  return rows.map((row, index) => ({
    id: row.id,
    message: messages[index],
    workflowId: row.workflowId,
    link: row.link,
    urgent: row.urgent,
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
  }));
}

const readBy = (userId: string) => and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, userId));

export async function unreadCount(ctx: ApiContext, user: SessionUser): Promise<number> {
  const [{ unread }] = await ctx.db
    .select({ unread: sql<number>`count(*)::int` })
    .from(notifications)
    .leftJoin(notificationReads, readBy(user.id))
    .where(and(addressedTo(user), isNull(notificationReads.userId)));
  return unread;
}

/** The user's notifications, newest first (keyset pages), with how many are unread. */
export async function listNotifications(ctx: ApiContext, user: SessionUser, filters: NotificationFilters) {
  const cursor = decodeCursor(filters.cursor);
  const rows = await ctx.db
    .select(viewColumns)
    .from(notifications)
    .leftJoin(notificationReads, readBy(user.id))
    .where(
      and(
        addressedTo(user),
        filters.unread ? isNull(notificationReads.userId) : undefined,
        cursor ? sql`(${notifications.createdAt}, ${notifications.id}) < (${cursor[0].toISOString()}::timestamptz, ${Number(cursor[1])})` : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(filters.limit + 1);
  const { items, nextCursor } = page(rows, filters.limit, (row) => [row.createdAt.toISOString(), String(row.id)]);
  return { items: await toViews(ctx, items), nextCursor, unread: await unreadCount(ctx, user) };
}

/** New notifications as the live stream sends them: those of `ids` each viewer may see. */
export async function notificationsById(ctx: ApiContext, ids: number[]) {
  const rows = await ctx.db
    .select({ ...viewColumns, readAt: sql<Date | null>`null` , recipientRoles: notifications.recipientRoles, recipientUsers: notifications.recipientUsers })
    .from(notifications)
    .where(inArray(notifications.id, ids));
  const views = await toViews(ctx, rows);
  return views.map((view, index) => ({ view, recipientRoles: rows[index].recipientRoles, recipientUsers: rows[index].recipientUsers }));
}

/** Marks notifications read (those given, or all); a repeat changes nothing. Answers the unread count. */
export async function markRead(ctx: ApiContext, user: SessionUser, request: MarkReadRequest): Promise<{ unread: number }> {
  const chosen = 'ids' in request ? inArray(notifications.id, request.ids) : undefined;
  await ctx.db.execute(sql`
    insert into ${notificationReads} (notification_id, user_id)
    select ${notifications.id}, ${user.id} from ${notifications} where ${and(addressedTo(user), chosen)}
    on conflict do nothing`);
  return { unread: await unreadCount(ctx, user) };
}

const minutesOf = (clock: string | null) => (clock === null ? null : Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3)));
const clockOf = (minutes: number | null) => (minutes === null ? null : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);

export async function getPreferences(ctx: ApiContext, user: SessionUser): Promise<NotificationPreferences> {
  const [row] = await ctx.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.id));
  if (!row) return { channels: [], email: null, phone: null, wecomUserId: null, quietFrom: null, quietTo: null };
  return { channels: row.channels as NotificationPreferences['channels'], email: row.email, phone: row.phone, wecomUserId: row.wecomUserId, quietFrom: clockOf(row.quietFrom), quietTo: clockOf(row.quietTo) };
}

/** Each person sets their own; applies to deliveries not yet sent. */
export async function setPreferences(ctx: ApiContext, user: SessionUser, preferences: NotificationPreferences): Promise<NotificationPreferences> {
  const row = { channels: [...new Set(preferences.channels)], email: preferences.email, phone: preferences.phone, wecomUserId: preferences.wecomUserId, quietFrom: minutesOf(preferences.quietFrom), quietTo: minutesOf(preferences.quietTo), updatedAt: new Date() };
  await ctx.db.insert(notificationPreferences).values({ userId: user.id, ...row }).onConflictDoUpdate({ target: notificationPreferences.userId, set: row });
  return getPreferences(ctx, user);
}
