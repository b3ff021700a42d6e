import { and, eq, notLike } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { notifications } from '../../db/schema';

/** What a process notified people of besides its tasks (each task tells its candidates too, as `task.<id>`). */
export const processNotices = (db: Database, workflowId: string) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.workflowId, workflowId), notLike(notifications.dedupeKey, 'task.%')))
    .orderBy(notifications.id);
