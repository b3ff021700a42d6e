import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import { desc, eq } from 'drizzle-orm';
import type { PlanRequest } from '../../contracts/governance';
import { annualPlans, committeeFilings, planProjects } from '../../db/schema';
import { type AnnualPlanInput } from '../../workflows/annual-plan/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import type { GovernanceSettings } from '../governance-settings';
import { notFound } from '../http/problem';
import { scheduledStart, startProcess } from './start-process';
import { annualPlanProcess } from '../../workflows/annual-plan/definition';

export const planInput = (settings: GovernanceSettings, year?: number): AnnualPlanInput => ({
  ...(year === undefined ? {} : { year }),
  departments: settings.departments,
  timings: settings.plan,
  procurementWorkflowType: settings.procurementWorkflowType,
});

/** P2.1a: management starts a year's plan by hand (the year-end schedule does it otherwise). */
export async function startAnnualPlan(ctx: ApiContext, user: SessionUser, request: PlanRequest) {
  const workflowId = annualPlanProcess.workflowId(request.planId);
  await startProcess(ctx, annualPlanProcess, { workflowId, input: planInput(ctx.settings.governance, request.year), title: `${request.year} 年度计划 Annual plan ${request.year}`, startedBy: user.id });
  return { workflowId };
}

export const ANNUAL_PLAN_SCHEDULE_ID = 'annual-plan-year-end';

/** P2.1a: the year-end schedule that starts next year's plan; created once, its cron kept in step with the settings. */
export async function ensureAnnualPlanSchedule(temporal: Client, taskQueue: string, settings: GovernanceSettings): Promise<void> {
  const spec = { cronExpressions: [settings.annualPlanCron] };
  const action = scheduledStart(annualPlanProcess, { workflowId: 'annual-plan', input: planInput(settings), taskQueue });
  try {
    await temporal.schedule.create({ scheduleId: ANNUAL_PLAN_SCHEDULE_ID, spec, action });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await temporal.schedule.getHandle(ANNUAL_PLAN_SCHEDULE_ID).update((previous) => ({ ...previous, spec, action }));
  }
}

const filingSummary = (row: typeof committeeFilings.$inferSelect) => ({
  workflowId: row.workflowId,
  planWorkflowId: row.planWorkflowId,
  year: row.year,
  title: row.title,
  packageDigest: row.packageDigest,
  filedAt: row.filedAt.toISOString(),
  status: row.status,
  receiptNumber: row.receiptNumber,
  decidedAt: row.decidedAt?.toISOString() ?? null,
  comment: row.comment,
});

export async function listFilings(ctx: ApiContext) {
  const rows = await ctx.db.select().from(committeeFilings).orderBy(desc(committeeFilings.filedAt)).limit(100);
  return { items: rows.map(filingSummary) };
}

export async function getFiling(ctx: ApiContext, workflowId: string) {
  const [row] = await ctx.db.select().from(committeeFilings).where(eq(committeeFilings.workflowId, workflowId));
  if (!row) throw notFound('filing.unknown', { workflowId });
  return { ...filingSummary(row), package: row.package as Record<string, unknown> };
}

export async function listPlans(ctx: ApiContext) {
  const plans = await ctx.db.select().from(annualPlans).orderBy(desc(annualPlans.year), desc(annualPlans.approvedAt)).limit(50);
  const projects = await ctx.db.select().from(planProjects);
  return {
    items: plans.map((plan) => ({
      workflowId: plan.workflowId,
      year: plan.year,
      status: plan.status,
      approvedBy: plan.approvedBy,
      approvedAt: plan.approvedAt.toISOString(),
      effectiveAt: plan.effectiveAt?.toISOString() ?? null,
      projects: projects
        .filter((project) => project.planWorkflowId === plan.workflowId)
        .map((project) => ({
          projectId: project.projectId,
          title: project.title,
          priority: project.priority,
          estimateYuan: project.estimateFen / 100,
          major: project.major,
          art278Item: project.art278Item,
          status: project.status,
          voteWorkflowId: project.voteWorkflowId,
          procurementWorkflowId: project.procurementWorkflowId,
        })),
    })),
  };
}
