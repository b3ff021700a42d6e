import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';

/** The PostgreSQL channel the console's live stream listens on: the gateway and the alarm activities notify it. */
export const CONSOLE_CHANNEL = 'steward_console';

/** Tells the console a device or an incident changed. */
export async function notifyConsole(db: Database, kind: 'device' | 'incident', id: string): Promise<void> {
  await db.execute(sql`select pg_notify(${CONSOLE_CHANNEL}, ${JSON.stringify({ kind, id })})`);
}
