import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';

export type WorkflowBundle = NonNullable<ReplayWorkerOptions['workflowBundle']>;

export type ReplayVerdict =
  | { verdict: 'reproduces'; events: number }
  /** `eventId`: the first event the code no longer reproduces; `recorded`: that event; `now`: what the code does instead. */
  | { verdict: 'diverges'; events: number; eventId: number; recorded: string; now: string };

/**
 * An instance's verdict over all its runs (it continued as new: `runs`, and `run`, the first that diverges,
 * counted from 1, with `eventId` in that run); `events` counts the events of every run, or of the diverging one.
 */
export type InstanceReplayVerdict = (ReplayVerdict & { runs?: number }) | (Extract<ReplayVerdict, { verdict: 'diverges' }> & { runs?: number; run?: number });

interface HistoryEvent {
  eventId: string;
  eventType: string;
  [attributes: string]: unknown;
}

/** A history as the download serves it (proto JSON), with the workflow id its task ids were made with. */
export interface RecordedHistory {
  workflowId: string;
  history: { events: HistoryEvent[] };
}

/**
 * Replays histories against a workflow bundle with one replay worker and gives a verdict for each. The
 * SDK's nondeterminism message does not always name the event, so a failing history is replayed again
 * cut short, halving the cut each time: the shortest failing prefix ends at the first event the code
 * does not reproduce (a prefix that a replay reproduces stays reproduced when cut shorter).
 */
export async function* replayVerdicts(
  bundle: WorkflowBundle,
  histories: AsyncIterable<RecordedHistory> | Iterable<RecordedHistory>,
): AsyncGenerator<{ workflowId: string; verdict: ReplayVerdict }> {
  const verdicts: Array<{ workflowId: string; verdict: ReplayVerdict }> = [];
  // The replayer asks for the next history only after the loop below has taken the last result.
  let lastError: Error | undefined;
  async function* replays() {
    for await (const { workflowId, history } of histories) {
      const { events } = history;
      yield { workflowId, history: historyFromJSON(history) };
      if (!lastError) {
        verdicts.push({ workflowId, verdict: { verdict: 'reproduces', events: events.length } });
        continue;
      }
      let failure = lastError;
      // A prefix needs the first workflow task's start: without one the replayer waits for ever.
      let shortest = events.findIndex((event) => event.eventType === 'EVENT_TYPE_WORKFLOW_TASK_STARTED') + 1;
      let failing = events.length;
      while (shortest > 0 && shortest < failing) {
        const cut = Math.floor((shortest + failing) / 2);
        yield { workflowId, history: historyFromJSON({ events: events.slice(0, cut) }) };
        if (lastError) {
          failing = cut;
          failure = lastError;
        } else {
          shortest = cut + 1;
        }
      }
      const diverging = events[failing - 1]!;
      verdicts.push({ workflowId, verdict: { verdict: 'diverges', events: events.length, eventId: Number(diverging.eventId), recorded: describeEvent(diverging), now: codeNow(failure) } });
    }
  }
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'steward-replay' }, replays())) {
    lastError = result.error;
    yield* verdicts.splice(0);
  }
  yield* verdicts.splice(0);
}

/** The runs of a downloaded history, oldest first: one run's `{events}`, or `{runs: [...]}` for an instance that continued as new. */
export function historyRuns(json: string): Array<RecordedHistory['history']> {
  const parsed = JSON.parse(json) as RecordedHistory['history'] | { runs: Array<RecordedHistory['history']> };
  return 'runs' in parsed ? parsed.runs : [parsed];
}

/** One instance's verdict: each of its runs replayed (each starts from the state its predecessor handed over). */
export async function replayInstanceVerdict(bundle: WorkflowBundle, workflowId: string, runs: Array<RecordedHistory['history']>): Promise<InstanceReplayVerdict> {
  const verdicts: ReplayVerdict[] = [];
  for await (const { verdict } of replayVerdicts(
    bundle,
    runs.map((history) => ({ workflowId, history })),
  )) {
    verdicts.push(verdict);
  }
  if (verdicts.length !== runs.length) throw new Error(`no verdict for ${workflowId}`);
  const chain = runs.length > 1 ? { runs: runs.length } : {};
  const diverging = verdicts.findIndex((verdict) => verdict.verdict === 'diverges');
  if (diverging >= 0) return { ...verdicts[diverging]!, ...chain, ...(runs.length > 1 ? { run: diverging + 1 } : {}) };
  return { verdict: 'reproduces', events: verdicts.reduce((events, verdict) => events + verdict.events, 0), ...chain };
}

/** The SDK core's own words for the mismatch, without the wrapping of the replay error. */
function codeNow(error: Error): string {
  const core = /message: "((?:[^"\\]|\\.)*)"/.exec(error.message)?.[1]?.replace(/\\(.)/g, '$1');
  const text = core ?? error.message.replace(/^[\s\S]*?Details: /, '');
  return text.replace(/^\[TMPRL\d+\]\s*/, '').replace(/^Nondeterminism error:\s*/, '');
}

const pascalCase = (constant: string) =>
  constant
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

type Attributes = Record<string, unknown> & {
  activityType?: { name?: string };
  workflowType?: { name?: string };
  signalName?: string;
  timerId?: string;
  markerName?: string;
  details?: Record<string, { payloads?: Array<{ data?: string }> }>;
  acceptedRequest?: { input?: { name?: string } };
  upsertedMemo?: { fields?: Record<string, unknown> };
};

/** The first payload of a marker's detail, decoded (local activity and patch markers carry JSON). */
function markerDetail(attributes: Attributes, key: string): Record<string, unknown> | undefined {
  const data = attributes.details?.[key]?.payloads?.[0]?.data;
  if (!data) return undefined;
  try {
    return JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** An event as an auditor reads it: its type and what it was about (activity, timer, patch, update …). */
export function describeEvent(event: HistoryEvent): string {
  const type = pascalCase(event.eventType.replace(/^EVENT_TYPE_/, ''));
  const attributes = Object.entries(event).find(([key]) => key.endsWith('EventAttributes'))?.[1] as Attributes | undefined;
  if (!attributes) return type;
  const marker =
    attributes.markerName === 'core_local_activity'
      ? `local activity ${String(markerDetail(attributes, 'data')?.activity_type ?? '?')}`
      : attributes.markerName === 'core_patch'
        ? `patch ${String(markerDetail(attributes, 'patch-data')?.id ?? '?')}`
        : attributes.markerName;
  const subject =
    (attributes.activityType?.name && `activity ${attributes.activityType.name}`) ||
    (attributes.workflowType?.name && `workflow ${attributes.workflowType.name}`) ||
    (attributes.signalName && `signal ${attributes.signalName}`) ||
    (attributes.timerId && `timer ${attributes.timerId}`) ||
    (attributes.acceptedRequest?.input?.name && `update ${attributes.acceptedRequest.input.name}`) ||
    (attributes.upsertedMemo?.fields && `memo ${Object.keys(attributes.upsertedMemo.fields).join(', ')}`) ||
    marker;
  return subject ? `${type}: ${subject}` : type;
}
