import { z } from 'zod';
import { fieldText } from './problem-texts';

/** The longest period the indicators are computed over in one request. */
export const KPI_MAX_DAYS = 366;

const day = z.iso.date();

/** The end on or after the start, at most a year on; said of `to`, and only when both are days (else their own faults say so). */
function periodChecks(query: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (query.from === undefined || query.to === undefined) return;
  const [from, to] = [Date.parse(query.from), Date.parse(query.to)];
  if (Number.isNaN(from) || Number.isNaN(to)) return;
  if (to < from) ctx.addIssue({ code: 'custom', message: fieldText('after-from'), path: ['to'] });
  else if ((to - from) / 86_400_000 >= KPI_MAX_DAYS) ctx.addIssue({ code: 'custom', message: fieldText('period-within-year'), path: ['to'] });
}

/**
 * A period of whole days in the community's time zone, both ends included (as the instance search; left out: the 30
 * days to today, the dashboard's default, or 30 days to the end or from the start given), and optionally one
 * building: the figures whose records have a building (an instance's unit or zone, a device's zone) count only its own.
 */
export const kpiQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    building: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine(periodChecks);
export type KpiQuery = z.output<typeof kpiQuery>;

export const heatmapQuery = z.object({ from: day.optional(), to: day.optional() }).superRefine(periodChecks);
export type HeatmapQuery = z.output<typeof heatmapQuery>;

/** A share: how many of how many, and the ratio (null when there is nothing to count). */
const share = z.object({ count: z.number().int(), of: z.number().int(), rate: z.number().nullable() });
export type Share = z.infer<typeof share>;

/** Durations in seconds; null when nothing was measured. */
const durations = z.object({ p50: z.number().nullable(), p90: z.number().nullable() });

/** P7.2a, P3.3c service quality of one process or of one of its steps. */
export const serviceQualityRow = z.object({
  process: z.string(),
  /** Null for the process as a whole. */
  stepId: z.string().nullable(),
  /** Instances started in the period (for a step: those that entered it). */
  instances: z.number().int(),
  /** Process: instances that ended completed, start to end; step: each visit, entered to left. */
  cycleSeconds: durations,
  /** Tasks of the period done by their due time, of those done or past due. */
  sla: share,
  /** Instances (of the step: that entered it) with a step entered more than once. */
  rework: share,
  /** Instances (of the step: whose task) escalated at least once. */
  escalation: share,
});
export type ServiceQualityRow = z.infer<typeof serviceQualityRow>;

export const stabilityRow = z.object({
  system: z.string(),
  devices: z.number().int(),
  /** Mean over the system's devices of the time not down in the period (1 = always up). */
  availability: z.number().nullable(),
  /** Fault repairs reported in the period. */
  faults: z.number().int(),
  /** Mean time from report to closed repair, of the repairs reported in the period that closed. */
  mttrSeconds: z.number().nullable(),
});
export type StabilityRow = z.infer<typeof stabilityRow>;

export const kpiReport = z.object({
  period: z.object({ from: z.string(), to: z.string(), building: z.string().nullable() }),
  serviceQuality: z.array(serviceQualityRow),
  stability: z.object({ availability: z.number().nullable(), faults: z.number().int(), mttrSeconds: z.number().nullable(), bySystem: z.array(stabilityRow) }),
  /**
   * Deliveries due in the period: on time is delivered by the contract's delivery date. Budget is not recorded (a
   * contract keeps its price, no delivery its final cost), so on budget is not measured: `onBudget` is null.
   */
  construction: z.object({ onTime: share, onBudget: share.nullable(), buildingApplies: z.literal(false) }),
  /** Repair ratings given in the period (1–5). */
  satisfaction: z.object({ ratings: z.number().int(), mean: z.number().nullable(), distribution: z.array(z.object({ rating: z.number().int(), count: z.number().int() })) }),
  /** Users who acted (a step, a task) or signed in during the period, of the active accounts. */
  platformUse: z.object({ activeUsers: share, buildingApplies: z.literal(false) }),
});
export type KpiReport = z.infer<typeof kpiReport>;

export const heatmapStep = z.object({
  stepId: z.string(),
  /** Entries into the step over the period's instances (a revisit counts again). */
  visits: z.number().int(),
  /** Instances that entered it. */
  instances: z.number().int(),
  /** Time in the step per visit, entered to left, of the visits that left it. */
  seconds: durations,
});
export type HeatmapStep = z.infer<typeof heatmapStep>;

export const processHeatmap = z.object({
  process: z.string(),
  from: z.string(),
  to: z.string(),
  instances: z.number().int(),
  steps: z.array(heatmapStep),
});
export type ProcessHeatmap = z.infer<typeof processHeatmap>;
