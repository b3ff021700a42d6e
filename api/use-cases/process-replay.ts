import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { scheduledStart } from './start-process';
import type { ApiContext, ApiSettings } from '../context';
import { notFound } from '../http/problem';
import type { ReplayVerdict } from '../../contracts/processes';
import { historyRuns, replayInstanceVerdict, type WorkflowBundle } from '../../domain/history-replay';
import { loadInstanceHistory } from '../../domain/process-archive';
import { bundleWorkflows } from '../../worker/worker';
import { replayAuditProcess } from '../../workflows/replay-audit/definition';
import type { ReplayAuditInput } from '../../workflows/replay-audit/messages';

const bundles = new WeakMap<ApiContext, Promise<WorkflowBundle>>();

/** The workflow code to replay against: the configured prebuilt bundle, else `workflows/` bundled once, on first use. */
function workflowBundle(ctx: ApiContext): Promise<WorkflowBundle> {
  let bundle = bundles.get(ctx);
  if (!bundle) {
    const path = ctx.settings.replay.workflowBundlePath;
    bundle = path ? Promise.resolve({ codePath: path }) : bundleWorkflows();
    bundles.set(ctx, bundle);
    // A failed bundling is tried again by the next request.
    bundle.catch(() => bundles.delete(ctx));
  }
  return bundle;
}

/** A replay runs workflow code on this process's event loop: one at a time, so requests queue instead of piling up. */
let replaying: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = replaying.then(work);
  replaying = run.catch(() => undefined);
  return run;
}

/** Does the current code reproduce this instance's history (running, closed, or archived; every run if it continued as new)? */
export async function replayInstance(ctx: ApiContext, workflowId: string): Promise<ReplayVerdict> {
  const history = await loadInstanceHistory(ctx.db, ctx.temporal, workflowId);
  if (!history) throw notFound('process.no-history', { workflowId });
  const verdict = await oneAtATime(async () => replayInstanceVerdict(await workflowBundle(ctx), workflowId, historyRuns(history.json)));
  return { ...verdict, historySource: history.source };
}

export const REPLAY_NIGHTLY_SCHEDULE_ID = 'replay-nightly';

/** The nightly replay audit's Schedule (P3.3b); safe on every start, and follows a changed configuration. */
export async function ensureReplayNightlySchedule(temporal: Client, taskQueue: string, settings: ApiSettings['replay'], scheduleId = REPLAY_NIGHTLY_SCHEDULE_ID): Promise<void> {
  const spec = { cronExpressions: [settings.nightlyCron] };
  const input: ReplayAuditInput = { lookbackMs: settings.lookbackMs, reviewDueMs: settings.reviewDueMs };
  const action = scheduledStart(replayAuditProcess, { workflowId: replayAuditProcess.workflowId(scheduleId), input, taskQueue });
  const policies = { overlap: ScheduleOverlapPolicy.SKIP };
  try {
    await temporal.schedule.create({ scheduleId, spec, action, policies });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await temporal.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}
