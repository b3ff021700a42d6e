import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { processInstances, stepEvents } from '../db/schema';

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

/** The process-instance index and step timeline: the read model of the instance pages and KPIs. */
export function createProcessProjectionActivities({ db }: { db: Database }) {
  return {
    async recordStepEvent(record: StepEventRecord): Promise<void> {
      const { instance } = record;
      await db.transaction(async (tx) => {
        await tx
          .insert(stepEvents)
          .values({
            workflowId: record.workflowId,
            seq: record.seq,
            stepId: record.stepId,
            event: record.event,
            visit: record.visit,
            actor: record.actor,
            at: new Date(record.at),
            detail: record.detail,
          })
          .onConflictDoNothing();
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
        // Only a newer transition overwrites: a retried or late write never moves the instance back.
        await tx
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
            setWhere: sql`${processInstances.lastSeq} < ${record.seq}`,
          });
      });
    },
  };
}
