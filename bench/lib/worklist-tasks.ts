import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { diagnosisForm } from '../../workflows/fault-repair/messages';

/**
 * The worklist benches' synthetic tasks table (bench:worklist, bench:backups): rows as the processes write them, made
 * in the database by one INSERT … SELECT generate_series per fill.
 */

/**
 * What kinds of human task the table holds, in percent of rows: candidate roles as the processes set
 * them (13 roles), with some tasks for named users (an owner's confirmation, a vendor's repair, one
 * technician picked by a supervisor) and claimed repairs (assignee). Technicians are candidates for ~34 %.
 */
const TASK_KINDS: Array<{ share: number; process: string; step: string; roles: string[]; users: 'none' | 'owner' | 'vendor' | 'technician'; assigned?: boolean }> = [
  { share: 22, process: 'fault-repair', step: 'diagnoseFault', roles: ['technician', 'tech-supervisor'], users: 'none' },
  { share: 11, process: 'fault-repair', step: 'repairFault', roles: ['technician'], users: 'none', assigned: true },
  { share: 1, process: 'fault-repair', step: 'repairFault', roles: ['tech-supervisor'], users: 'technician' },
  { share: 6, process: 'fault-repair', step: 'verifyRepair', roles: ['tech-supervisor'], users: 'none' },
  { share: 6, process: 'fault-repair', step: 'vendorRepair', roles: ['vendor'], users: 'vendor' },
  { share: 8, process: 'fault-repair', step: 'confirmRepair', roles: [], users: 'owner' },
  { share: 10, process: 'patrol', step: 'patrolRound', roles: ['guard'], users: 'none' },
  { share: 8, process: 'alarm-handling', step: 'triageAlarm', roles: ['monitoring-operator'], users: 'none' },
  { share: 6, process: 'expense', step: 'approvePayment', roles: ['finance'], users: 'none' },
  { share: 5, process: 'purchase', step: 'compareQuotes', roles: ['procurement'], users: 'none' },
  { share: 5, process: 'purchase', step: 'approvePurchase', roles: ['management'], users: 'none' },
  { share: 4, process: 'owners-vote', step: 'reviewMotion', roles: ['committee-member'], users: 'none' },
  { share: 3, process: 'onboarding', step: 'checkCertificates', roles: ['hr'], users: 'none' },
  { share: 2, process: 'audit', step: 'reviewRecords', roles: ['auditor'], users: 'none' },
  { share: 1, process: 'access-rights', step: 'grantAccess', roles: ['admin'], users: 'none' },
  { share: 2, process: 'fault-repair', step: 'arrangeRepair', roles: ['tech-supervisor', 'management'], users: 'none' },
];

const sqlText = (value: string) => `'${value.replace(/'/g, "''")}'`;
const sqlArray = (values: string[]) => `ARRAY[${values.map(sqlText).join(',')}]::text[]`;

function kindsValues(): string {
  if (TASK_KINDS.reduce((sum, kind) => sum + kind.share, 0) !== 100) throw new Error('task kind shares must add up to 100');
  const rows: string[] = [];
  let bucket = 0;
  TASK_KINDS.forEach((kind, index) => {
    for (let i = 0; i < kind.share; i++) rows.push(`(${bucket++}, ${index}, ${sqlText(kind.process)}, ${sqlText(kind.step)}, ${sqlArray(kind.roles)}, ${sqlText(kind.users)}, ${kind.assigned ? 'true' : 'false'})`);
  });
  return rows.join(',\n');
}

/**
 * Rows from..to in one INSERT … SELECT generate_series: ~5 % open, 90 % completed, 5 % cancelled; due
 * dates uniform over now ± 30 days. Ten technicians (u-tech1 … u-tech10; tech1 is the one signed in).
 */
function insertTasksSql(from: number, to: number): string {
  return `
    with kinds(bucket, kind, process, step, roles, users_kind, assigned) as (values ${kindsValues()}),
    src as (
      select g, floor(random() * 100)::int as bucket, random() as r_status, random() as r_due, random() as r_user, random() as r_hours
      from generate_series(${from}, ${to}) as g
    ),
    rows as (
      select src.*, kinds.process, kinds.step, kinds.roles, kinds.users_kind, kinds.assigned,
        md5(g::text)::uuid::text as wf,
        case when r_status < 0.05 then 'open' when r_status < 0.95 then 'completed' else 'cancelled' end as status,
        date_trunc('second', now() + (r_due * 60 - 30) * interval '1 day') as due_at,
        'u-tech' || (1 + floor(r_user * 10)::int) as technician
      from src join kinds using (bucket)
    )
    insert into tasks (id, workflow_id, process, step_id, title, status, candidate_roles, candidate_users, assignee, priority,
                       due_at, created_at, completed_at, completed_by, form_schema, context, result)
    select
      process || '-' || wf || '.' || step || '.1',
      process || '-' || wf,
      process,
      step,
      'Diagnose: cctv: Lobby camera shows a black image #' || g,
      status,
      roles,
      case users_kind
        when 'owner' then array['u-owner-' || floor(r_user * 2000)::int]
        when 'vendor' then array['u-vendor-' || (array['cctv','access-control','intrusion-alarm','network','elevator-monitoring','smart-home'])[1 + floor(r_user * 6)::int]]
        when 'technician' then array[technician]
        else '{}'::text[]
      end,
      case when assigned and (status <> 'open' or r_hours < 0.6) then technician end,
      case when r_user < 0.1 then 70 else 50 end,
      due_at,
      due_at - (1 + floor(r_hours * 72)) * interval '1 hour',
      case when status <> 'open' then due_at - floor(r_hours * 24) * interval '1 hour' end,
      case when status = 'completed' then technician end,
      $1::jsonb,
      jsonb_build_object('system', 'cctv', 'location', jsonb_build_object('buildingId', 'b1', 'unitId', 'b1-101'),
                         'symptoms', 'Lobby camera shows a black image', 'occurredAt', due_at - interval '2 hours'),
      case when status = 'completed' then '{"cause":"Loose video cable","repairPlan":"Reseat the cable","faultClass":"general"}'::jsonb end
    from rows`;
}

export async function fillTasks(db: Database, from: number, to: number, seed: number): Promise<number> {
  const started = performance.now();
  const formSchema = JSON.stringify(z.toJSONSchema(diagnosisForm, { io: 'input' }));
  await db.$client.begin(async (sql) => {
    await sql`select setseed(${seed})`;
    await sql.unsafe(insertTasksSql(from, to), [formSchema]);
  });
  await db.$client.unsafe('vacuum (analyze) tasks');
  return (performance.now() - started) / 1000;
}

export async function tableFacts(db: Database) {
  const [row] = await db.$client.unsafe<Array<{ total: string; open: string; tech_open: string; heap: string; idx: string }>>(`
    select count(*) as total, count(*) filter (where status = 'open') as open,
      count(*) filter (where status = 'open' and (candidate_roles && '{technician}' or 'u-tech1' = any(candidate_users) or assignee = 'u-tech1')) as tech_open,
      pg_size_pretty(pg_table_size('tasks')) as heap, pg_size_pretty(pg_indexes_size('tasks')) as idx from tasks`);
  return { total: Number(row.total), open: Number(row.open), technicianOpen: Number(row.tech_open), tableSize: row.heap, indexesSize: row.idx };
}
