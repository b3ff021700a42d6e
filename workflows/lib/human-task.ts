import { allHandlersFinished, ApplicationFailure, condition, patched, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { z } from 'zod';
import type { createHumanTaskActivities } from '../../activities/human-tasks';
import { isTaskCandidate } from '../../contracts/permissions';
import { fieldFaults, issueKey } from '../../contracts/problem-texts';
import { localActivityOptions } from './activities';
import type { HumanTasksState } from './inputs';
import { completeTaskUpdate, type Actor, type CompleteTaskInput, type FieldError, type TaskRejection } from './messages';
import type { ProcessTracker } from './progress';

const taskStore = proxyLocalActivities<ReturnType<typeof createHumanTaskActivities>>(localActivityOptions());

export interface HumanTaskSpec<Form extends z.ZodType> {
  stepId: string;
  title: string;
  form: Form;
  candidateRoles: readonly string[];
  candidateUsers?: readonly string[];
  dueInMs: number;
  priority: number;
  /** What the person needs to see to do the step (location, symptoms, earlier findings). */
  context: Record<string, unknown>;
  /** What the form opens with (a returned draft's previous version, to correct rather than type again): the form schema's `default`. */
  prefill?: z.input<Form>;
}

export interface EscalationLadder {
  deadlineMs: number;
  remindEveryMs: number;
  remind(reminder: number): Promise<void>;
  escalate(): Promise<void>;
}

export interface TaskCompletion<Payload> {
  taskId: string;
  actor: Actor;
  payload: Payload;
  completedAt: string;
}

type LadderProgress = NonNullable<HumanTasksState['open'][number]['ladder']>;

interface TaskState {
  stepId: string;
  status: 'open' | 'completed' | 'cancelled';
  form: z.ZodType;
  candidateRoles: string[];
  candidateUsers: string[];
  completion?: TaskCompletion<unknown>;
  ladder?: LadderProgress;
}

/** How a workflow whose history grows with its waits moves on to its next run (continue-as-new). */
export interface Continuation {
  /** The history is long enough to move on. */
  due(): boolean;
  /** Continues as new with the process's state; never returns. */
  continue(): Promise<never>;
}

/** The open tasks a previous run handed over, and how to build their forms again (forms are not carried). */
export interface CarriedTasks {
  state: HumanTasksState;
  formOf(stepId: string): z.ZodType;
}

function reject(type: TaskRejection, message: string, fields: FieldError[] = []): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: fields });
}

/**
 * The one way a process waits for a person. `open` writes the worklist row; the `completeTask`
 * update (validated against the task's state, candidates and form) completes it; the row is
 * closed before the update returns, so the caller sees the worklist already updated.
 */
export class HumanTasks {
  private readonly tasks = new Map<string, TaskState>();
  private readonly visits = new Map<string, number>();
  private continuation: Continuation | null = null;
  /** The history length of the workflow task that last completed a task (see `continuesNow`). */
  private completedIn = -1;

  constructor(
    private readonly process: string,
    private readonly tracker: ProcessTracker,
    carried?: CarriedTasks,
  ) {
    // Known before the update handler is set: a completion that reached the new run first is validated against them.
    for (const [stepId, visit] of Object.entries(carried?.state.visits ?? {})) this.visits.set(stepId, visit);
    for (const { taskId, stepId, candidateRoles, candidateUsers, ladder } of carried?.state.open ?? []) {
      this.tasks.set(taskId, { stepId, status: 'open', form: carried!.formOf(stepId), candidateRoles, candidateUsers, ladder });
    }
    setHandler(completeTaskUpdate, (input) => this.complete(input), { validator: (input) => this.validate(input) });
  }

  async open<Form extends z.ZodType>(spec: HumanTaskSpec<Form>): Promise<HumanTask<z.output<Form>>> {
    const visit = (this.visits.get(spec.stepId) ?? 0) + 1;
    this.visits.set(spec.stepId, visit);
    const taskId = `${workflowInfo().workflowId}.${spec.stepId}.${visit}`;
    const state: TaskState = {
      stepId: spec.stepId,
      status: 'open',
      form: spec.form,
      candidateRoles: [...spec.candidateRoles],
      candidateUsers: [...(spec.candidateUsers ?? [])],
    };
    this.tasks.set(taskId, state);
    const createdAt = new Date();
    await taskStore.createTask({
      id: taskId,
      workflowId: workflowInfo().workflowId,
      process: this.process,
      stepId: spec.stepId,
      title: spec.title,
      candidateRoles: state.candidateRoles,
      candidateUsers: state.candidateUsers,
      priority: spec.priority,
      createdAt: createdAt.toISOString(),
      dueAt: new Date(createdAt.getTime() + spec.dueInMs).toISOString(),
      formSchema: { ...(z.toJSONSchema(spec.form, { io: 'input' }) as Record<string, unknown>), ...(spec.prefill === undefined ? {} : { default: spec.prefill }) },
      context: spec.context,
    });
    await this.tracker.enter(spec.stepId);
    return new HumanTask<z.output<Form>>(taskId, state, this.tracker, this.continuationPoint);
  }

