import { randomUUID } from 'node:crypto';
import { asc, desc, eq } from 'drizzle-orm';
import { normalisePlate, type AnprAnswer, type AnprCheckRequest, type PlateRequest } from '../../../contracts/access-control';
import { accessPoints, anprDecisions, owners, vehiclePlates } from '../../../db/schema';
import type { PlateListInput } from '../../../workflows/plate-list/messages';
import type { Database } from '../../../db/client';
import type { SessionUser } from '../../auth/session';
import type { ApiContext } from '../../context';
import { unprocessable } from '../../http/problem';
import { actorOf } from './shared';
import { startProcess } from '../start-process';
import { plateListProcess } from '../../../workflows/plate-list/definition';

/** P4.2b: a plate goes on (or off) the allow / refuse list; a process pushes it to every barrier. */
export async function setPlate(ctx: ApiContext, user: SessionUser, request: PlateRequest) {
  if (request.ownerId && !(await ctx.db.query.owners.findFirst({ where: eq(owners.id, request.ownerId) }))) {
    throw unprocessable('access.unknown-owner', [{ field: 'ownerId', message: 'no-such-owner' }]);
  }
  const workflowId = plateListProcess.workflowId(randomUUID());
  if (request.list) {
    const row = { plate: request.plate, list: request.list, ownerId: request.ownerId ?? null, note: request.note ?? null, updatedBy: user.id, updatedAt: new Date(), workflowId, syncState: 'pending' as const };
    await ctx.db.insert(vehiclePlates).values(row).onConflictDoUpdate({ target: vehiclePlates.plate, set: row });
  } else {
    await ctx.db.delete(vehiclePlates).where(eq(vehiclePlates.plate, request.plate));
  }
  const input: PlateListInput = { plate: request.plate, list: request.list, requestedBy: actorOf(user), retry: ctx.settings.accessControl.deviceRetry };
  return startProcess(ctx, plateListProcess, { workflowId, input, title: `Plate ${request.plate}: ${request.list ?? 'removed'}`, startedBy: user.id });
}

export async function listPlates(ctx: ApiContext) {
  const rows = await ctx.db.select().from(vehiclePlates).orderBy(asc(vehiclePlates.plate));
  return { items: rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() })) };
}

export interface AnprRead {
  deviceId: string;
  plate: string;
  occurredAt: string;
  /** The device's event sequence number; a redelivered event gets the same answer. */
  sequence?: number;
}

/**
 * P4.2b: answers an ANPR read at a barrier: allowed on the allow list, refused on the refuse list
 * and refused when unknown (strict control of vehicles entering); every answer is kept. Event
 * ingestion calls this for each ANPR event; guards call it through the API for a manual check.
 */
export async function answerAnprEvent(db: Database, read: AnprRead): Promise<AnprAnswer> {
  const plate = normalisePlate(read.plate);
  const barrier = await db.query.accessPoints.findFirst({ where: eq(accessPoints.deviceId, read.deviceId) });
  if (barrier?.kind !== 'barrier') throw new Error(`${read.deviceId} is not a vehicle barrier`);
  if (read.sequence !== undefined) {
    const earlier = await db.query.anprDecisions.findFirst({ where: (row, { and: both }) => both(eq(row.deviceId, read.deviceId), eq(row.sequence, read.sequence!)) });
    if (earlier) return { plate: earlier.plate, decision: earlier.decision, reason: earlier.reason };
  }
  const entry = await db.query.vehiclePlates.findFirst({ where: eq(vehiclePlates.plate, plate) });
  const answer: AnprAnswer =
    entry?.list === 'allow'
      ? { plate, decision: 'allowed', reason: 'on the allow list' }
      : entry?.list === 'refuse'
        ? { plate, decision: 'refused', reason: `on the refuse list${entry.note ? `: ${entry.note}` : ''}` }
        : { plate, decision: 'refused', reason: 'not on the allow list' };
  await db
    .insert(anprDecisions)
    .values({ deviceId: read.deviceId, sequence: read.sequence ?? null, plate, decision: answer.decision, reason: answer.reason, occurredAt: new Date(read.occurredAt) })
    .onConflictDoNothing();
  return answer;
}

/** The ISAPI `EventNotificationAlert` of an ANPR read: `eventType: ANPR` with `ANPR.licensePlate`. */
export const isAnprEvent = (event: { type: string }) => event.type === 'ANPR';

/**
 * Called by device-event ingestion for every ANPR event a barrier pushes: reads the plate from the
 * alert and answers it (recorded once per device and sequence). Other devices' ANPR reads are ignored.
 */
export async function answerAnprDeviceEvent(
  db: Database,
  event: { deviceId: string; sequence: number | null; occurredAt: Date; raw: Record<string, unknown> },
): Promise<AnprAnswer | null> {
  const anpr = (event.raw.ANPR ?? {}) as { licensePlate?: unknown };
  const plate = typeof anpr.licensePlate === 'string' ? normalisePlate(anpr.licensePlate) : '';
  const barrier = await db.query.accessPoints.findFirst({ where: eq(accessPoints.deviceId, event.deviceId) });
  if (!plate || barrier?.kind !== 'barrier') return null;
  return answerAnprEvent(db, { deviceId: event.deviceId, plate, occurredAt: event.occurredAt.toISOString(), sequence: event.sequence ?? undefined });
}

export async function checkPlate(ctx: ApiContext, request: AnprCheckRequest) {
  const barrier = await ctx.db.query.accessPoints.findFirst({ where: eq(accessPoints.deviceId, request.deviceId) });
  if (barrier?.kind !== 'barrier') throw unprocessable('access.not-a-barrier', [{ field: 'deviceId', message: 'no-such-barrier' }]);
  return answerAnprEvent(ctx.db, { ...request, occurredAt: request.occurredAt ?? new Date().toISOString() });
}

export async function listAnprDecisions(ctx: ApiContext) {
  const rows = await ctx.db.select().from(anprDecisions).orderBy(desc(anprDecisions.occurredAt), desc(anprDecisions.id)).limit(200);
  return { items: rows.map((row) => ({ id: row.id, deviceId: row.deviceId, plate: row.plate, decision: row.decision, reason: row.reason, occurredAt: row.occurredAt.toISOString() })) };
}
