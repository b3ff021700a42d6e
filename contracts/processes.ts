import { z } from 'zod';
import { VALUE_FORMATS } from './labels';
import { INSTANCE_STATUSES, STEP_STATUSES } from './vocabulary';

const labelView = z.object({ 'zh-CN': z.string(), en: z.string() });

/**
 * A process as GET /process-definitions describes it: its title, clauses, the names of its steps and the wording of
 * its forms and tasks (`Vocabulary`, with the keys every process shares): the UI's one source of process labels.
 */
export const processCatalogueEntry = z.object({
  name: z.string(),
  title: labelView,
  clauses: z.array(z.string()),
  steps: z.record(z.string(), labelView),
  labels: z.record(
    z.string(),
    z.object({
      title: labelView,
      help: labelView.optional(),
      options: z.record(z.string(), labelView).optional(),
      format: z.enum(VALUE_FORMATS).optional(),
      linkText: labelView.optional(),
    }),
  ),
});
export type ProcessCatalogueEntry = z.infer<typeof processCatalogueEntry>;

export const instanceListQuery = z.object({
  process: z.string().min(1).optional(),
  status: z.enum([...INSTANCE_STATUSES, 'all']).default('all'),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InstanceListQuery = z.output<typeof instanceListQuery>;

export const instanceSummary = z.object({
  workflowId: z.string(),
  process: z.string(),
  title: z.string(),
  status: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  currentSteps: z.array(z.string()),
  startedBy: z.string().nullable(),
  startedByName: z.string().nullable(),
});
export type ProcessInstance = z.infer<typeof instanceSummary>;

export const stepMark = z.object({ status: z.enum(STEP_STATUSES), visits: z.number().int() });
export type StepMark = z.infer<typeof stepMark>;

/** Where the auditor's record of a closed instance is kept, and its fingerprint. */
const archiveView = z.object({
  runId: z.string(),
  closeStatus: z.string(),
  closedAt: z.string(),
  archivedAt: z.string(),
  historySha256: z.string(),
  historyEvents: z.number().int(),
});

export const instanceDetail = z.object({
  instance: instanceSummary,
  steps: z.record(z.string(), stepMark),
  stepTitles: z.record(z.string(), z.string()),
  timeline: z.array(
    z.object({ at: z.string(), stepId: z.string(), event: z.string(), actor: z.string().nullable(), detail: z.unknown() }),
  ),
  data: z.record(z.string(), z.unknown()),
  related: z.array(
    instanceSummary.pick({ workflowId: true, process: true, title: true, status: true }).extend({
      relation: z.string(),
      /** The instance whose link reached this one, and how many links away it is. */
      via: z.string(),
      distance: z.number().int(),
    }),
  ),
  /** Set once the instance is archived: its page and history then outlive Temporal's retention. */
  archive: archiveView.nullable(),
});
export type ProcessInstanceDetail = z.infer<typeof instanceDetail>;

const historySource = z.enum(['temporal', 'archive']);

/** Does the current workflow code reproduce the recorded history? */
/** Present when the instance continued as new: how many runs its history holds (each replayed). */
const runs = z.number().int().min(2).optional();

export const replayVerdictView = z.discriminatedUnion('verdict', [
  z.object({ verdict: z.literal('reproduces'), events: z.number().int(), runs, historySource }),
  z.object({
    verdict: z.literal('diverges'),
    events: z.number().int(),
    runs,
    /** With `runs`: the first run that diverges (from 1); `eventId` is an event of that run. */
    run: z.number().int().positive().optional(),
    /** The first event the current code does not reproduce. */
    eventId: z.number().int(),
    /** That event, as the history recorded it. */
    recorded: z.string(),
    /** What the current code does instead. */
    now: z.string(),
    historySource,
  }),
]);
export type ReplayVerdict = z.infer<typeof replayVerdictView>;
