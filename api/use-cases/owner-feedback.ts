import { and, asc, count, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, forbidden, notFound, unprocessable } from '../http/problem';
import { decodeCursor, page } from './cursor';
import { startProcess } from './start-process';
import type { FeedbackListQuery, FeedbackSubmission } from '../../contracts/owner-feedback';
import { canOnAny } from '../../contracts/permissions';
import { RECORD_NAMES } from '../../contracts/problem-texts';
import { attachments, buildings, ownerFeedback, ownerFeedbackMessages, processInstances, tasks, unitOwners, units } from '../../db/schema';
import { ownerFeedbackProcess } from '../../workflows/owner-feedback/definition';
import type { OwnerFeedbackInput } from '../../workflows/owner-feedback/messages';

/** A photo's attachment id: the submission's id and its place in the list, so a retried submission stores each once. */
const photoId = (feedbackId: string, index: number) => `${feedbackId}.photo-${index + 1}`;

/** P4.1a: an owner speaks about a unit of their own, or a building's common areas; never another owner's unit. */
async function checkPlace(ctx: ApiContext, user: SessionUser, { buildingId, unitId }: { buildingId: string; unitId?: string }) {
  const building = await ctx.db.query.buildings.findFirst({ where: eq(buildings.id, buildingId) });
  if (!building) throw unprocessable('feedback.unknown-place', { what: RECORD_NAMES.building }, [{ field: 'place.buildingId', message: 'no-such-building' }]);
  if (!unitId) return;
  const unit = await ctx.db.query.units.findFirst({ where: eq(units.id, unitId) });
  if (!unit) throw unprocessable('feedback.unknown-place', { what: RECORD_NAMES.unit }, [{ field: 'place.unitId', message: 'no-such-unit' }]);
  if (unit.buildingId !== buildingId) throw unprocessable('feedback.unit-not-in-building', [{ field: 'place.unitId', message: 'not-in-building' }]);
  const owns = user.ownerId ? await ctx.db.query.unitOwners.findFirst({ where: and(eq(unitOwners.unitId, unitId), eq(unitOwners.ownerId, user.ownerId)) }) : undefined;
  if (!owns) throw forbidden('feedback.own-units-only', [{ field: 'place.unitId', message: 'not-your-unit' }]);
}

/**
 * P4.1b: an owner's complaint, inquiry or suggestion, with its photos, stored in one transaction and handed to the
 * department of its category. Idempotent on feedbackId: a retry stores nothing twice and starts one process.
 */
export async function submitFeedback(ctx: ApiContext, user: SessionUser, request: FeedbackSubmission) {
  await checkPlace(ctx, user, request.place);
  const workflowId = ownerFeedbackProcess.workflowId(request.feedbackId);
  const { departments, supervisorRoles, timings } = ctx.settings.ownerFeedback;
  const department = departments[request.category];
  const photoIds = request.photos.map((_, index) => photoId(request.feedbackId, index));
  await ctx.db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(ownerFeedback)
      .values({ workflowId, submittedBy: user.id, category: request.category, text: request.text, buildingId: request.place.buildingId, unitId: request.place.unitId ?? null, photoIds, department })
      .onConflictDoNothing()
      .returning({ workflowId: ownerFeedback.workflowId });
    if (!stored || photoIds.length === 0) return;
    await tx.insert(attachments).values(
      request.photos.map((photo, index) => {
        const [, contentType, content] = /^data:([^;]+);base64,(.*)$/.exec(photo)!;
        return { id: photoIds[index], kind: 'feedback-photo' as const, recordId: workflowId, contentType, content, uploadedBy: user.id };
      }),
    );
  });
  const existing = await ctx.db.query.ownerFeedback.findFirst({ where: eq(ownerFeedback.workflowId, workflowId) });
  // The id is the client's: another person's submission under it is not this one's.
  if (existing?.submittedBy !== user.id) throw conflict('feedback.id-taken', [{ field: 'feedbackId', message: 'id-taken' }]);
  const input: OwnerFeedbackInput = {
    feedback: {
      category: existing.category,
      text: existing.text,
      place: { buildingId: existing.buildingId, ...(existing.unitId ? { unitId: existing.unitId } : {}) },
      photoIds: existing.photoIds,
      owner: { userId: user.id, displayName: user.displayName },
    },
    department: existing.department,
    supervisorRoles,
    timings,
  };
  await startProcess(ctx, ownerFeedbackProcess, { workflowId, input, title: `${existing.category}: ${existing.text.slice(0, 60)}`, startedBy: user.id, data: { feedback: input.feedback } });
  return { workflowId };
}

/**
 * May the user read this feedback: readers of every feedback, its owner, and staff who are or were candidates for
 * one of its tasks (they reply to it). Anyone else is told it does not exist.
 */
