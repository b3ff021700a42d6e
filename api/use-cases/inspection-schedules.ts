import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleUpdateOptions } from '@temporalio/client';
import { inspectionPlans } from '../../db/schema';
import { inspectionProcess, type InspectionInput } from '../../workflows/inspection/definition';
import type { ApiContext } from '../context';
import { scheduledStart } from './start-process';

type Plan = typeof inspectionPlans.$inferSelect;

/** One schedule per plan, named after it, so creating a plan twice cannot make two. */
export const inspectionScheduleId = (planId: string) => `inspection-${planId}`;

function scheduleOf(ctx: ApiContext, plan: Plan): ScheduleUpdateOptions {
  const input: InspectionInput = { planId: plan.id, faultRepairTimings: ctx.settings.faultRepair };
  return {
    spec: { intervals: [{ every: plan.cycleSeconds * 1000 }] },
    // The schedule appends the run's time, so every run has its own id.
    action: scheduledStart(inspectionProcess, { workflowId: inspectionProcess.workflowId(plan.id), input, taskQueue: ctx.taskQueue }),
    // A run still open when the next is due is not stacked: it shows overdue instead. A run missed
    // while Temporal was down is made up if less than a cycle late (the server's floor is 10 s).
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: Math.max(10_000, plan.cycleSeconds * 1000) },
    state: { paused: !plan.active, note: plan.active ? `P3.1a: ${plan.title}` : 'plan deactivated' },
  };
}

/**
 * Makes the plan's schedule match the plan: created if missing, otherwise updated (cycle, task queue,
 * timings) and paused or unpaused with the plan. Safe to repeat.
 */
export async function ensureInspectionSchedule(ctx: ApiContext, plan: Plan, options: { triggerImmediately?: boolean } = {}): Promise<string> {
  const scheduleId = inspectionScheduleId(plan.id);
  const schedule = scheduleOf(ctx, plan);
  try {
    await ctx.temporal.schedule.create({
      scheduleId,
      ...schedule,
      state: { ...schedule.state, triggerImmediately: plan.active && options.triggerImmediately === true },
    });
    return scheduleId;
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = ctx.temporal.schedule.getHandle(scheduleId);
  await handle.update(() => schedule);
  // An update does not reliably change the paused state; pause and unpause do.
  const { state } = await handle.describe();
  if (state.paused && plan.active) await handle.unpause('plan active');
  if (!state.paused && !plan.active) await handle.pause('plan deactivated');
  return scheduleId;
}

/** At start-up: every plan in the database has its schedule; new demo plans run once at once. */
export async function ensureInspectionSchedules(ctx: ApiContext): Promise<number> {
  const plans = await ctx.db.select().from(inspectionPlans);
  for (const plan of plans) await ensureInspectionSchedule(ctx, plan, { triggerImmediately: true });
  return plans.length;
}

/** Runs the plan now, besides its cycle (a manual run may overlap an open one). */
export async function triggerInspection(ctx: ApiContext, planId: string): Promise<void> {
  await ctx.temporal.schedule.getHandle(inspectionScheduleId(planId)).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
}
