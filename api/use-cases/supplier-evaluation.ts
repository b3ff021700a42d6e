import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { EvaluationRequest } from '../../contracts/supplier-evaluation';
import { supplierEvaluations, supplierPenalties, vendorContracts, vendors, vendorTerminations } from '../../db/schema';
import type { EvaluationPolicy, QuarterlyEvaluationInput, SupplierEvaluationInput, SupplierEvaluationTimings } from '../../workflows/supplier-evaluation/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, unprocessable } from '../http/problem';
import { scheduledStart, startProcess } from './start-process';
import { quarterlyEvaluationRound, supplierEvaluationProcess } from '../../workflows/supplier-evaluation/definition';


const DAY_MINUTES = 24 * 60;
const QUARTER_MS = 91 * 24 * 3600_000;

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= min || value > max) throw new Error(`${name} must be a number in (${min}, ${max}]`);
  return value;
}

/** P2.2c settings: durations in minutes, the poor-score threshold and the weights, from the environment. */
export function supplierEvaluationSettings(env: NodeJS.ProcessEnv = process.env): { timings: SupplierEvaluationTimings; policy: EvaluationPolicy } {
  const minutes = (name: string, fallback: number) => Math.round(number(env, name, fallback) * 60_000);
  return {
    timings: {
      evaluationDueMs: minutes('SUPPLIER_EVALUATION_DUE_MINUTES', 7 * DAY_MINUTES),
      rectificationDueMs: minutes('SUPPLIER_RECTIFICATION_DUE_MINUTES', 30 * DAY_MINUTES),
      rectificationReminderMs: minutes('SUPPLIER_RECTIFICATION_REMINDER_MINUTES', 7 * DAY_MINUTES),
      penaltyDueMs: minutes('SUPPLIER_PENALTY_DUE_MINUTES', 7 * DAY_MINUTES),
      terminationDecisionDueMs: minutes('SUPPLIER_TERMINATION_DECISION_DUE_MINUTES', 7 * DAY_MINUTES),
    },
    policy: {
      poorBelow: number(env, 'SUPPLIER_POOR_SCORE_BELOW', 60, { max: 100 }),
      weights: {
        technology: number(env, 'SUPPLIER_WEIGHT_TECHNOLOGY', 0.3),
        user: number(env, 'SUPPLIER_WEIGHT_USER', 0.3),
        sla: number(env, 'SUPPLIER_WEIGHT_SLA', 0.25),
        rating: number(env, 'SUPPLIER_WEIGHT_RATING', 0.15),
      },
    },
  };
}

function settingsOf(ctx: ApiContext) {
  const configured = supplierEvaluationSettings();
  const override = ctx.settings.supplierEvaluation;
  return { timings: { ...configured.timings, ...override?.timings }, policy: { ...configured.policy, ...override?.policy } };
}

/** P2.2c: an on-demand evaluation of one supplier (the default period: the last quarter). */
export async function requestEvaluation(ctx: ApiContext, user: SessionUser, request: EvaluationRequest) {
  const vendor = await ctx.db.query.vendors.findFirst({ where: eq(vendors.id, request.vendorId) });
  if (!vendor) throw unprocessable('unknown supplier', [{ field: 'vendorId', message: 'no such supplier' }]);
  const terminated = await ctx.db.query.vendorTerminations.findFirst({ where: eq(vendorTerminations.vendorId, request.vendorId) });
  if (terminated) throw conflict(`${vendor.name} is terminated`, [{ field: 'vendorId', message: 'terminated supplier' }]);
  const periodTo = request.periodTo ?? new Date().toISOString();
  const periodFrom = request.periodFrom ?? new Date(Date.parse(periodTo) - QUARTER_MS).toISOString();
  if (Date.parse(periodFrom) >= Date.parse(periodTo)) throw unprocessable('the period ends before it starts', [{ field: 'periodFrom', message: 'must be before periodTo' }]);
  const workflowId = supplierEvaluationProcess.workflowId(request.requestId);
  const input: SupplierEvaluationInput = { vendorId: request.vendorId, trigger: 'on-demand', periodFrom, periodTo, requestedBy: user.id, ...settingsOf(ctx) };
  await startProcess(ctx, supplierEvaluationProcess, { workflowId, input: input, title: `Supplier evaluation: ${request.vendorId} (on-demand)`, startedBy: user.id });
  return { workflowId };
}

export const QUARTERLY_SCHEDULE_ID = 'supplier-evaluation-quarterly';

/** P2.2c: the quarterly Schedule (1 Jan, Apr, Jul, Oct, 09:00); created once, left alone when it exists. */
export async function ensureQuarterlyEvaluationSchedule(client: Client, taskQueue: string, env: NodeJS.ProcessEnv = process.env, scheduleId = QUARTERLY_SCHEDULE_ID): Promise<void> {
  const input: QuarterlyEvaluationInput = { ...supplierEvaluationSettings(env), periodMs: QUARTER_MS };
  try {
    await client.schedule.create({
      scheduleId,
      spec: { calendars: [{ month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'], dayOfMonth: 1, hour: 9, minute: 0 }], timezone: env.TZ_COMMUNITY ?? 'Asia/Shanghai' },
      action: scheduledStart(quarterlyEvaluationRound, { workflowId: `${scheduleId}-round`, input, taskQueue }),
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}

const toNumber = (value: string | null) => (value === null ? null : Number(value));

export async function listEvaluations(ctx: ApiContext, vendorId?: string) {
  const rows = await ctx.db
    .select()
    .from(supplierEvaluations)
    .where(vendorId ? eq(supplierEvaluations.vendorId, vendorId) : undefined)
    .orderBy(desc(supplierEvaluations.evaluatedAt))
    .limit(200);
  return {
    items: rows.map((row) => ({ ...row, slaScore: toNumber(row.slaScore), ratingScore: toNumber(row.ratingScore), score: Number(row.score), evaluatedAt: row.evaluatedAt.toISOString() })),
  };
}

/** The supplier registry as P2.2c leaves it: contracts in force, penalties and terminations. */
export async function listSuppliers(ctx: ApiContext) {
  const rows = await ctx.db
    .select({
      vendorId: vendors.id,
      name: vendors.name,
      activeContracts: sql<number>`(select count(*)::int from ${vendorContracts} c where c.vendor_id = ${vendors.id} and c.active)`,
      penalties: sql<number>`(select count(*)::int from ${supplierPenalties} p where p.vendor_id = ${vendors.id})`,
      terminatedAt: vendorTerminations.terminatedAt,
    })
    .from(vendors)
    .leftJoin(vendorTerminations, and(eq(vendorTerminations.vendorId, vendors.id)))
    .orderBy(vendors.id);
  return {
    items: rows.map((row) => ({ ...row, status: row.terminatedAt ? ('terminated' as const) : ('active' as const), terminatedAt: row.terminatedAt?.toISOString() ?? null })),
  };
}
