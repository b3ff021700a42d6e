import type { ApiContext } from '../context';
import { ensureAnnualPlanSchedule } from './annual-plan';
import { ensureInspectionSchedules } from './inspection-schedules';
import { ensureQuarterlyEvaluationSchedule } from './supplier-evaluation';
import { ensureRequalificationSchedule } from './suppliers';

/**
 * Every Temporal Schedule the regulations ask for: inspections (P3.1a), supplier re-qualification
 * (P2.2a), quarterly supplier evaluation (P2.2c), the year-end plan (P2.1a). Safe on every start.
 */
export async function ensureProcessSchedules(ctx: ApiContext): Promise<{ inspectionPlans: number }> {
  const inspectionPlans = await ensureInspectionSchedules(ctx);
  await ensureRequalificationSchedule(ctx.temporal, ctx.taskQueue);
  await ensureQuarterlyEvaluationSchedule(ctx.temporal, ctx.taskQueue);
  await ensureAnnualPlanSchedule(ctx.temporal, ctx.taskQueue, ctx.settings.governance);
  return { inspectionPlans };
}
