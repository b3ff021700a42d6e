import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { tasks } from '../db/schema';
import { notifyTaskChanged } from '../domain/task-channel';
import { recordNotification } from '../domain/notifications';
import { taskPath, URGENT_PRIORITY } from '../contracts/notifications';

export interface NewTask {
  id: string;
  workflowId: string;
  process: string;
  stepId: string;
  title: string;
  candidateRoles: string[];
  candidateUsers: string[];
  priority: number;
  createdAt: string;
  dueAt: string;
  formSchema: Record<string, unknown>;
  context: Record<string, unknown>;
}

export interface TaskClosure {
  id: string;
  status: 'completed' | 'cancelled';
  at: string;
  actor: string | null;
  result: unknown;
}

/** The worklist rows behind every human task. Each write is safe to repeat. */
export function createHumanTaskActivities({ db }: { db: Database }) {
  return {
    async createTask(task: NewTask): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .insert(tasks)
          .values({
            ...task,
            status: 'open',
            createdAt: new Date(task.createdAt),
            dueAt: new Date(task.dueAt),
          })
          .onConflictDoNothing({ target: tasks.id });
        // P4.1: its candidates are told (in-app and on their channels), an alarm's dispatch through quiet hours.
        await recordNotification(tx, {
          dedupeKey: `task.${task.id}`,
          workflowId: task.workflowId,
          recipientRoles: task.candidateRoles,
          recipientUsers: task.candidateUsers,
          message: task.title,
          link: taskPath(task.id),
          urgent: task.priority >= URGENT_PRIORITY,
        });
      });
      // Open worklists show it at once (a retry notifies again: they read the row as it is).
      await notifyTaskChanged(db, task.id);
    },

    async closeTask(closure: TaskClosure): Promise<void> {
      await db
        .update(tasks)
        .set({ status: closure.status, completedAt: new Date(closure.at), completedBy: closure.actor, result: closure.result })
        .where(and(eq(tasks.id, closure.id), eq(tasks.status, 'open')));
      await notifyTaskChanged(db, closure.id);
    },

    async updateTaskCandidates(update: { id: string; candidateRoles: string[]; candidateUsers: string[] }): Promise<void> {
      await db
        .update(tasks)
        .set({ candidateRoles: update.candidateRoles, candidateUsers: update.candidateUsers })
        .where(and(eq(tasks.id, update.id), sql`${tasks.status} = 'open'`));
      // The guard or supervisor who joins sees the task appear.
      await notifyTaskChanged(db, update.id);
    },
  };
}
