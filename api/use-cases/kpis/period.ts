import { eq, sql, type SQL } from 'drizzle-orm';
import type { ApiContext } from '../../context';
import { badRequest } from '../../http/problem';
import { buildings } from '../../../db/schema';

/** A period of whole days in the community's time zone (`to` includes its day), and its optional building. */
export interface Period {
  from: SQL;
  to: SQL;
  /** The end, or now if the period has not ended: what has not happened yet is not counted as up or down. */
  until: SQL;
  building: string | null;
  /** The days asked for, or the default's. */
  days: { from: string; to: string };
}

/** The days a period runs over, the 30 days to today in the community's time zone when left out. */
function periodDays(ctx: ApiContext, query: { from?: string; to?: string }): { from: string; to: string } {
  const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.settings.communityTimeZone }).format(new Date());
  const to = query.to ?? (query.from ? shift(query.from, DEFAULT_DAYS - 1) : today);
  return { from: query.from ?? shift(to, 1 - DEFAULT_DAYS), to };
}

const DEFAULT_DAYS = 30;

export async function periodOf(ctx: ApiContext, query: { from?: string; to?: string; building?: string }): Promise<Period> {
  const days = periodDays(ctx, query);
  if (query.building) {
    const [found] = await ctx.db.select({ id: buildings.id }).from(buildings).where(eq(buildings.id, query.building));
    if (!found) throw badRequest('request.query-invalid', [{ field: 'query.building', message: 'no-such-building' }]);
  }
  const zone = ctx.settings.communityTimeZone;
  const to = sql`((${days.to}::date + 1)::timestamp at time zone ${zone})`;
  return {
    days,
    from: sql`(${days.from}::date::timestamp at time zone ${zone})`,
    to,
    until: sql`least(${to}, now())`,
    building: query.building ?? null,
  };
}

/** The building an instance is about: its unit's, or the zone's of a fault report (null: estate-wide or none). */
export const instanceBuilding = (alias: string) =>
  sql.raw(`coalesce((select u.building_id from units u where u.id = ${alias}.unit_id),
    (select z.building_id from zones z where z.id = ${alias}.data #>> '{report,location,zoneId}'))`);

/** Keeps the instances of the period's building (all when no building is asked). */
export const inBuilding = (period: Period, alias: string) => (period.building ? sql`and ${instanceBuilding(alias)} = ${period.building}` : sql``);

export const ratio = (count: number, of: number) => ({ count, of, rate: of > 0 ? count / of : null });

/** numeric and bigint come back from PostgreSQL as strings. */
export const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
