import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { sealPlaintextRows, type PlaintextSealing } from './sealed/plaintext';

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

/**
 * A pool of connections, made when a query needs one. After PostgreSQL restarts, the connections it closed are
 * made again by the next queries; while it is down, a query fails within seconds instead of waiting, so the
 * activity's try fails and Temporal retries it (workflows/lib/activities.ts) until the server is back.
 */
export function openDatabase(url: string, options: { max?: number } = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // A server that does not answer (down host, dropped packets) fails the query in 5 s, well within a try.
    connect_timeout: 5,
    // After a row of failed connections the driver waits up to 20 s before the next by default, which a try
    // after the server's return would wait out: the same growth, capped at a second. The activities' retries
    // set the pace of an outage.
    backoff: (failures: number) => (0.5 + Math.random() / 2) * Math.min(3 ** failures / 100, 1),
    // A connection idle for a minute is closed, so one that died silently with its server is not reused later.
    idle_timeout: 60,
  });
  return drizzle(client, { schema });
}

/** PostgreSQL's unique_violation, whether drizzle wraps the driver's error or not. */
export function isUniqueViolation(error: unknown): boolean {
  const failure = error as { code?: string; cause?: { code?: string } } | null;
  return (failure?.code ?? failure?.cause?.code) === '23505';
}

export async function closeDatabase(db: Database): Promise<void> {
  await db.$client.end({ timeout: 5 });
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the migrations, then seals the rows stored in plaintext before encryption (SQL cannot: the key is not in the database). */
export async function migrateDatabase(db: Database): Promise<PlaintextSealing> {
  await migrate(db, { migrationsFolder });
  return sealPlaintextRows(db);
}
