import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { sealPlaintextRows, type PlaintextSealing } from './sealed/plaintext';

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export function openDatabase(url: string, options: { max?: number } = {}): Database {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  return drizzle(client, { schema });
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
