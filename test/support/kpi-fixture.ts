import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { buildings, deliveries, devices, processInstances, repairRecords, stepEvents, tasks, units, zones } from '../../db/schema';

/**
 * A known month of records in a building of its own (`kpi-b`), March 2025 in the community's time zone, for figures
 * worked out by hand. Four fault repairs start in it (A, B, C completed in 1 h, 2 h, 4 h; D still running), one before
 * it (O, a device's outage that lasts into its first two days), one after it (E).
 */
export const KPI_PERIOD = { from: '2025-03-01', to: '2025-03-31' } as const;
export const KPI_BUILDING = 'kpi-b';
const UNIT = 'kpi-b-101';
const ZONE = 'kpi-z';

/** A time on a day of March 2025 in Shanghai. */
const at = (day: number, hh: number, mm = 0) => new Date(`2025-03-${String(day).padStart(2, '0')}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);

export interface KpiFixture {
  workflowIds: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'O', string>;
}

export async function seedKpiFixture(db: Database, suffix: string): Promise<KpiFixture> {
  const id = (name: string) => `kpi-${name}-${suffix}`;
  const workflowIds = { A: id('A'), B: id('B'), C: id('C'), D: id('D'), E: id('E'), O: id('O') };
  await db.insert(buildings).values({ id: KPI_BUILDING, name: 'KPI 楼 KPI building' }).onConflictDoNothing();
  await db.insert(units).values({ id: UNIT, buildingId: KPI_BUILDING, number: '101', exclusiveArea: '90.00' }).onConflictDoNothing();
  await db.insert(zones).values({ id: ZONE, name: 'KPI 楼大堂 KPI lobby', buildingId: KPI_BUILDING }).onConflictDoNothing();
  await db
    .insert(devices)
    .values([
      { id: 'kpi-cam-1', name: 'KPI camera 1', zoneId: ZONE, system: 'cctv' },
      { id: 'kpi-cam-2', name: 'KPI camera 2', zoneId: ZONE, system: 'cctv' },
      { id: 'kpi-switch', name: 'KPI switch', zoneId: ZONE, system: 'network' },
    ])
    .onConflictDoNothing();

  const report = (extra: Record<string, unknown> = {}) => ({ report: { system: 'cctv', source: 'staff', symptoms: 'no picture', location: { unitId: UNIT }, ...extra } });
  const instance = (workflowId: string, startedAt: Date, endedAt: Date | null, data = report()) => ({
    workflowId,
    process: 'fault-repair',
    title: 'cctv: no picture',
    status: endedAt ? ('completed' as const) : ('running' as const),
    startedAt,
    endedAt,
    data,
  });
  await db.insert(processInstances).values([
    instance(workflowIds.A, at(2, 10), at(2, 11)),
    instance(workflowIds.B, at(3, 10), at(3, 12)),
    instance(workflowIds.C, at(4, 10), at(4, 14)),
    instance(workflowIds.D, at(5, 10), null),
    instance(workflowIds.E, new Date('2025-04-02T10:00:00+08:00'), new Date('2025-04-02T11:00:00+08:00')),
    // kpi-cam-1 down from 28 February until its repair closed on 3 March 00:00: two days of March.
    instance(
      workflowIds.O,
      new Date('2025-02-28T00:05:00+08:00'),
      at(3, 0),
      report({ source: 'monitoring', occurredAt: '2025-02-28T00:00:00+08:00', location: { zoneId: ZONE, deviceId: 'kpi-cam-1' } }),
    ),
  ]);

  const events: Array<[string, string, 'entered' | 'completed' | 'failed', number, Date]> = [
    // A: diagnosis 10 min, repair twice (rework) 20 min each.
    [workflowIds.A, 'faultReported', 'completed', 1, at(2, 10)],
    [workflowIds.A, 'diagnoseFault', 'entered', 1, at(2, 10)],
    [workflowIds.A, 'diagnoseFault', 'completed', 1, at(2, 10, 10)],
    [workflowIds.A, 'repairFault', 'entered', 1, at(2, 10, 10)],
    [workflowIds.A, 'repairFault', 'completed', 1, at(2, 10, 30)],
    [workflowIds.A, 'repairFault', 'entered', 2, at(2, 10, 30)],
    [workflowIds.A, 'repairFault', 'completed', 2, at(2, 10, 50)],
    // B: diagnosis 20 min, repair 20 min.
    [workflowIds.B, 'faultReported', 'completed', 1, at(3, 10)],
    [workflowIds.B, 'diagnoseFault', 'entered', 1, at(3, 10)],
    [workflowIds.B, 'diagnoseFault', 'completed', 1, at(3, 10, 20)],
    [workflowIds.B, 'repairFault', 'entered', 1, at(3, 10, 20)],
    [workflowIds.B, 'repairFault', 'completed', 1, at(3, 10, 40)],
    // C: diagnosis 30 min, then passed to the vendor (an escalation).
    [workflowIds.C, 'faultReported', 'completed', 1, at(4, 10)],
    [workflowIds.C, 'diagnoseFault', 'entered', 1, at(4, 10)],
    [workflowIds.C, 'diagnoseFault', 'completed', 1, at(4, 10, 30)],
    [workflowIds.C, 'escalateToVendor', 'completed', 1, at(4, 10, 30)],
    // D: in diagnosis still.
    [workflowIds.D, 'faultReported', 'completed', 1, at(5, 10)],
    [workflowIds.D, 'diagnoseFault', 'entered', 1, at(5, 10)],
    // E: after the period.
    [workflowIds.E, 'diagnoseFault', 'entered', 1, new Date('2025-04-02T10:00:00+08:00')],
    [workflowIds.E, 'diagnoseFault', 'completed', 1, new Date('2025-04-02T10:05:00+08:00')],
  ];
  const seqs = new Map<string, number>();
  await db.insert(stepEvents).values(
    events.map(([workflowId, stepId, event, visit, when]) => {
      const seq = (seqs.get(workflowId) ?? 0) + 1;
      seqs.set(workflowId, seq);
      return { workflowId, seq, stepId, event, visit, actor: null, at: when, detail: null };
    }),
  );

  const task = (workflowId: string, stepId: string, dueAt: Date, completed: { at: Date; by: string } | 'open' | 'cancelled') => ({
    id: `${workflowId}.${stepId}`,
    workflowId,
    process: 'fault-repair',
    stepId,
    title: stepId,
    status: completed === 'open' || completed === 'cancelled' ? completed : ('completed' as const),
    candidateRoles: ['technician'],
    candidateUsers: [],
    priority: 50,
    dueAt,
    createdAt: at(1, 0),
    completedAt: typeof completed === 'object' ? completed.at : null,
    completedBy: typeof completed === 'object' ? completed.by : null,
    formSchema: {},
    context: {},
  });
  await db.insert(tasks).values([
    task(workflowIds.A, 'diagnoseFault', at(2, 10, 15), { at: at(2, 10, 10), by: 'u-tech1' }), // met
    task(workflowIds.A, 'repairFault', at(2, 11), { at: at(2, 10, 50), by: 'u-tech1' }), // met
    task(workflowIds.B, 'diagnoseFault', at(3, 10, 15), { at: at(3, 10, 20), by: 'u-tech2' }), // late
    task(workflowIds.B, 'repairFault', at(3, 11), 'cancelled'), // not counted
    task(workflowIds.C, 'diagnoseFault', at(4, 11), { at: at(4, 10, 30), by: 'u-tech1' }), // met
    task(workflowIds.D, 'diagnoseFault', at(5, 11), 'open'), // past due: late
    task(workflowIds.D, 'verifyRepair', new Date('2099-01-01T00:00:00Z'), 'open'), // not yet due: not counted
  ]);

  const record = (workflowId: string, rating: number, ratedAt: Date) => ({
    workflowId,
    system: 'cctv',
    location: { unitId: UNIT },
    symptoms: 'no picture',
    cause: 'cable',
    repairProcess: 'replaced the cable',
    partsReplaced: [],
    timeSpentMinutes: 20,
    repairedBy: 'u-tech1',
    verifiedBy: 'u-techsup',
    reworkCount: 0,
    closedAt: ratedAt,
    rating,
    ratedAt,
  });
  await db.insert(repairRecords).values([record(workflowIds.A, 4, at(2, 12)), record(workflowIds.B, 2, at(3, 13))]);

  const delivery = (name: string, dueAt: Date, deliveredAt: Date | null) => ({
    workflowId: id(`delivery-${name}`),
    contractId: id(`contract-${name}`),
    projectId: id(`project-${name}`),
    vendorId: 'v-cctv',
    title: `KPI delivery ${name}`,
    deliveryDate: dueAt,
    status: deliveredAt ? ('delivered' as const) : ('in-progress' as const),
    deliveredAt,
  });
  await db.insert(deliveries).values([
    delivery('early', at(10, 18), at(9, 12)), // on time
    delivery('late', at(12, 18), at(14, 12)), // late
    delivery('missing', at(20, 18), null), // past its date, undelivered: late
  ]);
  return { workflowIds };
}

/** Active accounts, for the platform-use denominator. */
export async function activeAccounts(db: Database): Promise<number> {
  const [row] = await db.execute<{ count: number }>(sql`select count(*)::int as count from users where active`);
  return row.count;
}
