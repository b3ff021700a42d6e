import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';

/** The PostgreSQL channel the worklists' live stream listens on: every write of a task row notifies it. */
export const TASK_CHANNEL = 'steward_tasks';

/** Tells the open worklists a task was opened, claimed, widened or closed. */
export async function notifyTaskChanged(db: Database, taskId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${TASK_CHANNEL}, ${taskId})`);
}
