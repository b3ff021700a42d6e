import { sql } from 'drizzle-orm';
import type { ApiContext } from '../../context';
import type { KpiReport } from '../../../contracts/kpis';
import { num, type Period } from './period';

/** P1.3a, P7.1b owner satisfaction: the repair ratings given in the period (of repairs in the building, if one is asked). */
export async function satisfaction(ctx: ApiContext, period: Period): Promise<KpiReport['satisfaction']> {
  const building = period.building
    ? sql`and coalesce((select u.building_id from units u where u.id = r.location ->> 'unitId'), (select z.building_id from zones z where z.id = r.location ->> 'zoneId')) = ${period.building}`
    : sql``;
  const rows = await ctx.db.execute<{ rating: number; count: number }>(sql`
    select r.rating::int as rating, count(*)::int as count from repair_records r
    where r.rating is not null and r.rated_at >= ${period.from} and r.rated_at < ${period.to} ${building}
    group by r.rating order by r.rating`);
  const ratings = rows.reduce((sum, row) => sum + row.count, 0);
  const mean = ratings ? rows.reduce((sum, row) => sum + row.rating * row.count, 0) / ratings : null;
  return { ratings, mean: num(mean), distribution: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: rows.find((row) => row.rating === rating)?.count ?? 0 })) };
}
