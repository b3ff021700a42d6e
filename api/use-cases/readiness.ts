import { sql } from 'drizzle-orm';
import type { ApiContext } from '../context';

export type DependencyState = 'up' | 'down';

export interface Readiness {
  ready: boolean;
  dependencies: { database: DependencyState; temporal: DependencyState };
}

/** How long a dependency may take to answer before it counts as down: a probe must answer fast. */
const PROBE_MS = 2_000;

async function probe(check: () => Promise<unknown>): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('no answer in time')), PROBE_MS);
  });
  try {
    await Promise.race([check(), late]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/** Whether this instance can serve: PostgreSQL answers a query and Temporal its system info, each within 2 s. */
export async function checkReadiness(ctx: Pick<ApiContext, 'db' | 'temporal'>): Promise<Readiness> {
  const [database, temporal] = await Promise.all([
    probe(() => ctx.db.execute(sql`select 1`)),
    probe(() => ctx.temporal.connection.withDeadline(Date.now() + PROBE_MS, () => ctx.temporal.workflowService.getSystemInfo({}))),
  ]);
  return { ready: database === 'up' && temporal === 'up', dependencies: { database, temporal } };
}
