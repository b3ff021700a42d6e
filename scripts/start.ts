import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeServer, connectApiContext, listen } from '../api/server';
import { NotificationRelay } from '../api/notifications/relay';
import { loadConfig } from '../config';
import { startProcessArchiver } from '../api/use-cases/process-archive';
import { ensureProcessSchedules } from '../api/use-cases/process-schedules';
import { closeDatabase, migrateDatabase, openDatabase } from '../db/client';
import { users } from '../db/schema';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoCommunity } from '../db/seed/demo-community';
import { seedDemoSecurityTraining } from '../db/seed/training';
import { installKeyring, keyringFrom } from '../db/sealed/keyring';
import { ACTIVITY_GRACE_TIME, createStewardWorker } from '../worker/worker';
import { startDeviceServices } from './dev-services/devices';
import { startEmbeddedPostgres } from './dev-services/embedded-postgres';
import { ensureRepository } from '../integrations/backups/pgbackrest';
import { resolveBackupSettings } from '../integrations/backups/resolve';
import { archivingSettings } from '../integrations/backups/settings';
import { runTool } from '../integrations/backups/tools';
import { preferredPort } from './dev-services/ports';
import { startTemporalDevServer } from './dev-services/temporal-cli';

/**
 * `npm start`: everything on one machine. Temporal's dev server (state in data/temporal.sqlite) unless
 * TEMPORAL_ADDRESS is set; embedded PostgreSQL (data/postgres) unless DATABASE_URL is set; then
 * migrations, the demo community, the worker, the API and the UI.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (line: string) => console.log(`[steward] ${line}`);

async function buildUiIfMissing(uiDir: string, always: boolean): Promise<void> {
  if (existsSync(path.join(uiDir, 'index.html')) && !always) return;
  log('Building the UI…');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'ui/vite.config.ts'), logLevel: 'warn' });
}

async function main(): Promise<void> {
  const started = Date.now();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stops: Array<() => Promise<void>> = [];
  const config = loadConfig();
  const { dataDir } = config.start;
  const settings = config.temporal;
  const uiDir = path.join(root, 'ui/dist');
  installKeyring(keyringFrom(config.keys));

  // With pgBackRest installed the embedded server archives its WAL to it, so the backup Schedules can run.
  const archiving = !config.database.url && (await runTool('pgbackrest', ['version']).then(() => true, () => false));
  const [temporal, database] = await Promise.all([
    config.start.temporalAddress
      ? null
      : startTemporalDevServer({ cli: config.temporalCli, dbFile: path.join(dataDir, 'temporal.sqlite'), port: await preferredPort(7233), ui: true, log }),
    config.database.url ? null : startEmbeddedPostgres(path.join(dataDir, 'postgres'), 'steward', { log, settings: archiving ? archivingSettings(config.backups.dir) : {} }),
    buildUiIfMissing(uiDir, config.start.buildUi),
  ]);
  if (temporal) stops.push(temporal.stop);
  if (database) stops.push(database.stop);
  const temporalAddress = temporal?.address ?? settings.address;
  const databaseUrl = database?.url ?? config.database.url!;

  const db = openDatabase(databaseUrl);
  stops.unshift(() => closeDatabase(db));
  const sealing = await migrateDatabase(db);
  const sealed = Object.entries(sealing).filter(([, rows]) => rows > 0);
  if (sealed.length) log(`Sealed rows stored before encryption: ${sealed.map(([table, rows]) => `${rows} ${table}`).join(', ')}.`);
  if (await seedDemoCommunity(db)) log('Loaded the demo community.');
  // A demo community loaded before the security course existed (P5.3a) gets its demo staff's course too.
  await seedDemoSecurityTraining(db, DEMO_USERS.map((user) => user.id));

  const backups = archiving
    ? await resolveBackupSettings(config.backups, {
        databaseUrl,
        dataDirectory: database?.dataDirectory,
        // The embedded server's socket folder, built into its binaries.
        socketDirectory: '/tmp',
        temporalSqlite: temporal ? path.join(dataDir, 'temporal.sqlite') : null,
      })
    : null;
  if (backups) {
    // The stanza exists before the server's first archived WAL segment needs it.
    await ensureRepository(backups).then(
      () => log(`Backups: pgBackRest repository in ${backups.dir}${backups.offsite ? `, copied to ${backups.offsite.display}` : ' (no BACKUP_OFFSITE_URL: no off-site copy)'}.`),
      (error: Error) => log(`Backups: pgBackRest cannot use ${backups.dir} (${error.message}); backups will fail until it can.`),
    );
  } else if (!config.database.url) log('Backups: pgBackRest is not installed (apt-get install pgbackrest restic rclone sqlite3): backups will fail and open fault repairs.');
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await createStewardWorker({ connection, namespace: settings.namespace, taskQueue: settings.taskQueue, db, settings: { ...config.worker.activities, backups }, shutdownGraceTime: ACTIVITY_GRACE_TIME });
  const workerRun = worker.run();
  stops.unshift(async () => {
    // The SDK already drains the worker on SIGINT/SIGTERM; shut it down only if it still runs.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await connection.close();
  });

  const ctx = await connectApiContext(db, { ...settings, address: temporalAddress }, config.api);
  const { inspectionPlans } = await ensureProcessSchedules(ctx);
  log(`Schedules: ${inspectionPlans} inspection plans, supplier re-qualification, quarterly supplier evaluation, year-end plan, nightly replay, backups (full, incremental, drill).`);
  const archiver = startProcessArchiver(ctx, (line) => log(`archive: ${line}`));
  stops.unshift(() => archiver.stop());
  // P4.1: notifications go out on each person's channels (email with SMTP_URL).
  const relay = new NotificationRelay(ctx, config.api.notifications);
  relay.start();
  stops.unshift(() => relay.stop());
  const { port } = config.http;
  const server = await listen(ctx, port, '127.0.0.1', uiDir);
  stops.unshift(async () => {
    await closeServer(server, ctx);
    await ctx.close();
  });

  const deviceServices = await startDeviceServices(ctx, port, { mqtt: config.mqtt, simulator: config.start.simulator }, log);
  stops.unshift(deviceServices.stop);

  log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`Steward UI:    http://127.0.0.1:${port}/`);
  log(`API docs:      http://127.0.0.1:${port}/api/docs`);
  if (temporal?.uiUrl) log(`Temporal UI:   ${temporal.uiUrl}`);
  log(`MQTT:          ${deviceServices.mqttUrl}${config.mqtt.url ? '' : ' (embedded)'}`);
  if (deviceServices.simulatorUrl) log(`Devices:       simulator ${deviceServices.simulatorUrl} (console: http://127.0.0.1:${port}/console)`);
  // Every seed adds its own people (suppliers' staff, more owners): list them from the database.
  const logins = await db.select({ username: users.username, roles: users.roles }).from(users).orderBy(users.username);
  log(`Demo logins (password "${DEMO_PASSWORD}"): ${logins.map((user) => `${user.username} (${user.roles.join('+')})`).join(', ')}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    for (const step of stops) await step().catch((error: unknown) => console.error(error));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
