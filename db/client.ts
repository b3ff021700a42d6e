import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
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

const dialect = new PgDialect();

/**
 * One statement of a hot path (a ballot, a session lookup), prepared on each connection the first time: later
 * calls are one round trip and no parsing or planning. Drizzle sends its queries unprepared, which the driver
 * does in two round trips (it first asks the server for the parameters' types) and the server parses and plans
 * each time. Only for statements whose text is fixed (values as parameters, no lists of varying length): each
 * distinct text stays prepared on its connection. Timestamps come back as text, as drizzle's raw queries do.
 */
export function executePrepared<Row extends Record<string, unknown>>(db: Database, statement: SQL): Promise<Row[]> {
  const { sql, params } = dialect.sqlToQuery(statement);
  return db.$client.unsafe<Row[]>(sql, params as postgres.ParameterOrJSON<never>[], { prepare: true });
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
