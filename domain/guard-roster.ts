/**
 * Zones and the guard roster under maker-checker (P4.2c, P5.1a–b, issue 12): the diff and checks a checker sees of a
 * zone or a shift to add, change or disable, and the approved change written. The alarm dispatch reads the roster's
 * shifts (activities/alarm-linkage.ts): a guard on a shift covering the moment of dispatch comes first.
 */
import { and, asc, eq, gt, lt, lte, ne, sql } from 'drizzle-orm';
import type { DiffRow, StandardCheck } from '../contracts/data-review';
import type { ShiftFields, ZoneChangeProposal } from '../contracts/guard-roster';
import type { FieldKey } from '../contracts/problem-texts';
import type { Database } from '../db/client';
import { buildings, devices, guardRoster, guardShifts, users, zones } from '../db/schema';

type Reader = Pick<Database, 'select'>;
type Executor = Pick<Database, 'select' | 'insert' | 'update'>;

export type StoredZoneProposal = ZoneChangeProposal;

/** A shift as its draft keeps it: as entered, with the instants its day and hours mean in the community's time zone. */
export type StoredShift = ShiftFields & { startsAt: string; endsAt: string };
export type StoredShiftProposal =
  | { action: 'create'; shiftId: string; shift: StoredShift }
  | { action: 'change'; shiftId: string; shift: StoredShift }
  | { action: 'disable'; shiftId: string; reason: string };

/** The instants a shift's day and hours mean in a time zone; an end no later in the day than the start is the next day's. */
export async function shiftWindow(db: Pick<Database, 'execute'>, shift: ShiftFields, timeZone: string): Promise<{ startsAt: string; endsAt: string }> {
  const nextDay = shift.endTime <= shift.startTime ? 1 : 0;
  const [row] = await db.execute<{ starts_at: string; ends_at: string }>(sql`
    select to_char((${shift.date}::date + ${shift.startTime}::time) at time zone ${timeZone} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts_at,
           to_char((${shift.date}::date + ${nextDay}::int + ${shift.endTime}::time) at time zone ${timeZone} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as ends_at`);
  return { startsAt: row.starts_at, endsAt: row.ends_at };
}

const zoneOf = async (db: Reader, zoneId: string) => (await db.select().from(zones).where(eq(zones.id, zoneId)))[0] ?? null;
const buildingName = async (db: Reader, buildingId: string | null) =>
  buildingId === null ? null : ((await db.select({ name: buildings.name }).from(buildings).where(eq(buildings.id, buildingId)))[0]?.name ?? undefined);

/** P5.1a–b: a zone as it would be added or changed, field by field, and the checks: its id free or registered and in use, its building registered; a zone disabled holds no device in use and no shift to come. */
export async function reviewZoneChange(db: Reader, proposal: StoredZoneProposal) {
  const checks: StandardCheck[] = [];
  const check = (field: string, rule: FieldKey, passed: boolean) => checks.push({ field, rule, passed });
  const diff: DiffRow[] = [];
  const zone = await zoneOf(db, proposal.zoneId);
  const inUse = () => {
    check('zoneId', 'no-such-zone', !!zone);
    if (zone) check('zoneId', 'zone-disabled', zone.active);
  };
  const building = async (buildingId: string | null) => {
    const name = await buildingName(db, buildingId);
    check('zone.buildingId', 'no-such-building', name !== undefined);
    return name ?? buildingId;
  };
  switch (proposal.action) {
    case 'create':
      check('zoneId', 'taken', !zone);
      diff.push({ field: 'zone.name', before: null, after: proposal.zone.name }, { field: 'zone.buildingId', before: null, after: await building(proposal.zone.buildingId) });
      break;
    case 'change': {
      inUse();
      const { name, buildingId } = proposal.zone;
      if (name !== undefined) diff.push({ field: 'zone.name', before: zone?.name ?? null, after: name });
      if (buildingId !== undefined) diff.push({ field: 'zone.buildingId', before: zone ? ((await buildingName(db, zone.buildingId)) ?? zone.buildingId) : null, after: await building(buildingId) });
      check('zone', 'change-something', diff.some((row) => row.before !== row.after));
      break;
    }
    case 'disable': {
      inUse();
      const [inZone] = await db.select({ id: devices.id }).from(devices).where(and(eq(devices.zoneId, proposal.zoneId), eq(devices.active, true))).limit(1);
      check('zoneId', 'zone-has-devices', !inZone);
      const [toCome] = await db
        .select({ id: guardShifts.id })
        .from(guardShifts)
        .where(and(eq(guardShifts.zoneId, proposal.zoneId), eq(guardShifts.active, true), gt(guardShifts.endsAt, new Date())))
        .limit(1);
      check('zoneId', 'zone-has-shifts', !toCome);
      diff.push({ field: 'zone.active', before: zone?.active ?? null, after: false });
      break;
    }
  }
  return { diff, checks, needsSecondApproval: false };
}

/** P5.1b: writes an approved change to a zone (in the caller's transaction); a disabled zone leaves the standing roster. */
export async function writeZoneChange(tx: Executor & Pick<Database, 'delete'>, proposal: StoredZoneProposal): Promise<void> {
  switch (proposal.action) {
    case 'create':
      await tx.insert(zones).values({ id: proposal.zoneId, ...proposal.zone });
      break;
    case 'change':
      await tx.update(zones).set(proposal.zone).where(eq(zones.id, proposal.zoneId));
      break;
    case 'disable':
      await tx.update(zones).set({ active: false }).where(eq(zones.id, proposal.zoneId));
      await tx.delete(guardRoster).where(eq(guardRoster.zoneId, proposal.zoneId));
      break;
  }
}

