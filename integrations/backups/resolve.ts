import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BackupConfig } from '../../config';
import type { BackupSettings } from './settings';

/** What `npm start` knows of the servers it runs itself. */
export interface LocalServers {
  databaseUrl?: string;
  dataDirectory?: string;
  socketDirectory?: string;
  temporalSqlite?: string | null;
}

/** The passphrase given, or outside production one generated once into the data folder (as the development key is). */
async function passphraseOf(config: BackupConfig): Promise<string> {
  if (config.passphrase) return config.passphrase;
  if (config.production) throw new Error('BACKUP_PASSPHRASE is required in production (backups are encrypted with it)');
  const existing = await readFile(config.developmentPassphraseFile, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  const generated = randomBytes(32).toString('base64');
  await mkdir(path.dirname(config.developmentPassphraseFile), { recursive: true });
  await writeFile(config.developmentPassphraseFile, `${generated}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
  return (await readFile(config.developmentPassphraseFile, 'utf8')).trim();
}

/** The backup tools' settings of this worker, or null when it has no cluster to back up (the tool activities then refuse). */
export async function resolveBackupSettings(config: BackupConfig, local: LocalServers = {}): Promise<BackupSettings | null> {
  const dataDirectory = config.pgData ?? local.dataDirectory;
  const databaseUrl = config.databaseUrl ?? local.databaseUrl;
  if (!dataDirectory || !databaseUrl) return null;
  const url = new URL(databaseUrl);
  return {
    dir: config.dir,
    passphrase: await passphraseOf(config),
    offsite: config.offsite,
    retentionFull: config.retentionFull,
    postgres: {
      dataDirectory,
      socketDirectory: local.socketDirectory ?? config.socketDirectory,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: url.password ? decodeURIComponent(url.password) : null,
      database: decodeURIComponent(url.pathname.slice(1)),
      binDirectory: config.pgBin,
    },
    temporalSqlite: config.temporalSqlite ?? local.temporalSqlite ?? null,
    nice: config.nice,
  };
}
