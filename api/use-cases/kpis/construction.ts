import { sql } from 'drizzle-orm';
import type { ApiContext } from '../../context';
import type { KpiReport } from '../../../contracts/kpis';
import { ratio, type Period } from './period';

/**
 * P2.3, P7.2a construction: of the deliveries due in the period that are delivered or past their date, those delivered
 * by the contract's delivery date. Deliveries have no building, and no final cost is recorded (only the contract's
 * price), so the building filter does not apply and on budget is not measured.
 */
export async function construction(ctx: ApiContext, period: Period): Promise<KpiReport['construction']> {
  const [row] = await ctx.db.execute<{ on_time: number; counted: number }>(sql`
    select count(*) filter (where delivered_at is not null and delivered_at <= delivery_date)::int as on_time, count(*)::int as counted
    from deliveries
    where delivery_date >= ${period.from} and delivery_date < ${period.to} and (delivered_at is not null or delivery_date < now())`);
  return { onTime: ratio(row.on_time, row.counted), onBudget: null, buildingApplies: false };
}
