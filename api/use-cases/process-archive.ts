import { archiveInstance, instancesToArchive } from '../../domain/process-archive';
import type { ApiContext } from '../context';

/** Visibility records a close a little after it happens: each sweep looks this much before the last one began. */
const VISIBILITY_LAG_MS = 5 * 60_000;

export interface ProcessArchiver {
  /** Stops the timer and waits for a sweep under way. */
  stop(): Promise<void>;
}

/**
 * Archives every closed instance, one sweep every `settings.archive.sweepIntervalMs`: what the index
 * shows closed within the look-back (Temporal's retention), and what Temporal shows closed since the
 * last sweep (terminated and timed-out executions, whose processes never reported their end). Writes
 * are idempotent, so several API processes may sweep; an instance that fails (Temporal or PostgreSQL
 * unavailable) is tried again by the next sweep.
 */
export function startProcessArchiver(ctx: ApiContext, log: (line: string) => void = (line) => console.error(`[archive] ${line}`)): ProcessArchiver {
  const { sweepIntervalMs, lookbackMs } = ctx.settings.archive;
  let temporalSince = new Date(Date.now() - lookbackMs);
  const reportedGone = new Set<string>();
  let sweeping: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function sweepOnce(): Promise<void> {
    const startedAt = Date.now();
    const candidates = await instancesToArchive(ctx.db, ctx.temporal, { taskQueue: ctx.taskQueue, closedSince: new Date(startedAt - lookbackMs), temporalSince });
    let failures = 0;
    for (const workflowId of candidates) {
      if (stopped) return;
      try {
        const outcome = await archiveInstance(ctx.db, ctx.temporal, workflowId);
        if (outcome === 'gone' && !reportedGone.has(workflowId)) {
          reportedGone.add(workflowId);
          log(`${workflowId} closed but Temporal no longer has its history: it cannot be archived`);
        }
      } catch (error) {
        failures += 1;
        log(`${workflowId}: ${(error as Error).message}; the next sweep tries again`);
      }
    }
    // Only a clean sweep moves the window: an instance only Temporal knows closed must be tried again.
    if (failures === 0) temporalSince = new Date(startedAt - VISIBILITY_LAG_MS);
  }

  const sweep = () => {
    sweeping = sweeping.then(sweepOnce).catch((error: unknown) => log(`sweep failed: ${(error as Error).message}`));
    return sweeping;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void sweep().then(schedule), sweepIntervalMs);
  };
  void sweep().then(schedule);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await sweeping;
    },
  };
}
