import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { closeDatabase, openDatabase } from '../db/client';
import { keyring } from '../db/sealed/keyring';
import { temporalSettings } from './config';
import { createStewardWorker } from './worker';

/** Production entry: one worker process; scale out by running more of them. */
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger((process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO') });
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const settings = temporalSettings();
  // Activities open sealed secrets (PINs, faces, device passwords): fail at start without the keys.
  keyring();
  const db = openDatabase(databaseUrl);
  const connection = await NativeConnection.connect({ address: settings.address });
  const worker = await createStewardWorker({ connection, namespace: settings.namespace, taskQueue: settings.taskQueue, db });
  console.log(`Steward worker polling ${settings.taskQueue} on ${settings.address}`);
  await worker.run();
  await connection.close();
  await closeDatabase(db);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
