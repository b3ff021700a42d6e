import { sql } from 'drizzle-orm';
import type { ApiContext } from '../../context';
import type { ServiceQualityRow } from '../../../contracts/kpis';
import { PROCESSES } from '../../../workflows/processes';
import { inBuilding, num, ratio, type Period } from './period';

/**
 * The steps that record an escalation: a deadline passed and the matter went up or out (…Overdue, …SlaBreached,
 * escalate…). Reminders are not escalations.
 */
export const ESCALATION_STEPS: readonly string[] = [
  ...new Set(PROCESSES.flatMap((definition) => Object.values(definition.steps).map((step) => step.id)).filter((id) => /^escalate|Overdue$|SlaBreached$/.test(id))),
];

type StepRow = {
  process: string;
  step_id: string | null;
  instances: number;
  p50: string | null;
  p90: string | null;
  reworked: number;
  escalated: number;
};

type TaskRow = {
  process: string;
  step_id: string | null;
  met: number;
  counted: number;
};

/**
 * P7.2a, P3.3c service quality per process and per step, over the instances started in the period: cycle time p50/p90
 * (a process start to end, of those that completed; a step each visit entered to left), SLA compliance of their tasks
 * (done by the due time, of those done or past due), rework (a step entered more than once) and escalation (an
 * escalation step passed). A process's row has step null.
 */
export async function serviceQuality(ctx: ApiContext, period: Period): Promise<ServiceQualityRow[]> {
  const instances = sql`select p.workflow_id, p.process, p.status, p.started_at, p.ended_at from process_instances p
    where p.started_at >= ${period.from} and p.started_at < ${period.to} ${inBuilding(period, 'p')}`;
  const escalations = sql`array[${sql.join(
    ESCALATION_STEPS.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`;
  const [steps, tasks] = await Promise.all([
    ctx.db.execute<StepRow>(sql`
      with inst as (${instances}),
      visits as (
        select i.process, e.workflow_id, e.step_id, e.visit,
          min(e.at) filter (where e.event = 'entered') as entered_at,
          max(e.at) filter (where e.event <> 'entered') as left_at
        from inst i join step_events e on e.workflow_id = i.workflow_id
        group by i.process, e.workflow_id, e.step_id, e.visit),
      per_instance as (
        select process, workflow_id, bool_or(visit > 1) as reworked, bool_or(step_id = any(${escalations})) as escalated
        from visits group by process, workflow_id)
      select v.process, v.step_id, count(distinct v.workflow_id)::int as instances,
        percentile_cont(0.5) within group (order by extract(epoch from v.left_at - v.entered_at)) as p50,
        percentile_cont(0.9) within group (order by extract(epoch from v.left_at - v.entered_at)) as p90,
        count(distinct v.workflow_id) filter (where v.visit > 1)::int as reworked,
        count(distinct v.workflow_id) filter (where pi.escalated)::int as escalated
      from visits v join per_instance pi on pi.workflow_id = v.workflow_id
      group by v.process, v.step_id
      union all
      select i.process, null, count(*)::int,
        percentile_cont(0.5) within group (order by extract(epoch from i.ended_at - i.started_at)) filter (where i.status = 'completed'),
        percentile_cont(0.9) within group (order by extract(epoch from i.ended_at - i.started_at)) filter (where i.status = 'completed'),
        count(*) filter (where pi.reworked)::int, count(*) filter (where pi.escalated)::int
      from inst i left join per_instance pi on pi.workflow_id = i.workflow_id
      group by i.process`),
    ctx.db.execute<TaskRow>(sql`
      with inst as (${instances}),
      counted as (
        select t.process, t.step_id, (t.status = 'completed' and t.completed_at <= t.due_at) as met
        from inst i join tasks t on t.workflow_id = i.workflow_id
        where t.status = 'completed' or (t.status = 'open' and t.due_at < now()))
      select process, step_id, count(*) filter (where met)::int as met, count(*)::int as counted
      from counted group by grouping sets ((process, step_id), (process))`),
  ]);
  const sla = new Map(tasks.map((row) => [`${row.process}/${row.step_id ?? ''}`, row]));
  return steps
    .map((row): ServiceQualityRow => {
      const tasksOf = sla.get(`${row.process}/${row.step_id ?? ''}`);
      return {
        process: row.process,
        stepId: row.step_id,
        instances: row.instances,
        cycleSeconds: { p50: num(row.p50), p90: num(row.p90) },
        sla: ratio(tasksOf?.met ?? 0, tasksOf?.counted ?? 0),
        rework: ratio(row.reworked, row.instances),
        escalation: ratio(row.escalated, row.instances),
      };
    })
    .sort((a, b) => a.process.localeCompare(b.process) || (a.stepId ?? '').localeCompare(b.stepId ?? ''));
}
