import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../../db/client';
import { seedDemoCommunity } from '../../db/seed/demo-community';
import { log, onCleanup, startBenchDatabase, type BenchDatabase } from './common';

/** A bench database (see startBenchDatabase), migrated and holding the demo community; its pool closes at the end. */
export async function startDemoDatabase(name: string, pool: { max?: number } = {}): Promise<BenchDatabase & { db: Database }> {
  const database = await startBenchDatabase(name);
  const db = openDatabase(database.url, pool);
  onCleanup('close database pool', () => closeDatabase(db));
  await migrateDatabase(db);
  await seedDemoCommunity(db);
  return { ...database, db };
}

/** Logs which PostgreSQL the figures come from. */
export async function logPostgresVersion({ db, embedded }: BenchDatabase & { db: Database }): Promise<void> {
  const [{ version }] = await db.$client.unsafe<Array<{ version: string }>>('select version()');
  log(`PostgreSQL: ${version.split(' on ')[0]} (${embedded ? 'embedded, default settings' : 'BENCH_DATABASE_URL'})`);
}
