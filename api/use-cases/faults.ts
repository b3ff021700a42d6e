import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { decodeCursor, page } from './cursor';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, forbidden, notFound } from '../http/problem';
import type { FaultListQuery, RatingRequest } from '../../contracts/faults';
import { canOnAny } from '../../contracts/permissions';
import { attachments, processInstances, repairRecords } from '../../db/schema';
import { outageOf } from './recovered-outages';

const summary = (row: typeof processInstances.$inferSelect) => ({
  workflowId: row.workflowId,
  status: row.status,
  currentSteps: row.currentSteps,
  title: row.title,
  startedAt: row.startedAt.toISOString(),
  endedAt: row.endedAt?.toISOString() ?? null,
});

/** The faults a person reported (or, for staff asking mine=false, all of them), newest first. */
export async function listFaults(ctx: ApiContext, user: SessionUser, query: FaultListQuery) {
  const everyone = query.mine === 'false' && canOnAny(user, 'fault-repair.read');
  const cursor = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select()
    .from(processInstances)
    .where(
      and(
        eq(processInstances.process, 'fault-repair'),
        everyone ? undefined : eq(processInstances.startedBy, user.id),
        cursor ? or(lt(processInstances.startedAt, cursor[0]), and(eq(processInstances.startedAt, cursor[0]), lt(processInstances.workflowId, cursor[1]))) : undefined,
      ),
    )
    .orderBy(desc(processInstances.startedAt), desc(processInstances.workflowId))
    .limit(query.limit + 1);
  return page(rows.map(summary), query.limit, (fault) => [fault.startedAt, fault.workflowId]);
}

async function findFault(ctx: ApiContext, user: SessionUser, workflowId: string) {
  const row = await ctx.db.query.processInstances.findFirst({
    where: and(eq(processInstances.workflowId, workflowId), eq(processInstances.process, 'fault-repair')),
  });
  const staff = canOnAny(user, 'fault-repair.read');
  if (!row || (!staff && row.startedBy !== user.id)) throw notFound('fault.unknown', { workflowId });
  return row;
}

/** What the reporter sees throughout: status, current step, and at the end the repair record. */
export async function getFault(ctx: ApiContext, user: SessionUser, workflowId: string) {
  const row = await findFault(ctx, user, workflowId);
  const record = await ctx.db.query.repairRecords.findFirst({ where: eq(repairRecords.workflowId, workflowId) });
  return {
    ...summary(row),
    report: ((row.data as { report?: Record<string, unknown> }).report ?? null),
    record: record ? { ...record, closedAt: record.closedAt.toISOString() } : null,
    rating: record?.rating ?? null,
    // Staff see whether the device of an outage repair is back; the reporter of any other fault has none.
    outage: canOnAny(user, 'fault-repair.read') ? await outageOf(ctx, workflowId) : null,
  };
}

/** P1.3a / P7.1b: the reporter rates the repair once it is closed; rating again replaces it. */
export async function rateRepair(ctx: ApiContext, user: SessionUser, workflowId: string, request: RatingRequest) {
  const row = await findFault(ctx, user, workflowId);
  if (row.startedBy !== user.id) throw forbidden('fault.rate-own-only');
  const updated = await ctx.db
    .update(repairRecords)
    .set({ rating: request.rating, ratingComment: request.comment ?? null, ratedAt: sql`now()` })
    .where(eq(repairRecords.workflowId, workflowId))
    .returning({ rating: repairRecords.rating });
  if (!updated.length) throw conflict('fault.not-closed', [{ field: 'status', message: 'repair-not-closed', params: { status: row.status } }]);
  return { rating: request.rating };
}

/**
 * A fault's photo, for the reporter and for staff: the one uploaded with this report, or the
 * checklist photo of the inspection item that opened it (uploaded by the inspector who reported it).
 * The id comes from the report; a file of any other kind or record is "not found".
 */
export async function getFaultPhoto(ctx: ApiContext, user: SessionUser, workflowId: string) {
  const row = await findFault(ctx, user, workflowId);
  const report = (row.data as { report?: { photoId?: string; reporter?: { userId?: string } } }).report;
  const photo = report?.photoId ? await ctx.db.query.attachments.findFirst({ where: eq(attachments.id, report.photoId) }) : undefined;
  const belongs =
    (photo?.kind === 'fault-photo' && photo.recordId === workflowId) ||
    (photo?.kind === 'inspection-photo' && photo.uploadedBy === report?.reporter?.userId);
  if (!photo || !belongs) throw notFound('fault.no-photo', { workflowId });
  return { contentType: photo.contentType, content: Buffer.from(photo.content, 'base64') };
}
