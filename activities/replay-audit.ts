import { Context } from '@temporalio/activity';
import { and, eq, gte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { processInstances, stepEvents } from '../db/schema';
import type { ReplayAuditReport, ReplayDivergence } from '../workflows/replay-audit/messages';
import { historyRuns, replayVerdicts, type RecordedHistory, type WorkflowBundle } from '../domain/history-replay';
import { loadInstanceHistory } from '../domain/process-archive';

/** A task's context is shown on one page: the rest are counted, and each instance page names its own. */
const LISTED_DIVERGENCES = 50;

/** Instances that ended since `since`, or still run and moved a step since then. */
function recentlyChangedInstances(db: Database, since: Date) {
  const moved = db
    .select({ one: sql`1` })
    .from(stepEvents)
    .where(and(eq(stepEvents.workflowId, processInstances.workflowId), gte(stepEvents.at, since)));
  return db
    .select({ workflowId: processInstances.workflowId, process: processInstances.process })
    .from(processInstances)
    .where(or(gte(processInstances.endedAt, since), and(eq(processInstances.status, 'running'), sql`exists (${moved})`)))
    .orderBy(processInstances.workflowId);
}

/** The nightly replay (`replay-audit`): `replayBundle` is the workflow code the histories are checked against. */
export function createReplayAuditActivities({ db, replayBundle }: { db: Database; replayBundle: WorkflowBundle }) {
  return {
    async replayRecentInstances({ since, excludeWorkflowId }: { since: string; excludeWorkflowId: string }): Promise<ReplayAuditReport> {
      const context = Context.current();
      const instances = (await recentlyChangedInstances(db, new Date(since))).filter((instance) => instance.workflowId !== excludeWorkflowId);
      const processOf = new Map(instances.map((instance) => [instance.workflowId, instance.process]));
      let missing = 0;
      async function* histories(): AsyncGenerator<RecordedHistory> {
        for (const { workflowId } of instances) {
          context.heartbeat(workflowId);
          const history = await loadInstanceHistory(db, context.client, workflowId);
          // Each run of an instance that continued as new is replayed; the instance counts once.
          if (history) for (const run of historyRuns(history.json)) yield { workflowId, history: run };
          else missing += 1;
        }
      }
      const replayed = new Set<string>();
      const divergences: ReplayDivergence[] = [];
      for await (const { workflowId, verdict } of replayVerdicts(replayBundle, histories())) {
        replayed.add(workflowId);
        if (verdict.verdict === 'diverges' && !divergences.some((divergence) => divergence.workflowId === workflowId)) {
          divergences.push({ workflowId, process: processOf.get(workflowId) ?? '', eventId: verdict.eventId, recorded: verdict.recorded, now: verdict.now });
        }
      }
      return { since, replayed: replayed.size, missing, divergenceCount: divergences.length, divergences: divergences.slice(0, LISTED_DIVERGENCES) };
    },
  };
}
