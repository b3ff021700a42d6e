import { sql } from 'drizzle-orm';
import type { SessionUser } from '../../auth/session';
import type { ApiContext } from '../../context';
import { notFound } from '../../http/problem';
import type { HeatmapQuery, ProcessHeatmap } from '../../../contracts/kpis';
import { hiddenProcesses } from '../../../contracts/permissions';
import { processNamed } from '../../../workflows/processes';
import { num, periodOf } from './period';

/**
 * A process's heatmap over the instances started in the period: per step, how often it was entered (each instance's
 * visit count, summed) and the time spent per visit, entered to left (median and p90 of the visits that left it).
 */
export async function processHeatmap(ctx: ApiContext, user: SessionUser, process: string, query: HeatmapQuery): Promise<ProcessHeatmap> {
  const definition = processNamed(process);
  if (!definition || hiddenProcesses(user).includes(definition.name)) throw notFound('process.unknown-definition', { process });
  const period = await periodOf(ctx, query);
  const instances = sql`select p.workflow_id from process_instances p
    where p.process = ${definition.name} and p.started_at >= ${period.from} and p.started_at < ${period.to}`;
  const [rows, [count]] = await Promise.all([
    ctx.db.execute<{ step_id: string; visits: number; instances: number; p50: string | null; p90: string | null }>(sql`
      with visits as (
        select e.workflow_id, e.step_id, e.visit,
          min(e.at) filter (where e.event = 'entered') as entered_at,
          max(e.at) filter (where e.event <> 'entered') as left_at
        from (${instances}) i join step_events e on e.workflow_id = i.workflow_id
        group by e.workflow_id, e.step_id, e.visit)
      select step_id, count(*) filter (where visit > 0)::int as visits, count(distinct workflow_id)::int as instances,
        percentile_cont(0.5) within group (order by extract(epoch from left_at - entered_at)) as p50,
        percentile_cont(0.9) within group (order by extract(epoch from left_at - entered_at)) as p90
      from visits group by step_id order by step_id`),
    ctx.db.execute<{ instances: number }>(sql`select count(*)::int as instances from (${instances}) i`),
  ]);
  return {
    process: definition.name,
    from: period.days.from,
    to: period.days.to,
    instances: count.instances,
    steps: rows.map((row) => ({ stepId: row.step_id, visits: row.visits, instances: row.instances, seconds: { p50: num(row.p50), p90: num(row.p90) } })),
  };
}
