import { and, asc, count, eq, gt, gte, ilike, inArray, lte, or, type SQL } from 'drizzle-orm';
import type { Page } from '../../contracts/common';
import type { DataChangeView, HistoryEntry } from '../../contracts/data-review';
import { newShiftId, type ShiftChangeProposal, type ShiftChangeRequest, type ShiftListQuery, type ShiftView, type ZoneChangeProposal, type ZoneChangeRequest, type ZoneListQuery, type ZoneView } from '../../contracts/guard-roster';
import type { FieldFault } from '../../contracts/problem-texts';
import { buildings, dataChanges, devices, guardShifts, users, zones } from '../../db/schema';
import { containing } from '../../db/like-pattern';
import { reviewShiftChange, reviewZoneChange, shiftWindow, type StoredShiftProposal, type StoredZoneProposal } from '../../domain/guard-roster';
import { historyOf } from '../../domain/master-data';
import { dataReviewProcess } from '../../workflows/data-review/definition';
import type { DataReviewInput } from '../../workflows/data-review/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, notFound, unprocessable } from '../http/problem';
import { resubmitCorrection, returnedChangeOf } from './data-review';
import { startProcess } from './start-process';

type ChangeRow = typeof dataChanges.$inferSelect;
type Stored = { kind: 'zone'; recordId: string; proposal: StoredZoneProposal } | { kind: 'guard-shift'; recordId: string; proposal: StoredShiftProposal };

const NO_SEAL = { dataKeyId: null, sealedIdDocument: null };

/** P5.1a: the checks that read the register, as a 422 naming each field that fails one; nothing is written. */
async function requireStandard(ctx: ApiContext, stored: Stored) {
  const { checks } = stored.kind === 'zone' ? await reviewZoneChange(ctx.db, stored.proposal) : await reviewShiftChange(ctx.db, stored.proposal);
  const faults: FieldFault[] = checks.filter((check) => !check.passed).map((check) => ({ field: check.field, message: check.rule }));
  if (faults.length) throw unprocessable('change.invalid', faults);
}

/** A shift as its draft keeps it: its day and hours with the instants they mean in the community's time zone. */
async function storedShift(ctx: ApiContext, proposal: ShiftChangeProposal, changeId: string): Promise<Stored> {
  if (proposal.action === 'disable') return { kind: 'guard-shift', recordId: proposal.shiftId, proposal };
  const shiftId = proposal.action === 'create' ? newShiftId(changeId) : proposal.shiftId;
  const window = await shiftWindow(ctx.db, proposal.shift, ctx.settings.communityTimeZone);
  return { kind: 'guard-shift', recordId: shiftId, proposal: { action: proposal.action, shiftId, shift: { ...proposal.shift, ...window } } };
}

/** The zone a review's tasks name: a zone's own, or the zone a shift covers (as proposed, or as registered for a cancellation). */
async function zoneNamedBy(ctx: ApiContext, stored: Stored): Promise<string | undefined> {
  if (stored.kind === 'zone') return stored.recordId;
  if (stored.proposal.action !== 'disable') return stored.proposal.shift.zoneId;
  return (await ctx.db.select({ zoneId: guardShifts.zoneId }).from(guardShifts).where(eq(guardShifts.id, stored.recordId)))[0]?.zoneId;
}

const sameChange = (row: ChangeRow, user: SessionUser, stored: Stored) => row.kind === stored.kind && row.makerId === user.id && row.action === stored.proposal.action && row.recordId === stored.recordId;