  /** The step's open task as the previous run left it (same id, same worklist row): nothing is written or entered again. */
  adopt<Payload>(stepId: string): HumanTask<Payload> | undefined {
    for (const [taskId, state] of this.tasks) {
      if (state.stepId === stepId && state.status === 'open') return new HumanTask<Payload>(taskId, state, this.tracker, this.continuationPoint);
    }
    return undefined;
  }

  /**
   * From here every wait for a task moves the workflow to its next run once `continuation.due()`, at a safe point:
   * no update being handled (a completion is recorded in full, or not at all) and between signals.
   */
  continueWhen(continuation: Continuation): void {
    this.continuation = continuation;
  }

  /**
   * The continuation as the waits see it: due only at a safe point, and never in the workflow task that completed a
   * task. That task's completion is provisional until the task is recorded; should the server refuse it (a signal
   * came in meanwhile, which it does for a task that closes the run), the update would be offered again to a run
   * that has already applied it.
   */
  private readonly continuationPoint = (): Continuation | null => {
    const continuation = this.continuation;
    if (!continuation) return null;
    return { due: () => allHandlersFinished() && workflowInfo().historyLength > this.completedIn && continuation.due(), continue: () => continuation.continue() };
  };

  /** The open tasks and visit counts, for the next run (see `CarriedTasks`). */
  state(): HumanTasksState {
    return {
      visits: Object.fromEntries(this.visits),
      open: [...this.tasks]
        .filter(([, task]) => task.status === 'open')
        .map(([taskId, { stepId, candidateRoles, candidateUsers, ladder }]) => ({ taskId, stepId, candidateRoles, candidateUsers, ...(ladder ? { ladder: { ...ladder } } : {}) })),
    };
  }

  /** Opens a task and waits, without a deadline, for its completion. */
  async run<Form extends z.ZodType>(spec: HumanTaskSpec<Form>): Promise<TaskCompletion<z.output<Form>>> {
    const task = await this.open(spec);
    const completion = await task.completion();
    if (!completion) throw ApplicationFailure.nonRetryable(`task ${task.id} ended without completion`);
    return completion;
  }

  private validate({ taskId, actor, payload }: CompleteTaskInput): void {
    const task = this.tasks.get(taskId);
    if (!task) reject('UnknownTask', `task ${taskId} does not belong to this process`);
    if (task.status !== 'open') reject('TaskClosed', `task ${taskId} is already ${task.status}`);
    if (!isTaskCandidate(actor, task)) reject('NotCandidate', `${actor.userId} is not a candidate for ${task.stepId}`);
    // Messages as keys (the schema's own or the check's), for the API to say in the caller's language.
    const parsed = task.form.safeParse(payload, { error: issueKey });
    if (!parsed.success) reject('InvalidPayload', `the ${task.stepId} form is invalid`, fieldFaults(parsed.error.issues, undefined, '(form)'));
  }

  private async complete({ taskId, actor, payload }: CompleteTaskInput) {
    const task = this.tasks.get(taskId)!;
    const completedAt = new Date().toISOString();
    // The parse already passed in the validator; parsing again applies defaults and transforms.
    const form = task.form.parse(payload);
    task.status = 'completed';
    await taskStore.closeTask({ id: taskId, status: 'completed', at: completedAt, actor: actor.userId, result: form });
    await this.tracker.complete(task.stepId, actor.displayName, form);
    // Set last, so the process moves on only once the row is closed and the step recorded.
    task.completion = { taskId, actor, payload: form, completedAt };
    this.completedIn = workflowInfo().historyLength;
    return { taskId, stepId: task.stepId, completedAt };
  }
}

export class HumanTask<Payload> {
  constructor(
    readonly id: string,
    private readonly state: TaskState,
    private readonly tracker: ProcessTracker,
    private readonly continuation: () => Continuation | null,
  ) {}

  /** Still waiting for its person: neither completed nor withdrawn. */
  get isOpen(): boolean {
    return this.state.status === 'open';
  }