async function findFeedback(ctx: ApiContext, user: SessionUser, workflowId: string) {
  const row = await ctx.db.query.ownerFeedback.findFirst({ where: eq(ownerFeedback.workflowId, workflowId) });
  if (row && (row.submittedBy === user.id || canOnAny(user, 'owner-feedback.read'))) return row;
  if (row) {
    const [candidate] = await ctx.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.workflowId, workflowId), or(sql`${user.id} = any(${tasks.candidateUsers})`, sql`${tasks.candidateRoles} && ${sql.param(user.roles)}::text[]`, eq(tasks.assignee, user.id))))
      .limit(1);
    if (candidate) return row;
  }
  throw notFound('feedback.unknown', { workflowId });
}

async function replyCounts(ctx: ApiContext, workflowIds: string[]) {
  if (workflowIds.length === 0) return new Map<string, number>();
  const rows = await ctx.db
    .select({ workflowId: ownerFeedbackMessages.workflowId, replies: count() })
    .from(ownerFeedbackMessages)
    .where(and(inArray(ownerFeedbackMessages.workflowId, workflowIds), eq(ownerFeedbackMessages.side, 'staff')))
    .groupBy(ownerFeedbackMessages.workflowId);
  return new Map(rows.map((row) => [row.workflowId, Number(row.replies)]));
}

const summaryOf = (row: typeof ownerFeedback.$inferSelect, instance: Pick<typeof processInstances.$inferSelect, 'status' | 'currentSteps'> | undefined, replies: number) => ({
  workflowId: row.workflowId,
  category: row.category,
  text: row.text,
  status: instance?.status ?? 'running',
  currentSteps: instance?.currentSteps ?? [],
  submittedAt: row.submittedAt.toISOString(),
  resolution: row.resolution,
  replies,
});

/** The feedback the signed-in person submitted, newest first. */
export async function listMyFeedback(ctx: ApiContext, user: SessionUser, query: FeedbackListQuery) {
  const cursor = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select({ feedback: ownerFeedback, status: processInstances.status, currentSteps: processInstances.currentSteps })
    .from(ownerFeedback)
    .leftJoin(processInstances, eq(processInstances.workflowId, ownerFeedback.workflowId))
    .where(
      and(
        eq(ownerFeedback.submittedBy, user.id),
        cursor ? or(lt(ownerFeedback.submittedAt, cursor[0]), and(eq(ownerFeedback.submittedAt, cursor[0]), lt(ownerFeedback.workflowId, cursor[1]))) : undefined,
      ),
    )
    .orderBy(desc(ownerFeedback.submittedAt), desc(ownerFeedback.workflowId))
    .limit(query.limit + 1);
  const replies = await replyCounts(ctx, rows.map((row) => row.feedback.workflowId));
  const items = rows.map((row) => summaryOf(row.feedback, row.status ? { status: row.status, currentSteps: row.currentSteps ?? [] } : undefined, replies.get(row.feedback.workflowId) ?? 0));
  return page(items, query.limit, (item) => [item.submittedAt, item.workflowId]);
}

/** A feedback's page: what was submitted, the thread in order, how it ended. */
export async function getFeedback(ctx: ApiContext, user: SessionUser, workflowId: string) {
  const row = await findFeedback(ctx, user, workflowId);
  const [instance, building, unit, thread] = await Promise.all([
    ctx.db.query.processInstances.findFirst({ where: eq(processInstances.workflowId, workflowId) }),
    ctx.db.query.buildings.findFirst({ where: eq(buildings.id, row.buildingId) }),
    row.unitId ? ctx.db.query.units.findFirst({ where: eq(units.id, row.unitId) }) : undefined,
    ctx.db.select().from(ownerFeedbackMessages).where(eq(ownerFeedbackMessages.workflowId, workflowId)).orderBy(asc(ownerFeedbackMessages.at), asc(ownerFeedbackMessages.id)),
  ]);
  return {
    ...summaryOf(row, instance, thread.filter((message) => message.side === 'staff').length),
    place: { buildingId: row.buildingId, buildingName: building?.name ?? row.buildingId, unitId: row.unitId, unitNumber: unit?.number ?? null },
    photoIds: row.photoIds,
    department: row.department,
    rating: row.rating,
    closedAt: row.closedAt?.toISOString() ?? null,
    mine: row.submittedBy === user.id,
    thread: thread.map((message) => ({ id: message.id, side: message.side, kind: message.kind, authorName: message.authorName, text: message.text, at: message.at.toISOString() })),
  };
}

/** One of a feedback's photos, for those who may read the feedback; a file of another kind or record is "not found". */
export async function getFeedbackPhoto(ctx: ApiContext, user: SessionUser, workflowId: string, photoId: string) {
  const row = await findFeedback(ctx, user, workflowId);
  const photo = row.photoIds.includes(photoId) ? await ctx.db.query.attachments.findFirst({ where: eq(attachments.id, photoId) }) : undefined;
  if (!photo || photo.kind !== 'feedback-photo' || photo.recordId !== workflowId) throw notFound('feedback.no-photo', { workflowId });
  return { contentType: photo.contentType, content: Buffer.from(photo.content, 'base64') };
}