/** P5.1b: a change to a zone or the roster kept as a draft that changes nothing, and its review started; idempotent on the change id. */
async function submit(ctx: ApiContext, user: SessionUser, changeId: string, stored: Stored): Promise<{ changeId: string; workflowId: string }> {
  const workflowId = dataReviewProcess.workflowId(changeId);
  const [existing] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
  if (existing && !sameChange(existing, user, stored)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
  if (!existing) {
    await requireStandard(ctx, stored);
    const now = new Date();
    const inserted = await ctx.db
      .insert(dataChanges)
      .values({ id: changeId, workflowId, kind: stored.kind, action: stored.proposal.action, recordId: stored.recordId, makerId: user.id, makerName: user.displayName, status: 'in-review', proposal: stored.proposal, submittedAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: dataChanges.id });
    if (!inserted.length) {
      const [raced] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
      if (!sameChange(raced, user, stored)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
    }
  }
  const zoneId = await zoneNamedBy(ctx, stored);
  const input: DataReviewInput = {
    changeId,
    kind: stored.kind,
    action: stored.proposal.action,
    zoneId,
    ...(stored.kind === 'guard-shift' ? { shiftId: stored.recordId } : {}),
    maker: { userId: user.id, displayName: user.displayName },
    timings: ctx.settings.dataReview,
  };
  await startProcess(ctx, dataReviewProcess, { workflowId, input, title: `${stored.recordId} 数据变更 Data change`, startedBy: user.id });
  return { changeId, workflowId };
}

/** P5.1b: a zone to add, change or disable, for the security supervisor or an administrator to check. */
export async function submitZoneChange(ctx: ApiContext, user: SessionUser, request: ZoneChangeRequest) {
  const { changeId, ...proposal } = request;
  return submit(ctx, user, changeId, { kind: 'zone', recordId: proposal.zoneId, proposal: proposal as ZoneChangeProposal });
}

/** P5.1b, P4.2c: a shift of the guard roster to enter, change or cancel, for the security supervisor or an administrator to check. */
export async function submitShiftChange(ctx: ApiContext, user: SessionUser, request: ShiftChangeRequest) {
  const { changeId, ...proposal } = request;
  return submit(ctx, user, changeId, await storedShift(ctx, proposal as ShiftChangeProposal, changeId));
}

async function correct(ctx: ApiContext, user: SessionUser, changeId: string, kind: Stored['kind'], stored: (row: ChangeRow) => Promise<Stored>): Promise<DataChangeView> {
  const { row, taskId } = await returnedChangeOf(ctx, user, changeId);
  const next = await stored(row);
  if (row.kind !== kind || next.proposal.action !== row.action) throw unprocessable('change.invalid', [{ field: 'action', message: 'one-of', params: { values: [row.action] } }]);
  if (next.recordId !== row.recordId) throw unprocessable('change.invalid', [{ field: kind === 'zone' ? 'zoneId' : 'shiftId', message: 'one-of', params: { values: [row.recordId] } }]);
  await requireStandard(ctx, next);
  return resubmitCorrection(ctx, user, { row, taskId, stored: next.proposal, seal: () => NO_SEAL });
}

/** P5.1b: the maker corrects a returned change to a zone (the same action on the same zone) and resubmits it. */
export const correctZoneChange = (ctx: ApiContext, user: SessionUser, changeId: string, proposal: ZoneChangeProposal) =>
  correct(ctx, user, changeId, 'zone', async () => ({ kind: 'zone', recordId: proposal.zoneId, proposal }));

/** P5.1b: the maker corrects a returned change to a shift (the same action on the same shift) and resubmits it. */
export const correctShiftChange = (ctx: ApiContext, user: SessionUser, changeId: string, proposal: ShiftChangeProposal) => correct(ctx, user, changeId, 'guard-shift', () => storedShift(ctx, proposal, changeId));

/** Devices in use per zone, for the zones given. */
const activeDevices = (ctx: ApiContext, zoneIds: string[]) =>
  zoneIds.length
    ? ctx.db
        .select({ zoneId: devices.zoneId, count: count() })
        .from(devices)
        .where(and(eq(devices.active, true), inArray(devices.zoneId, zoneIds)))
        .groupBy(devices.zoneId)
    : Promise.resolve([]);

/** The zones a keyset page at a time in zone-id order: by id or name, building, in use or not; each with its devices in use counted. */
export async function listZones(ctx: ApiContext, query: ZoneListQuery): Promise<Page<ZoneView>> {
  const conditions: Array<SQL | undefined> = [
    query.q ? or(ilike(zones.id, containing(query.q)), ilike(zones.name, containing(query.q))) : undefined,
    query.buildingId ? eq(zones.buildingId, query.buildingId) : undefined,
    query.active === undefined ? undefined : eq(zones.active, query.active),
    query.cursor ? gt(zones.id, query.cursor) : undefined,
  ];
  const rows = await ctx.db
    .select({ zone: zones, buildingName: buildings.name })
    .from(zones)
    .leftJoin(buildings, eq(buildings.id, zones.buildingId))
    .where(and(...conditions))
    .orderBy(asc(zones.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const counts = new Map((await activeDevices(ctx, page.map((row) => row.zone.id))).map((row) => [row.zoneId, row.count]));
  const items = page.map(({ zone, buildingName }) => ({ zoneId: zone.id, name: zone.name, buildingId: zone.buildingId, buildingName, active: zone.active, deviceCount: counts.get(zone.id) ?? 0 }));
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.zoneId : null };
}

export async function getZone(ctx: ApiContext, zoneId: string): Promise<ZoneView> {
  const [row] = await ctx.db.select({ zone: zones, buildingName: buildings.name }).from(zones).leftJoin(buildings, eq(buildings.id, zones.buildingId)).where(eq(zones.id, zoneId));
  if (!row) throw notFound('zone.unknown', { zoneId });
  const [counted] = await activeDevices(ctx, [zoneId]);
  return { zoneId: row.zone.id, name: row.zone.name, buildingId: row.zone.buildingId, buildingName: row.buildingName, active: row.zone.active, deviceCount: counted?.count ?? 0 };
}

const shiftViewOf = (row: { shift: typeof guardShifts.$inferSelect; zoneName: string; guardName: string }): ShiftView => ({
  shiftId: row.shift.id,
  zoneId: row.shift.zoneId,
  zoneName: row.zoneName,
  guardUserId: row.shift.userId,
  guardName: row.guardName,
  date: row.shift.shiftDate,
  startTime: row.shift.startTime,
  endTime: row.shift.endTime,
  startsAt: row.shift.startsAt.toISOString(),
  endsAt: row.shift.endsAt.toISOString(),
  active: row.shift.active,
});

const shiftRows = (ctx: ApiContext) =>
  ctx.db
    .select({ shift: guardShifts, zoneName: zones.name, guardName: users.displayName })
    .from(guardShifts)
    .innerJoin(zones, eq(zones.id, guardShifts.zoneId))
    .innerJoin(users, eq(users.id, guardShifts.userId));

/** The roster a keyset page at a time by day then shift id: a day range, a zone, a guard, `q` in the zone's or the guard's name. */
export async function listShifts(ctx: ApiContext, query: ShiftListQuery): Promise<Page<ShiftView>> {
  const [afterDate, afterId] = query.cursor?.split('|') ?? [];
  const conditions: Array<SQL | undefined> = [
    query.q ? or(ilike(zones.name, containing(query.q)), ilike(users.displayName, containing(query.q)), ilike(guardShifts.zoneId, containing(query.q))) : undefined,
    query.zoneId ? eq(guardShifts.zoneId, query.zoneId) : undefined,
    query.guardUserId ? eq(guardShifts.userId, query.guardUserId) : undefined,
    query.from ? gte(guardShifts.shiftDate, query.from) : undefined,
    query.to ? lte(guardShifts.shiftDate, query.to) : undefined,
    query.active === undefined ? undefined : eq(guardShifts.active, query.active),
    afterDate ? or(gt(guardShifts.shiftDate, afterDate), and(eq(guardShifts.shiftDate, afterDate), gt(guardShifts.id, afterId))) : undefined,
  ];
  const rows = await shiftRows(ctx)
    .where(and(...conditions))
    .orderBy(asc(guardShifts.shiftDate), asc(guardShifts.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(shiftViewOf);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? `${last.date}|${last.shiftId}` : null };
}

export async function getShift(ctx: ApiContext, shiftId: string): Promise<ShiftView> {
  const [row] = await shiftRows(ctx).where(eq(guardShifts.id, shiftId));
  if (!row) throw notFound('shift.unknown', { shiftId });
  return shiftViewOf(row);
}

/** A zone's or a shift's history of changes, oldest first. */
export async function recordHistory(ctx: ApiContext, recordId: string): Promise<{ items: HistoryEntry[] }> {
  return { items: await historyOf(ctx.db, { recordId }) };
}