  /** Waits for the completion; with a timeout, returns undefined if it passes first. */
  async completion(timeoutMs?: number): Promise<TaskCompletion<Payload> | undefined> {
    const done = () => this.state.completion !== undefined;
    if (timeoutMs === undefined) await this.waitFor(done);
    else await this.waitFor(done, timeoutMs);
    return this.settled();
  }

  /** The completion as it stands, without waiting for one. */
  private async settled(): Promise<TaskCompletion<Payload> | undefined> {
    // Accepted just before the deadline but still being recorded: it counts as in time.
    if (this.state.status === 'completed') await condition(() => this.state.completion !== undefined);
    return this.state.completion as TaskCompletion<Payload> | undefined;
  }

  /** The wait itself: where the workflow continues as new when its history is long enough (see `continueWhen`). */
  private async waitFor(done: () => boolean, timeoutMs?: number): Promise<void> {
    const continuation = this.continuation();
    if (!continuation) {
      if (timeoutMs === undefined) await condition(done);
      else await condition(done, timeoutMs);
      return;
    }
    const due = () => !done() && continuation.due();
    if (due()) await continuation.continue();
    const endsAt = Date.now() + (timeoutMs ?? Infinity);
    const woken = () => done() || due();
    if (timeoutMs === undefined) await condition(woken);
    else await condition(woken, timeoutMs);
    // A wait whose time is up goes back to its caller first, and the run takes the step it waited for (a reminder, an
    // escalation) before it continues. A retried workflow task meets a longer history than the attempt the server
    // discarded: continuing at once would skip the step that attempt's writes already show as taken.
    if (due() && !(Date.now() >= endsAt && patched('expired-wait-returns-first'))) await continuation.continue();
  }

  /**
   * The escalation ladder: while the task is open, `remind` every `remindEveryMs` until the deadline,
   * then `escalate` once, then wait for the completion without a deadline. Its times are absolute and kept
   * with the task, so the workflow's next run goes on with them (see `HumanTasks.state`).
   */
  async completionWithLadder(ladder: EscalationLadder): Promise<TaskCompletion<Payload>> {
    const progress = (this.state.ladder ??= { deadlineAt: Date.now() + ladder.deadlineMs, reminders: 0, waitUntil: null, escalated: false });
    while (!progress.escalated) {
      if (progress.waitUntil === null) {
        const untilDeadline = progress.deadlineAt - Date.now();
        if (untilDeadline <= 0) break;
        progress.waitUntil = Date.now() + Math.min(ladder.remindEveryMs, untilDeadline);
      }
      // A run that took over after the wait's end (continue-as-new) looks without waiting.
      const remaining = progress.waitUntil - Date.now();
      const completion = remaining > 0 ? await this.completion(remaining) : await this.settled();
      if (completion) return completion;
      // A reminder's wait that ended reminds, however late this workflow task runs: an attempt of it that the server
      // discarded ran earlier and has reminded already (its notification and timeline are out).
      const reminderWait = progress.waitUntil < progress.deadlineAt;
      progress.waitUntil = null;
      if (Date.now() < progress.deadlineAt || (reminderWait && patched('ladder-reminds-on-its-wait'))) {
        progress.reminders += 1;
        await ladder.remind(progress.reminders);
      }
    }
    if (!progress.escalated) {
      await ladder.escalate();
      progress.escalated = true;
    }
    return (await this.completion())!;
  }

  /**
   * Withdraws an open task (its deadline escalated it elsewhere, or what it asked about is resolved); a late
   * completion gets TaskClosed. The step is drawn failed, or completed when the withdrawal is good news.
   * Returns whether it withdrew the task (false: it was closed already).
   */
  async cancel(reason: string, step: 'failed' | 'completed' = 'failed'): Promise<boolean> {
    if (this.state.status !== 'open') return false;
    this.state.status = 'cancelled';
    await taskStore.closeTask({ id: this.id, status: 'cancelled', at: new Date().toISOString(), actor: null, result: { reason } });
    if (step === 'completed') await this.tracker.complete(this.state.stepId, null, { withdrawn: reason });
    else await this.tracker.fail(this.state.stepId, { reason });
    return true;
  }

  /** Widens who may act (escalation: the supervisor joins the candidates). */
  async addCandidates(candidates: { roles?: string[]; users?: string[] }): Promise<void> {
    this.state.candidateRoles = [...new Set([...this.state.candidateRoles, ...(candidates.roles ?? [])])];
    this.state.candidateUsers = [...new Set([...this.state.candidateUsers, ...(candidates.users ?? [])])];
    await taskStore.updateTaskCandidates({
      id: this.id,
      candidateRoles: this.state.candidateRoles,
      candidateUsers: this.state.candidateUsers,
    });
  }
}
