import { isGrpcServiceError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { and, asc, eq, gte, inArray, isNull, ne } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Database } from '../db/client';
import { processArchives, processInstances, stepEvents, taskActions, tasks, type CloseStatus } from '../db/schema';

/**
 * Everything the instance page is drawn from, as one document: read from the projection tables while the
 * process lives, kept in the archive when it closes, so the page of an archived instance is the same page.
 */
export interface ProjectionSnapshot {
  instance: {
    workflowId: string;
    process: string;
    title: string;
    status: string;
    startedBy: string | null;
    startedAt: string;
    endedAt: string | null;
    currentSteps: string[];
    data: Record<string, unknown>;
  };
  stepEvents: Array<{ seq: number; stepId: string; event: string; visit: number; actor: string | null; at: string; detail: unknown }>;
  taskActions: Array<{ taskId: string; action: string; actor: string | null; at: string; detail: unknown }>;
  tasks: Array<{ id: string; stepId: string; dueAt: string; status: string }>;
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The instance's projection rows as a snapshot; undefined when no process wrote an instance row. */
export async function projectionSnapshot(db: Database | Transaction, workflowId: string): Promise<ProjectionSnapshot | undefined> {
  const [[instance], events, actions, processTasks] = await Promise.all([
    db.select().from(processInstances).where(eq(processInstances.workflowId, workflowId)),
    db.select().from(stepEvents).where(eq(stepEvents.workflowId, workflowId)).orderBy(asc(stepEvents.seq)),
    db.select().from(taskActions).where(eq(taskActions.workflowId, workflowId)).orderBy(asc(taskActions.at), asc(taskActions.id)),
    db.select({ id: tasks.id, stepId: tasks.stepId, dueAt: tasks.dueAt, status: tasks.status }).from(tasks).where(eq(tasks.workflowId, workflowId)).orderBy(asc(tasks.id)),
  ]);
  if (!instance) return undefined;
  return {
    instance: {
      workflowId: instance.workflowId,
      process: instance.process,
      title: instance.title,
      status: instance.status,
      startedBy: instance.startedBy,
      startedAt: instance.startedAt.toISOString(),
      endedAt: instance.endedAt?.toISOString() ?? null,
      currentSteps: instance.currentSteps,
      data: instance.data as Record<string, unknown>,
    },
    stepEvents: events.map((event) => ({ seq: event.seq, stepId: event.stepId, event: event.event, visit: event.visit, actor: event.actor, at: event.at.toISOString(), detail: event.detail })),
    taskActions: actions.map((action) => ({ taskId: action.taskId, action: action.action, actor: action.actor, at: action.at.toISOString(), detail: action.detail })),
    tasks: processTasks.map((task) => ({ id: task.id, stepId: task.stepId, dueAt: task.dueAt.toISOString(), status: task.status })),
  };
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/** Objects with their keys in order: Temporal serves map fields (marker details, memo) in varying order. */
const sortedKeys = (_key: string, value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(byKey)) : value;

/**
 * The history as the download serves it: compact proto JSON with sorted keys, so one history always has the
 * same bytes and SHA-256, whether it comes from Temporal (on any fetch) or from the archive.
 */
export function serializeHistory(history: Parameters<typeof historyToJSON>[0]): string {
  return JSON.stringify(JSON.parse(historyToJSON(history)), sortedKeys);
}

type History = Parameters<typeof historyToJSON>[0];

/**
 * Every run of an instance, oldest first, from `runId` (else the newest) back: a workflow that continued as new
 * has several runs under its id, each started with its predecessor's run id.
 */
export async function fetchRunHistories(client: Client, workflowId: string, runId?: string): Promise<History[]> {
  const runs = [await client.workflow.getHandle(workflowId, runId).fetchHistory()];
  for (;;) {
    const previous = runs[0]!.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!previous) return runs;
    try {
      runs.unshift(await client.workflow.getHandle(workflowId, previous).fetchHistory());
    } catch (error) {
      // An instance that outlived Temporal's retention: its earliest runs are gone, the later ones are its history.
      if (isNotFound(error)) return runs;
      throw error;
    }
  }
}

/** One run as `serializeHistory` gives it; several (continued as new) as `{"runs": [...]}`, oldest first. */
export function serializeRuns(runs: History[]): string {
  if (runs.length === 1) return serializeHistory(runs[0]!);
  return JSON.stringify({ runs: runs.map((run) => JSON.parse(historyToJSON(run)) as unknown) }, sortedKeys);
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** gRPC status code 5: fetchHistory reports an unknown execution this way, not as WorkflowNotFoundError. */
const GRPC_NOT_FOUND = 5;

export const isNotFound = (error: unknown) => error instanceof WorkflowNotFoundError || (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND);

export interface InstanceHistory {
  json: string;
  source: 'temporal' | 'archive';
}

/** The instance's history (all its runs, see `serializeRuns`) from Temporal, or from the archive once Temporal no longer has it. */
export async function loadInstanceHistory(db: Database, client: Client, workflowId: string): Promise<InstanceHistory | undefined> {
  try {
    return { json: serializeRuns(await fetchRunHistories(client, workflowId)), source: 'temporal' };
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const [archived] = await db.select({ history: processArchives.history }).from(processArchives).where(eq(processArchives.workflowId, workflowId));
  return archived ? { json: archived.history.toString('utf8'), source: 'archive' } : undefined;
}

const CLOSE_STATUS: Partial<Record<string, CloseStatus>> = {
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed-out',
};

/** running: not closed yet; gone: Temporal no longer has it; untracked: no process wrote an instance row. */
export type ArchiveOutcome = 'archived' | 'already-archived' | 'running' | 'gone' | 'untracked';

/**
 * Archives one closed instance: its history with the SHA-256 of the stored bytes, and its projection. An
 * execution Temporal closed without the process reporting its end (terminated, timed out) is marked so in
 * the instance index first, and its open tasks are withdrawn: nobody can complete them any more.
 */
export async function archiveInstance(db: Database, client: Client, workflowId: string): Promise<ArchiveOutcome> {
  let description;
  try {
    description = await client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if (isNotFound(error)) return 'gone';
    throw error;
  }
  const closeStatus = CLOSE_STATUS[description.status.name];
  if (!closeStatus) return 'running';
  const closedAt = description.closeTime ?? new Date();
  const runs = await fetchRunHistories(client, workflowId, description.runId);
  const bytes = Buffer.from(serializeRuns(runs), 'utf8');
  return db.transaction(async (tx) => {
    const [instance] = await tx
      .select({ status: processInstances.status, process: processInstances.process })
      .from(processInstances)
      .where(eq(processInstances.workflowId, workflowId))
      .for('update');
    if (!instance) return 'untracked';
    if (instance.status === 'running') {
      await tx.update(processInstances).set({ status: closeStatus, endedAt: closedAt }).where(eq(processInstances.workflowId, workflowId));
    }
    await tx
      .update(tasks)
      .set({ status: 'cancelled', completedAt: closedAt, result: { reason: `the process was ${closeStatus}` } })
      .where(and(eq(tasks.workflowId, workflowId), eq(tasks.status, 'open')));
    const projection = await projectionSnapshot(tx, workflowId);
    const inserted = await tx
      .insert(processArchives)
      .values({
        workflowId,
        runId: description.runId,
        process: instance.process,
        closeStatus,
        closedAt,
        history: bytes,
        historySha256: sha256Hex(bytes),
        historyEvents: runs.reduce((events, run) => events + (run.events?.length ?? 0), 0),
        projection,
      })
      .onConflictDoNothing()
      .returning({ workflowId: processArchives.workflowId });
    return inserted.length > 0 ? 'archived' : 'already-archived';
  });
}

/**
 * Instances to archive: those the index shows closed since `closedSince` and not archived yet, and those
 * Temporal's visibility shows closed since `temporalSince` on the task queue (terminated or timed out
 * executions, whose process never reported its end, are found only there).
 */
export async function instancesToArchive(
  db: Database,
  client: Client,
  { taskQueue, closedSince, temporalSince }: { taskQueue: string; closedSince: Date; temporalSince: Date },
): Promise<string[]> {
  const notArchived = () =>
    db
      .select({ workflowId: processInstances.workflowId })
      .from(processInstances)
      .leftJoin(processArchives, eq(processArchives.workflowId, processInstances.workflowId))
      .$dynamic();
  const closed = await notArchived().where(and(ne(processInstances.status, 'running'), gte(processInstances.endedAt, closedSince), isNull(processArchives.workflowId)));
  const found = new Set(closed.map((row) => row.workflowId));
  const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus != 'Running' AND CloseTime >= '${temporalSince.toISOString()}'`;
  const seen: string[] = [];
  for await (const execution of client.workflow.list({ query })) {
    if (!found.has(execution.workflowId)) seen.push(execution.workflowId);
  }
  for (let start = 0; start < seen.length; start += 500) {
    const rows = await notArchived().where(and(inArray(processInstances.workflowId, seen.slice(start, start + 500)), isNull(processArchives.workflowId)));
    for (const row of rows) found.add(row.workflowId);
  }
  return [...found];
}
