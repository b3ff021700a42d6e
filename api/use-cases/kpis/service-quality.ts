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
  // Each instance's rework and escalation flags are windowed over its own visits in one pass: joining one CTE to
  // another leaves the planner without row estimates, and a nested loop over both grows with their product.
  const [steps, processes, tasks] = await Promise.all([
    ctx.db.execute<StepRow>(sql`
      with inst as (${instances}),
      visits as (
        select i.process, e.workflow_id, e.step_id, e.visit,
          min(e.at) filter (where e.event = 'entered') as entered_at,
          max(e.at) filter (where e.event <> 'entered') as left_at
        from inst i join step_events e on e.workflow_id = i.workflow_id
        group by i.process, e.workflow_id, e.step_id, e.visit),
      flagged as (
        select v.*, bool_or(v.visit > 1) over w as reworked, bool_or(v.step_id = any(${escalations})) over w as escalated
        from visits v window w as (partition by v.workflow_id))
      select process, step_id, count(distinct workflow_id)::int as instances,
        percentile_cont(0.5) within group (order by extract(epoch from left_at - entered_at)) as p50,
        percentile_cont(0.9) within group (order by extract(epoch from left_at - entered_at)) as p90,
        count(distinct workflow_id) filter (where visit > 1)::int as reworked,
        count(distinct workflow_id) filter (where escalated)::int as escalated
      from flagged group by grouping sets ((process, step_id), (process))`),
    ctx.db.execute<{ process: string; instances: number; p50: string | null; p90: string | null }>(sql`
      select i.process, count(*)::int as instances,
        percentile_cont(0.5) within group (order by extract(epoch from i.ended_at - i.started_at)) filter (where i.status = 'completed') as p50,
        percentile_cont(0.9) within group (order by extract(epoch from i.ended_at - i.started_at)) filter (where i.status = 'completed') as p90
      from (${instances}) i group by i.process`),
    ctx.db.execute<TaskRow>(sql`
      with inst as (${instances}),
      counted as (
        select t.process, t.step_id, (t.status = 'completed' and t.completed_at <= t.due_at) as met
        from inst i join tasks t on t.workflow_id = i.workflow_id
        where t.status = 'completed' or (t.status = 'open' and t.due_at < now()))
      select process, step_id, count(*) filter (where met)::int as met, count(*)::int as counted
      from counted group by grouping sets ((process, step_id), (process))`),
  ]);
  // The process rows: instances and cycle times of every instance of the period (one may have no step yet), rework
  // and escalation from the flags of the steps' grouping set (step null).
  const flags = new Map(steps.filter((row) => row.step_id === null).map((row) => [row.process, row]));
  const rows: StepRow[] = [
    ...steps.filter((row) => row.step_id !== null),
    ...processes.map((row) => ({ ...row, step_id: null, reworked: flags.get(row.process)?.reworked ?? 0, escalated: flags.get(row.process)?.escalated ?? 0 })),
  ];
  const sla = new Map(tasks.map((row) => [`${row.process}/${row.step_id ?? ''}`, row]));
  return rows
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
