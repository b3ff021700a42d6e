import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { EvaluationRequest } from '../../contracts/supplier-evaluation';
import { supplierEvaluations, supplierPenalties, vendorContracts, vendors, vendorTerminations } from '../../db/schema';
import type { QuarterlyEvaluationInput, SupplierEvaluationInput } from '../../workflows/supplier-evaluation/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext, ApiSettings } from '../context';
import { conflict, unprocessable } from '../http/problem';
import { scheduledStart, startProcess } from './start-process';
import { quarterlyEvaluationRound, supplierEvaluationProcess } from '../../workflows/supplier-evaluation/definition';


const QUARTER_MS = 91 * 24 * 3600_000;


/** P2.2c: an on-demand evaluation of one supplier (the default period: the last quarter). */
export async function requestEvaluation(ctx: ApiContext, user: SessionUser, request: EvaluationRequest) {
  const vendor = await ctx.db.query.vendors.findFirst({ where: eq(vendors.id, request.vendorId) });
  if (!vendor) throw unprocessable('supplier.unknown-field', [{ field: 'vendorId', message: 'no-such-supplier' }]);
  const terminated = await ctx.db.query.vendorTerminations.findFirst({ where: eq(vendorTerminations.vendorId, request.vendorId) });
  if (terminated) throw conflict('supplier.terminated', { name: vendor.name }, [{ field: 'vendorId', message: 'terminated-supplier' }]);
  const periodTo = request.periodTo ?? new Date().toISOString();
  const periodFrom = request.periodFrom ?? new Date(Date.parse(periodTo) - QUARTER_MS).toISOString();
  if (Date.parse(periodFrom) >= Date.parse(periodTo)) throw unprocessable('evaluation.period-order', [{ field: 'periodFrom', message: 'before-period-end' }]);
  const workflowId = supplierEvaluationProcess.workflowId(request.requestId);
  const input: SupplierEvaluationInput = { vendorId: request.vendorId, trigger: 'on-demand', periodFrom, periodTo, requestedBy: user.id, ...ctx.settings.supplierEvaluation };
  await startProcess(ctx, supplierEvaluationProcess, { workflowId, input: input, title: `Supplier evaluation: ${request.vendorId} (on-demand)`, startedBy: user.id });
  return { workflowId };
}

export const QUARTERLY_SCHEDULE_ID = 'supplier-evaluation-quarterly';

/** P2.2c: the quarterly Schedule (1 Jan, Apr, Jul, Oct, 09:00); created once, left alone when it exists. */
export async function ensureQuarterlyEvaluationSchedule(client: Client, taskQueue: string, settings: Pick<ApiSettings, 'supplierEvaluation' | 'communityTimeZone'>, scheduleId = QUARTERLY_SCHEDULE_ID): Promise<void> {
  const input: QuarterlyEvaluationInput = { ...settings.supplierEvaluation, periodMs: QUARTER_MS };
  try {
    await client.schedule.create({
      scheduleId,
      spec: { calendars: [{ month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'], dayOfMonth: 1, hour: 9, minute: 0 }], timezone: settings.communityTimeZone },
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
