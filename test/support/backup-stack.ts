import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../../db/client';
import { seedDemoCommunity } from '../../db/seed/demo-community';
import { installKeyring, keyringFrom } from '../../db/sealed/keyring';
import { loadConfig } from '../../config';
import { parseOffsiteUrl, type OffsiteTarget } from '../../integrations/backups/offsite';
import { archivingSettings, type BackupSettings } from '../../integrations/backups/settings';
import { runTool } from '../../integrations/backups/tools';
import { startEmbeddedPostgres } from '../../scripts/dev-services/embedded-postgres';
import { freePort } from '../../scripts/dev-services/ports';
import { eventually } from './poll';

// The demo seed seals device secrets: the development key, as the other stacks use.
installKeyring(keyringFrom(loadConfig({}).keys));

export interface OffsiteServer {
  url: string;
  target: OffsiteTarget;
  /** The folder the server serves: what is "off-site", for a test to alter. */
  dir: string;
  stop(): Promise<void>;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** A real second storage target on loopback: `rclone serve sftp` over a folder of its own, with a password. */
export async function startOffsiteServer(dir: string): Promise<OffsiteServer> {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const child = spawn('rclone', ['serve', 'sftp', dir, '--addr', `127.0.0.1:${port}`, '--user', 'offsite', '--pass', password], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await eventually(async () => ((await listening(port)) ? true : undefined), 20_000);
  const url = `sftp://offsite:${password}@127.0.0.1:${port}/steward`;
  const target = parseOffsiteUrl(url);
  if (typeof target === 'string') throw new Error(target);
  return {
    url,
    target,
    dir: path.join(dir, 'steward'),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface BackupStack {
  db: Database;
  url: string;
  settings: BackupSettings;
  offsite: OffsiteServer;
  /** A SQLite file written beside, standing in for the Temporal dev server's. */
  sqliteFile: string;
  stop(): Promise<void>;
}

/**
 * What a backup needs that the shared test server lacks: a PostgreSQL 15 cluster of its own that archives its WAL
 * to pgBackRest (the setting needs a restart), migrated and loaded with the demo community, an off-site target,
 * and a SQLite file. Everything lives in a folder of the run's scratch space, removed at stop.
 */
export async function startBackupStack(): Promise<BackupStack> {
  const root = await mkdtemp(path.join(inject('scratchDir'), 'backups-'));
  // The embedded server and pgBackRest run as the `postgres` user, who must enter this folder.
  await chmod(root, 0o755);
  const backupDir = path.join(root, 'backups');
  const server = await startEmbeddedPostgres(path.join(root, 'postgres'), 'steward', { temporary: true, settings: archivingSettings(backupDir) });
  const db = openDatabase(server.url, { max: 5 });
  await migrateDatabase(db);
  await seedDemoCommunity(db);
  const offsite = await startOffsiteServer(path.join(root, 'offsite'));
  const sqliteFile = path.join(root, 'temporal.sqlite');
  await runTool('sqlite3', [sqliteFile, 'pragma journal_mode=wal; create table events (id integer primary key, body text); insert into events (body) values (\'first\');']);
  const parsed = new URL(server.url);
  const settings: BackupSettings = {
    dir: backupDir,
    passphrase: randomBytes(24).toString('base64'),
    offsite: offsite.target,
    retentionFull: 2,
    postgres: { dataDirectory: server.dataDirectory, socketDirectory: '/tmp', port: Number(parsed.port), user: 'steward', password: 'steward', database: 'steward', binDirectory: null },
    temporalSqlite: sqliteFile,
    // The suite's other files run beside these at priority 0: the tools' lower priority is measured in bench:backups.
    nice: 0,
  };
  return {
    db,
    url: server.url,
    settings,
    offsite,
    sqliteFile,
    async stop() {
      await offsite.stop();
      await closeDatabase(db);
      await server.stop();
    },
  };
}
