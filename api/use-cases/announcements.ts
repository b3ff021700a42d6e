import { and, count, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, notFound, unprocessable } from '../http/problem';
import { startProcess } from './start-process';
import type { AnnouncementSubmission } from '../../contracts/announcements';
import { canOnAny } from '../../contracts/permissions';
import { announcementReads, announcements, buildings, processInstances, unitOwners, units } from '../../db/schema';
import { announcementProcess } from '../../workflows/announcement/definition';
import type { AnnouncementInput } from '../../workflows/announcement/messages';

type AnnouncementRow = typeof announcements.$inferSelect;

/** The building or units an audience names exist (a bad one is the drafter's to fix, against its field). */
async function checkAudience(ctx: ApiContext, request: AnnouncementSubmission) {
  if (request.audience === 'building') {
    const building = await ctx.db.query.buildings.findFirst({ where: eq(buildings.id, request.buildingId!) });
    if (!building) throw unprocessable('announcement.unknown-audience', [{ field: 'buildingId', message: 'no-such-building' }]);
  }
  if (request.audience === 'units') {
    const known = new Set((await ctx.db.select({ id: units.id }).from(units).where(inArray(units.id, request.unitIds))).map((unit) => unit.id));
    const unknown = request.unitIds.findIndex((unitId) => !known.has(unitId));
    if (unknown >= 0) throw unprocessable('announcement.unknown-audience', [{ field: `unitIds.${unknown}`, message: 'no-such-unit' }]);
  }
  if (request.expiresAt && new Date(request.expiresAt).getTime() <= Date.now()) {
    throw unprocessable('announcement.expiry-past', [{ field: 'expiresAt', message: 'expiry-in-past' }]);
  }
}

/** P4.1a: a drafted announcement goes to management for approval. Idempotent on announcementId: a retry starts one process. */
export async function draftAnnouncement(ctx: ApiContext, user: SessionUser, request: AnnouncementSubmission) {
  await checkAudience(ctx, request);
  const input: AnnouncementInput = {
    announcementId: request.announcementId,
    draft: {
      title: request.title,
      body: request.body,
      audience: request.audience,
      buildingId: request.audience === 'building' ? request.buildingId! : null,
      unitIds: request.audience === 'units' ? [...new Set(request.unitIds)] : [],
      pinned: request.pinned,
      expiresAt: request.expiresAt ?? null,
    },
    drafter: { userId: user.id, displayName: user.displayName },
    timings: ctx.settings.announcements,
  };
  const workflowId = announcementProcess.workflowId(request.announcementId);
  await startProcess(ctx, announcementProcess, { workflowId, input, title: `公告：${request.title}`, startedBy: user.id, data: { draft: input.draft } });
  const instance = await ctx.db.query.processInstances.findFirst({ where: eq(processInstances.workflowId, workflowId) });
  // The id is the client's: another person's draft under it is not this one's.
  if (instance?.startedBy !== user.id) throw conflict('announcement.id-taken', [{ field: 'announcementId', message: 'id-taken' }]);
  return { workflowId };
}

/** An owner's announcements: those for everyone, for a building where they own a unit, or naming a unit of theirs. */
function inAudienceOf(user: SessionUser): SQL {
  if (!user.ownerId) return sql`${announcements.audience} = 'all'`;
  return or(
    eq(announcements.audience, 'all'),
    and(
      eq(announcements.audience, 'building'),
      sql`exists (select 1 from ${unitOwners} join ${units} on ${units.id} = ${unitOwners.unitId} where ${units.buildingId} = ${announcements.buildingId} and ${unitOwners.ownerId} = ${user.ownerId})`,
    ),
    and(eq(announcements.audience, 'units'), sql`exists (select 1 from ${unitOwners} where ${unitOwners.unitId} = any(${announcements.unitIds}) and ${unitOwners.ownerId} = ${user.ownerId})`),
  )!;
}

/** What the user may read: staff with `announcement.read` every one (expired too), an owner the current ones of their audience. */
const readableBy = (user: SessionUser): SQL | undefined =>
  canOnAny(user, 'announcement.read') ? undefined : and(inAudienceOf(user), or(isNull(announcements.expiresAt), gt(announcements.expiresAt, sql`now()`)));

const summaryOf = (row: AnnouncementRow, read: boolean) => ({
  workflowId: row.workflowId,
  title: row.title,
  pinned: row.pinned,
  publishedAt: row.publishedAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
  audience: row.audience,
  read,
});

const LIST_LIMIT = 100;

/** The announcements the user may read, pinned first, then newest. */
export async function listAnnouncements(ctx: ApiContext, user: SessionUser) {
  const rows = await ctx.db
    .select({ announcement: announcements, readAt: announcementReads.readAt })
    .from(announcements)
    .leftJoin(announcementReads, and(eq(announcementReads.announcementId, announcements.workflowId), eq(announcementReads.userId, user.id)))
    .where(readableBy(user))
    .orderBy(desc(announcements.pinned), desc(announcements.publishedAt), desc(announcements.workflowId))
    .limit(LIST_LIMIT);
  return { items: rows.map((row) => summaryOf(row.announcement, row.readAt !== null)) };
}

async function findAnnouncement(ctx: ApiContext, user: SessionUser, workflowId: string): Promise<AnnouncementRow> {
  const [row] = await ctx.db.select().from(announcements).where(and(eq(announcements.workflowId, workflowId), readableBy(user)));
  if (!row) throw notFound('announcement.unknown', { workflowId });
  return row;
}

/** An announcement's page; its read receipts for management and its drafter. */
export async function getAnnouncement(ctx: ApiContext, user: SessionUser, workflowId: string) {
  const row = await findAnnouncement(ctx, user, workflowId);
  const [read] = await ctx.db
    .select({ readAt: announcementReads.readAt })
    .from(announcementReads)
    .where(and(eq(announcementReads.announcementId, workflowId), eq(announcementReads.userId, user.id)));
  const seesReceipts = canOnAny(user, 'announcement.receipts') || row.drafterId === user.id;
  const receipts = seesReceipts
    ? { readCount: Number((await ctx.db.select({ reads: count() }).from(announcementReads).where(eq(announcementReads.announcementId, workflowId)))[0].reads), audienceSize: row.audienceSize }
    : null;
  return { ...summaryOf(row, read !== undefined), body: row.body, buildingId: row.buildingId, unitIds: row.unitIds, approvedBy: row.approvedBy, receipts };
}

/** A read receipt: an owner of the audience opened it; only the first opening is recorded. */
export async function markAnnouncementRead(ctx: ApiContext, user: SessionUser, workflowId: string) {
  await findAnnouncement(ctx, user, workflowId);
  const [inAudience] = await ctx.db.select({ workflowId: announcements.workflowId }).from(announcements).where(and(eq(announcements.workflowId, workflowId), inAudienceOf(user)));
  if (!inAudience || !user.ownerId) return { recorded: false };
  const inserted = await ctx.db.insert(announcementReads).values({ announcementId: workflowId, userId: user.id }).onConflictDoNothing().returning({ userId: announcementReads.userId });
  return { recorded: inserted.length > 0 };
}
