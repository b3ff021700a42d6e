import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { processInstances, processLinks, stepEvents } from '../db/schema';

export interface StepEventRecord {
  workflowId: string;
  seq: number;
  stepId: string;
  event: 'entered' | 'completed' | 'failed';
  visit: number;
  actor: string | null;
  at: string;
  detail: unknown;
  instance: {
    process: string;
    title: string;
    startedBy: string | null;
    status: 'running' | 'completed' | 'failed';
    startedAt: string;
    endedAt: string | null;
    currentSteps: string[];
    data: Record<string, unknown>;
  };
}

export interface ProcessLink {
  fromWorkflowId: string;
  toWorkflowId: string;
  /** What the target is to the source: `filing`, `vote`, `procurement`, `delivery`, `repair` … */
  relation: string;
}

/** The process-instance index and step timeline: the read model of the instance pages and KPIs. */
export function createProcessProjectionActivities({ db }: { db: Database }) {
  return {
    /** Records that one process led to another; a retried call adds nothing. */
    async linkProcesses(link: ProcessLink): Promise<void> {
      await db.insert(processLinks).values(link).onConflictDoNothing();
    },

    async recordStepEvent(record: StepEventRecord): Promise<void> {
      await writeStepEvents(db, [record]);
    },

    /** Several transitions of one process, in their order: one statement, as for one. */
    async recordStepEvents(records: StepEventRecord[]): Promise<void> {
      if (records.length > 0) await writeStepEvents(db, records);
    },
  };
}

/** The step events and the instance row as the last of them leaves it, in one statement (one round trip). */
async function writeStepEvents(db: Database, records: StepEventRecord[]): Promise<void> {
  const record = records[records.length - 1]!;
  const { instance } = record;
  const event = db
    .insert(stepEvents)
    .values(
      records.map((each) => ({
        workflowId: each.workflowId,
        seq: each.seq,
        stepId: each.stepId,
        event: each.event,
        visit: each.visit,
        actor: each.actor,
        at: new Date(each.at),
        detail: each.detail,
      })),
    )
    // The same number written again takes the later content: an attempt of a workflow task that the server discarded
    // may have numbered another transition so, and the attempt that counts writes after it. A retry writes the same.
    .onConflictDoUpdate({
      target: [stepEvents.workflowId, stepEvents.seq],
      set: { stepId: sql`excluded.step_id`, event: sql`excluded.event`, visit: sql`excluded.visit`, actor: sql`excluded.actor`, at: sql`excluded.at`, detail: sql`excluded.detail` },
    });
  const row = {
    workflowId: record.workflowId,
    process: instance.process,
    title: instance.title,
    status: instance.status,
    startedBy: instance.startedBy,
    startedAt: new Date(instance.startedAt),
    endedAt: instance.endedAt ? new Date(instance.endedAt) : null,
    currentSteps: instance.currentSteps,
    data: instance.data,
    lastSeq: record.seq,
  };
  // Only the same or a newer transition overwrites (the same: see above): a late write never moves the instance back.
  const index = db
    .insert(processInstances)
    .values(row)
    .onConflictDoUpdate({
      target: processInstances.workflowId,
      set: {
        status: row.status,
        endedAt: row.endedAt,
        currentSteps: row.currentSteps,
        data: row.data,
        lastSeq: row.lastSeq,
      },
      setWhere: sql`${processInstances.lastSeq} <= ${record.seq}`,
    });
  // Both writes land together, in one round trip (every transition of every process comes here).
  await db.execute(sql`with step_event as (${event.getSQL()}) ${index.getSQL()}`);
}
