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

const positive = (env: NodeJS.ProcessEnv, name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value !== 'on' && value !== 'off') throw new Error(`${name} must be on or off`);
  return value === 'on';
}

function shift(name: string, spec: string): Shift {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(spec.trim());
  const minutes = match ? [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])] : [];
  if (!match || Number(match[2]) > 59 || Number(match[4]) > 59 || minutes[0] > 24 * 60 || minutes[1] > 24 * 60 || minutes[0] === minutes[1]) {
    throw new Error(`${name}: "${spec}" is not a shift like 07:00-20:00`);
  }
  return { start: minutes[0], end: minutes[1] };
}

/** Roles that have no shift: owners and vendors read their own data at any hour; committee members are owners. */
const NO_SHIFT: readonly Role[] = ['owner', 'vendor', 'committee-member'];

function shifts(env: NodeJS.ProcessEnv): Partial<Record<Role, Shift>> {
  const staffHours = shift('ACCESS_STAFF_HOURS', env.ACCESS_STAFF_HOURS ?? '07:00-20:00');
  const result: Partial<Record<Role, Shift>> = Object.fromEntries(ROLES.filter((role) => !NO_SHIFT.includes(role)).map((role) => [role, staffHours]));
  const overrides = env.ACCESS_ROLE_HOURS ?? 'guard=00:00-24:00,security-supervisor=00:00-24:00,monitoring-operator=00:00-24:00';
  for (const entry of overrides.split(',').filter((part) => part.trim())) {
    const [role, hours] = entry.split('=');
    if (!ROLES.includes(role?.trim() as Role) || !hours) throw new Error(`ACCESS_ROLE_HOURS: "${entry}" is not role=HH:MM-HH:MM`);
    result[role.trim() as Role] = shift('ACCESS_ROLE_HOURS', hours);
  }
  return result;
}

function timeZone(env: NodeJS.ProcessEnv): string {
  const zone = env.TZ_COMMUNITY ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(`TZ_COMMUNITY: "${zone}" is not a time zone`);
  }
  return zone;
}

export function accessLogSettings(env: NodeJS.ProcessEnv = process.env): AccessLogSettings {
  const minutes = (name: string, fallback: number) => Math.round(positive(env, name, fallback) * 60_000);
  return {
    manyPeople: { limit: Math.floor(positive(env, 'ACCESS_ANOMALY_PEOPLE_LIMIT', 20)), windowMs: minutes('ACCESS_ANOMALY_PEOPLE_WINDOW_MINUTES', 10) },
    bulkExport: { limit: Math.floor(positive(env, 'ACCESS_ANOMALY_EXPORT_LIMIT', 10)), windowMs: minutes('ACCESS_ANOMALY_EXPORT_WINDOW_MINUTES', 60) },
    offShift: { shifts: shifts(env), timeZone: timeZone(env), windowMs: minutes('ACCESS_ANOMALY_OFF_SHIFT_WINDOW_MINUTES', 12 * 60) },
    reviewDueMs: minutes('ACCESS_ANOMALY_REVIEW_DUE_MINUTES', 24 * 60),
    synchronousCommit: onOff(env, 'ACCESS_LOG_SYNCHRONOUS_COMMIT', false),
  };
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
