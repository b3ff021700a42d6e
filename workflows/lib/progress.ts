import { proxyLocalActivities, setHandler, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { createProcessProjectionActivities, StepEventRecord } from '../../activities/process-projection';
import { localActivityOptions } from './activities';
import type { ProcessTrackerState } from './inputs';
import { progressQuery, type ProcessProgress, type StepProgress } from './messages';

const projection = proxyLocalActivities<ReturnType<typeof createProcessProjectionActivities>>(localActivityOptions());

export type StepEvent = 'entered' | 'completed' | 'failed';

export interface ProcessDescription {
  process: string;
  title: string;
  startedBy: string | null;
}

/**
 * Tracks the path of one process through its diagram. Every transition is written to the history
 * itself (the memo), so the path can be rebuilt without the worker or the database, and to the
 * database projection that the worklist and instance pages read.
 */
export class ProcessTracker {
  private readonly steps: Record<string, StepProgress> = {};
  private status: ProcessProgress['status'] = 'running';
  private seq = 0;
  /** Transitions kept for one write while deferred (see deferWrites); null when each is written at once. */
  private pending: StepEventRecord[] | null = null;
  private readonly startedAt: string;

  /** `carried`: the state of the previous run (continue-as-new): the numbering, visits and marks go on from it. */
  constructor(
    private readonly description: ProcessDescription,
    private data: Record<string, unknown>,
    carried?: ProcessTrackerState,
  ) {
    this.startedAt = carried?.startedAt ?? new Date().toISOString();
    if (carried) {
      Object.assign(this.steps, carried.steps);
      this.status = carried.status;
      this.seq = carried.seq;
      this.data = carried.data;
    }
    setHandler(progressQuery, () => this.snapshot());
  }

  /** What the next run takes over (see the constructor); transitions kept by `deferWrites` must be flushed first. */
  state(): ProcessTrackerState {
    return { status: this.status, seq: this.seq, startedAt: this.startedAt, steps: this.steps, data: this.data };
  }

  /** Merges fields into the process data shown on the instance page. */
  setData(fields: Record<string, unknown>): void {
    this.data = { ...this.data, ...fields };
  }

  enter(stepId: string, actor: string | null = null, detail?: unknown): Promise<void> {
    return this.record(stepId, 'entered', actor, detail);
  }

  complete(stepId: string, actor: string | null = null, detail?: unknown): Promise<void> {
    return this.record(stepId, 'completed', actor, detail);
  }

  fail(stepId: string, detail?: unknown): Promise<void> {
    return this.record(stepId, 'failed', null, detail);
  }

  /** A step that happens at once (a start, a timer firing, an end): entered and completed. */
  pass(stepId: string, actor: string | null = null, detail?: unknown): Promise<void> {
    return this.record(stepId, 'completed', actor, detail, true);
  }

  finish(status: 'completed' | 'failed', stepId: string, actor: string | null = null, detail?: unknown): Promise<void> {
    this.status = status;
    return this.record(stepId, 'completed', actor, detail, true);
  }

  /**
   * Opt-in, for a process whose first moments make several transitions between other local activities: from
   * here the transitions' database writes are kept (the memo and the query still change at once) until
   * `flush` writes them all with one local activity. Processes that never call it write each transition at once.
   */
  deferWrites(): void {
    this.pending ??= [];
  }

  /** Writes the kept transitions in one local activity and ends the deferral. */
  async flush(): Promise<void> {
    const records = this.pending;
    this.pending = null;
    if (records && records.length > 0) await projection.recordStepEvents(records);
  }

  snapshot(): ProcessProgress {
    return { process: this.description.process, status: this.status, steps: this.steps, seq: this.seq };
  }

  private async record(stepId: string, event: StepEvent, actor: string | null, detail: unknown, visit = event === 'entered'): Promise<void> {
    const at = new Date().toISOString();
    const previous = this.steps[stepId];
    const visits = (previous?.visits ?? 0) + (visit ? 1 : 0);
    const status = event === 'entered' ? 'active' : event;
    this.steps[stepId] = { status, visits, lastAt: at, lastActor: actor ?? previous?.lastActor ?? null };
    this.seq += 1;
    const seq = this.seq;
    upsertMemo({ progress: { seq, status: this.status, steps: this.steps } });
    const record: StepEventRecord = {
      workflowId: workflowInfo().workflowId,
      seq,
      stepId,
      event,
      visit: visits,
      actor,
      at,
      detail: detail ?? null,
      instance: {
        ...this.description,
        status: this.status,
        startedAt: this.startedAt,
        endedAt: this.status === 'running' ? null : at,
        currentSteps: Object.entries(this.steps)
          .filter(([, step]) => step.status === 'active')
          .map(([id]) => id),
        data: this.data,
      },
    };
    if (this.pending) this.pending.push(record);
    else await projection.recordStepEvent(record);
  }
}