const shiftOf = async (db: Reader, shiftId: string) => (await db.select().from(guardShifts).where(eq(guardShifts.id, shiftId)))[0] ?? null;

/**
 * P5.1a–b: a shift as it would be entered or changed, field by field (the zone and guard by name), and the checks: the
 * zone in use, an active guard, no other shift of theirs at the same time, the shift registered and not cancelled.
 */
export async function reviewShiftChange(db: Reader, proposal: StoredShiftProposal) {
  const checks: StandardCheck[] = [];
  const check = (field: string, rule: FieldKey, passed: boolean) => checks.push({ field, rule, passed });
  const diff: DiffRow[] = [];
  const shift = await shiftOf(db, proposal.shiftId);
  const inUse = () => {
    check('shiftId', 'no-such-shift', !!shift);
    if (shift) check('shiftId', 'shift-cancelled', shift.active);
  };
  const zoneName = async (zoneId: string) => (await zoneOf(db, zoneId))?.name ?? zoneId;
  const guardName = async (userId: string) => (await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId)))[0]?.name ?? userId;
  if (proposal.action === 'disable') {
    inUse();
    diff.push({ field: 'shift.active', before: shift?.active ?? null, after: false });
    return { diff, checks, needsSecondApproval: false };
  }
  if (proposal.action === 'create') check('shiftId', 'taken', !shift);
  else inUse();
  const fields = proposal.shift;
  const zone = await zoneOf(db, fields.zoneId);
  check('shift.zoneId', 'no-such-zone', !!zone);
  if (zone) check('shift.zoneId', 'zone-disabled', zone.active);
  const [guard] = await db.select({ roles: users.roles, active: users.active }).from(users).where(eq(users.id, fields.guardUserId));
  check('shift.guardUserId', 'not-a-guard', !!guard && guard.active && guard.roles.includes('guard'));
  const [overlapping] = await db
    .select({ id: guardShifts.id })
    .from(guardShifts)
    .where(
      and(
        eq(guardShifts.userId, fields.guardUserId),
        eq(guardShifts.active, true),
        ne(guardShifts.id, proposal.shiftId),
        lt(guardShifts.startsAt, new Date(fields.endsAt)),
        gt(guardShifts.endsAt, new Date(fields.startsAt)),
      ),
    )
    .limit(1);
  check('shift.startTime', 'shift-overlaps', !overlapping);
  const before = shift && proposal.action === 'change' ? { zoneId: await zoneName(shift.zoneId), guardUserId: await guardName(shift.userId), date: shift.shiftDate, startTime: shift.startTime, endTime: shift.endTime } : null;
  const after = { zoneId: zone?.name ?? fields.zoneId, guardUserId: await guardName(fields.guardUserId), date: fields.date, startTime: fields.startTime, endTime: fields.endTime };
  for (const field of ['zoneId', 'guardUserId', 'date', 'startTime', 'endTime'] as const) {
    if (!before || before[field] !== after[field]) diff.push({ field: `shift.${field}`, before: before?.[field] ?? null, after: after[field] });
  }
  if (proposal.action === 'change') check('shift', 'change-something', diff.length > 0);
  return { diff, checks, needsSecondApproval: false };
}

/** P5.1b: writes an approved change to the roster (in the caller's transaction). */
export async function writeShiftChange(tx: Executor, proposal: StoredShiftProposal): Promise<void> {
  if (proposal.action === 'disable') {
    await tx.update(guardShifts).set({ active: false }).where(eq(guardShifts.id, proposal.shiftId));
    return;
  }
  const { zoneId, guardUserId, date, startTime, endTime, startsAt, endsAt } = proposal.shift;
  const row = { zoneId, userId: guardUserId, shiftDate: date, startTime, endTime, startsAt: new Date(startsAt), endsAt: new Date(endsAt) };
  if (proposal.action === 'create') await tx.insert(guardShifts).values({ id: proposal.shiftId, ...row });
  else await tx.update(guardShifts).set(row).where(eq(guardShifts.id, proposal.shiftId));
}

/**
 * P4.2c: the zone's guards in dispatch order: those on a shift covering `at` first (the earliest started first), then
 * the zone's standing roster as their backup; active accounts only, each once.
 */
export async function guardsOnDuty(db: Reader, zoneId: string, at: Date): Promise<string[]> {
  const onShift = await db
    .select({ userId: guardShifts.userId })
    .from(guardShifts)
    .innerJoin(users, eq(users.id, guardShifts.userId))
    .where(and(eq(guardShifts.zoneId, zoneId), eq(guardShifts.active, true), eq(users.active, true), lte(guardShifts.startsAt, at), gt(guardShifts.endsAt, at)))
    .orderBy(asc(guardShifts.startsAt), asc(guardShifts.id));
  const standing = await db
    .select({ userId: guardRoster.userId })
    .from(guardRoster)
    .innerJoin(users, eq(users.id, guardRoster.userId))
    .where(and(eq(guardRoster.zoneId, zoneId), eq(users.active, true)))
    .orderBy(asc(guardRoster.position));
  return [...new Set([...onShift, ...standing].map((row) => row.userId))];
}
