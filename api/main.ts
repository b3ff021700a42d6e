import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config';
import { closeDatabase, migrateDatabase, openDatabase } from '../db/client';
import { seedDemoCommunity } from '../db/seed/demo-community';
import { installKeyring, keyringFrom } from '../db/sealed/keyring';
import { sealPlaintextRows } from '../db/sealed/plaintext';
import { subscribeDeviceEvents } from './devices/mqtt-subscriber';
import { deviceGateway } from './devices/registry';
import { NotificationRelay } from './notifications/relay';
import { closeServer, connectApiContext, listen } from './server';
import { startProcessArchiver } from './use-cases/process-archive';
import { ensureProcessSchedules } from './use-cases/process-schedules';

/** Production entry: the API and the built UI; Temporal and PostgreSQL come from the environment. */
async function main(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = config.database.url;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  // The key-encryption keys are checked before anything starts: no secret is stored or read without them.
  installKeyring(keyringFrom(config.keys));
  const db = openDatabase(databaseUrl);
  // Migrations seal what was stored before encryption; migrated by other means, the sealing still runs.
  if (config.database.migrate) await migrateDatabase(db);
  else await sealPlaintextRows(db);
  if (config.database.seedDemo) await seedDemoCommunity(db);
  const ctx = await connectApiContext(db, config.temporal, config.api);
  await ensureProcessSchedules(ctx);
  const { port, host } = config.http;
  const server = await listen(ctx, port, host, fileURLToPath(new URL('../ui/dist', import.meta.url)));
  console.log(`Steward API on port ${port}`);
  // Device health (P3.1b) is swept here; with MQTT_URL the API also takes device events from the broker.
  const gateway = deviceGateway(ctx);
  gateway.start();
  const archiver = startProcessArchiver(ctx);
  const relay = new NotificationRelay(ctx, config.api.notifications);
  relay.start();
  const { url: mqttUrl, ...session } = config.mqtt;
  const mqtt = mqttUrl ? await subscribeDeviceEvents(gateway, { url: mqttUrl, ...session }, (line) => console.log(`[devices] ${line}`)) : null;
  const stop = async () => {
    await closeServer(server, ctx);
    await mqtt?.stop();
    await gateway.stop();
    await archiver.stop();
    await relay.stop();
    await ctx.close();
    await closeDatabase(db);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
