import { z } from 'zod';
import { VALUE_FORMATS } from './labels';
import { taskReferences } from './tasks';
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

/** A name or id typed into a filter. */
const searchText = z.string().trim().min(1).max(100).optional();

/**
 * The instance search (auditors): every filter narrows, newest first, keyset pages. Names are matched as people
 * see them: a process by its code or its title in either language ("故障报修", "fault"); an owner by id or name; a
 * reporter or actor by user id, username or display name. Dates are days in the community's time zone, both ends
 * included. A name that matches nothing is refused (400 naming the filter) rather than answered with an empty list.
 */
export const instanceListQuery = z
  .object({
    process: searchText,
    status: z.enum([...INSTANCE_STATUSES, 'all']).default('all'),
    /** An owner's instances: at one of their units, or reported/started by them. */
    owner: searchText,
    /** A unit's instances, by unit id (`b1-101`). */
    unit: searchText,
    /** Who reported or started it. */
    reporter: searchText,
    /** Who completed one of its tasks. */
    actor: searchText,
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    cursor: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'the range ends before it starts', path: ['to'] });
export type InstanceListQuery = z.output<typeof instanceListQuery>;

export const instanceSummary = z.object({
  workflowId: z.string(),
  process: z.string(),
  /** The title as the instance recorded it. */
  title: z.string(),
  /** The title its readers see, in each language: names, not ids or internal values (each process's `instanceTitle`). */
  shownTitle: labelView,
  status: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  currentSteps: z.array(z.string()),
  startedBy: z.string().nullable(),
  startedByName: z.string().nullable(),
});
export type ProcessInstance = z.infer<typeof instanceSummary>;

/** A page of the search, with the people its owner, reporter and actor filters matched (so the searcher sees whom). */
export const instancePage = z.object({
  items: z.array(instanceSummary),
  nextCursor: z.string().nullable(),
  matched: z.array(z.object({ filter: z.enum(['owner', 'reporter', 'actor']), id: z.string(), name: z.string() })),
});
export type InstancePage = z.infer<typeof instancePage>;

/**
 * A process that moves many items through its steps (an upgrade's devices) records in its data, under this key, how
 * many are at each step in each state: `{ [stepId]: { [state]: count } }`, the states worded by the process's
 * `state` options. The instance page badges its diagram with them; they are not shown among the data.
 */
export const STEP_COUNTS_KEY = 'stepCounts';

export const stepMark = z.object({
  status: z.enum(STEP_STATUSES),
  visits: z.number().int(),
  /** How many items are at the step, per state (see STEP_COUNTS_KEY). */
  counts: z.record(z.string(), z.number().int()).optional(),
});
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
  /** Each step's diagram name and policy clause (`Alarm detected [P3.1b]`). */
  stepTitles: z.record(z.string(), z.string()),
  /** Each step's policy clause, beside its name in the reader's language (the catalogue's step labels). */
  stepClauses: z.record(z.string(), z.string()),
  timeline: z.array(
    z.object({ at: z.string(), stepId: z.string(), event: z.string(), actor: z.string().nullable(), detail: z.unknown() }),
  ),
  data: z.record(z.string(), z.unknown()),
  /** The names of the ids the data and the timeline's details hold, by kind (as a task's `references`). */
  references: taskReferences,
  related: z.array(
    instanceSummary.pick({ workflowId: true, process: true, title: true, shownTitle: true, status: true }).extend({
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
