import { fileURLToPath } from 'node:url';
import { closeDatabase, migrateDatabase, openDatabase } from '../db/client';
import { seedDemoCommunity } from '../db/seed/demo-community';
import { temporalSettings } from '../worker/config';
import { connectApiContext, listen } from './server';

/** Production entry: the API and the built UI; Temporal and PostgreSQL come from the environment. */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const db = openDatabase(databaseUrl);
  if (process.env.STEWARD_MIGRATE === '1') await migrateDatabase(db);
  if (process.env.STEWARD_SEED_DEMO === '1') await seedDemoCommunity(db);
  const ctx = await connectApiContext(db, temporalSettings());
  const port = Number(process.env.PORT ?? 3000);
  const server = await listen(ctx, port, process.env.HOST ?? '0.0.0.0', fileURLToPath(new URL('../ui/dist', import.meta.url)));
  console.log(`Steward API on port ${port}`);
  const stop = () => {
    server.close(async () => {
      await ctx.close();
      await closeDatabase(db);
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
