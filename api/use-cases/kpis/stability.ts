import { sql } from 'drizzle-orm';
import type { ApiContext } from '../../context';
import type { KpiReport } from '../../../contracts/kpis';
import { inBuilding, num, type Period } from './period';

type SystemRow = {
  system: string;
  devices: number;
  availability: string | null;
  faults: number;
  mttr: string | null;
};

/**
 * P3.1b, P7.2a system stability per system. Availability: each device's share of the period (up to now) not down,
 * a device being down from its last heartbeat before its outage repair opened (the monitoring's fault repair, P3.1b)
 * until that repair closed (at once when the device streams again and is closed as recovered), averaged over the
 * system's devices. Faults: repairs reported in the period; MTTR: their mean time from report to completed repair.
 */
export async function stability(ctx: ApiContext, period: Period): Promise<KpiReport['stability']> {
  const deviceBuilding = period.building ? sql`and z.building_id = ${period.building}` : sql``;
  const rows = await ctx.db.execute<SystemRow>(sql`
    with span as (select ${period.from} as from_at, ${period.until} as until_at),
    outages as (
      select p.data #>> '{report,location,deviceId}' as device_id,
        greatest(coalesce((p.data #>> '{report,occurredAt}')::timestamptz, p.started_at), span.from_at) as down_from,
        least(coalesce(p.ended_at, now()), span.until_at) as down_until
      from process_instances p, span
      where p.process = 'fault-repair' and p.data #>> '{report,source}' = 'monitoring' and p.data #>> '{report,location,deviceId}' is not null
        and p.started_at < ${period.until} and (p.ended_at is null or p.ended_at > ${period.from})),
    per_device as (
      select d.id, d.system,
        1 - least(1, coalesce(sum(extract(epoch from o.down_until - o.down_from)) filter (where o.down_until > o.down_from), 0)
          / nullif(extract(epoch from span.until_at - span.from_at), 0)) as availability
      from devices d join zones z on z.id = d.zone_id cross join span
      left join outages o on o.device_id = d.id
      where true ${deviceBuilding}
      group by d.id, d.system, span.from_at, span.until_at),
    faults as (
      select p.data #>> '{report,system}' as system, count(*)::int as faults,
        avg(extract(epoch from p.ended_at - p.started_at)) filter (where p.status = 'completed') as mttr
      from process_instances p
      where p.process = 'fault-repair' and p.started_at >= ${period.from} and p.started_at < ${period.to} ${inBuilding(period, 'p')}
      group by 1)
    select coalesce(d.system, f.system) as system, coalesce(d.devices, 0)::int as devices, d.availability, coalesce(f.faults, 0)::int as faults, f.mttr
    from (select system, count(*) as devices, avg(availability) as availability from per_device group by system) d
    full join faults f on f.system = d.system
    order by 1`);
  const [overall] = await ctx.db.execute<{ faults: number; mttr: string | null }>(sql`
    select count(*)::int as faults, avg(extract(epoch from p.ended_at - p.started_at)) filter (where p.status = 'completed') as mttr
    from process_instances p
    where p.process = 'fault-repair' and p.started_at >= ${period.from} and p.started_at < ${period.to} ${inBuilding(period, 'p')}`);
  const bySystem = rows.map((row) => ({ system: row.system, devices: row.devices, availability: num(row.availability), faults: row.faults, mttrSeconds: num(row.mttr) }));
  const deviceCount = bySystem.reduce((sum, row) => sum + row.devices, 0);
  const availability = deviceCount ? bySystem.reduce((sum, row) => sum + (row.availability ?? 0) * row.devices, 0) / deviceCount : null;
  return { availability, faults: overall.faults, mttrSeconds: num(overall.mttr), bySystem };
}
