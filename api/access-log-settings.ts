import { ROLES, type Role } from '../contracts/permissions';

/** A daily shift in the community's time zone, in minutes after midnight; `end` < `start` runs past midnight. */
export interface Shift {
  start: number;
  end: number;
}

/** P5.3c: when reading personal data counts as unusual, and how long the security supervisor has to review it. */
export interface AccessLogSettings {
  /** More than `limit` distinct people's records read by one user within `windowMs`. */
  manyPeople: { limit: number; windowMs: number };
  /** More than `limit` downloads (evidence, CSV, histories) by one user within `windowMs`. */
  bulkExport: { limit: number; windowMs: number };
  /** Reads outside every shift of the user's roles; one alert per user per `windowMs`. */
  offShift: { shifts: Partial<Record<Role, Shift>>; timeZone: string; windowMs: number };
  reviewDueMs: number;
  /**
   * Whether a read waits for its log row to reach the disk (PostgreSQL's synchronous_commit for that one
   * insert). Off (the default), the row is committed and visible before the answer, but a crash of the
   * database server can lose the last fraction of a second of rows (never one in the middle of the chain);
   * on, every logged read also waits for a WAL flush while holding the chain's lock, which serialises the
   * flushes (docs/benchmarks.md, section 7).
   */
  synchronousCommit: boolean;
}

/** Roles that have no shift: owners and vendors read their own data at any hour; committee members are owners. */
const NO_SHIFT: readonly Role[] = ['owner', 'vendor', 'committee-member'];

/** The staff hours for every role that has a shift, then the roles' own hours over them. */
export function shiftsByRole(staffHours: Shift, roleHours: Array<[Role, Shift]>): Partial<Record<Role, Shift>> {
  const result: Partial<Record<Role, Shift>> = Object.fromEntries(ROLES.filter((role) => !NO_SHIFT.includes(role)).map((role) => [role, staffHours]));
  for (const [role, hours] of roleHours) result[role] = hours;
  return result;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** Minutes after midnight in the zone; the formatter is built once per zone (building one costs more than a log write). */
const minuteOfDay = (at: Date, zone: string) => {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(zone, clock);
  }
  const parts = clock.formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
};

const within = ({ start, end }: Shift, minute: number) => (start < end ? minute >= start && minute < end : minute >= start || minute < end);

/** True when none of the user's roles with a shift is on duty at `at`; a user whose roles have no shift is never off shift. */
export function offShift(settings: AccessLogSettings['offShift'], roles: readonly string[], at: Date): boolean {
  const onDuty = roles.map((role) => settings.shifts[role as Role]).filter((entry): entry is Shift => entry !== undefined);
  if (onDuty.length === 0) return false;
  const minute = minuteOfDay(at, settings.timeZone);
  return !onDuty.some((entry) => within(entry, minute));
}
