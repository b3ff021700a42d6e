import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { closeDatabase, openDatabase } from '../db/client';
import { loadConfig } from '../config';
import { installKeyring, keyringFrom } from '../db/sealed/keyring';
import { resolveBackupSettings } from '../integrations/backups/resolve';
import { ACTIVITY_GRACE_TIME, createStewardWorker } from './worker';

/** Production entry: one worker process; scale out by running more of them. */
async function main(): Promise<void> {
  const config = loadConfig();
  Runtime.install({ logger: new DefaultLogger(config.worker.logLevel) });
  const databaseUrl = config.database.url;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const settings = config.temporal;
  // Activities open sealed secrets (PINs, faces, device passwords): fail at start without the keys.
  installKeyring(keyringFrom(config.keys));
  const db = openDatabase(databaseUrl);
  const connection = await NativeConnection.connect({ address: settings.address });
  const bundlePath = config.api.replay.workflowBundlePath;
  const worker = await createStewardWorker({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    db,
    // A worker that sees PostgreSQL's files (BACKUP_PG_DATA) also runs the backup tools.
    settings: { ...config.worker.activities, backups: await resolveBackupSettings(config.backups) },
    shutdownGraceTime: ACTIVITY_GRACE_TIME,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : {}),
  });
  console.log(`Steward worker polling ${settings.taskQueue} on ${settings.address}`);
  await worker.run();
  await connection.close();
  await closeDatabase(db);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
