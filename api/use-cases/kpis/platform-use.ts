import { sql } from 'drizzle-orm';
import type { ApiContext } from '../../context';
import type { KpiReport } from '../../../contracts/kpis';
import { ratio, type Period } from './period';

/**
 * P7.2a platform use: of the active accounts, those who used Steward in the period: a session of theirs was used in it, or
 * they completed a task in it. People have no building: the building filter does not apply.
 */
export async function platformUse(ctx: ApiContext, period: Period): Promise<KpiReport['platformUse']> {
  const [row] = await ctx.db.execute<{ active: number; accounts: number }>(sql`
    with used as (
      select user_id from sessions where last_seen_at >= ${period.from} and created_at < ${period.to}
      union select completed_by from tasks where completed_at >= ${period.from} and completed_at < ${period.to} and completed_by is not null)
    select count(*) filter (where u.id in (select user_id from used))::int as active, count(*)::int as accounts
    from users u where u.active`);
  return { activeUsers: ratio(row.active, row.accounts), buildingApplies: false };
}
