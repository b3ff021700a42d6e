import { chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { configFile, STANZA, type BackupSettings } from './settings';
import { ownerOf, runTool, type RunAs } from './tools';

/** pgBackRest's own word for an incremental backup. */
const TYPES = { full: 'full', incremental: 'incr' } as const;

export interface PgBackup {
  label: string;
  /** The label of the full backup the chain starts with. */
  chain: string;
  type: 'full' | 'incremental';
  databaseBytes: number;
  /** What the backup added to the repository (compressed and encrypted). */
  backupBytes: number;
  startedAt: string;
  stoppedAt: string;
}

interface InfoBackup {
  label: string;
  type: 'full' | 'diff' | 'incr';
  reference: string[] | null;
  timestamp: { start: number; stop: number };
  info: { size: number; delta: number; repository: { size: number; delta: number } };
}

/** Where a repository is and who works on it: pgBackRest runs as the cluster's owner (the server's archive_command does too). */
export interface Repository {
  config: string;
  as: RunAs;
  env: Record<string, string>;
  /** The tool's CPU priority (BackupSettings.nice). */
  nice: number;
}

function configText(settings: BackupSettings, repoPath: string, logDir: string): string {
  const { postgres } = settings;
  return [
    '[global]',
    `repo1-path=${repoPath}`,
    'repo1-cipher-type=aes-256-cbc',
    `repo1-cipher-pass=${settings.passphrase}`,
    'repo1-retention-full-type=count',
    `repo1-retention-full=${settings.retentionFull}`,
    // WAL is kept for every backup still held, so any of them restores to its restore point.
    `repo1-retention-archive=${settings.retentionFull}`,
    'compress-type=zst',
    // Lowest zstd level: an incremental's time is mostly compressing the changed files (pgBackRest's incremental is
    // per file; block incremental is a beta feature in 2.45, not used for backups that must restore).
    'compress-level=1',
    'process-max=2',
    'start-fast=y',
    // After a bulk change (an import, the first fill) the archiver has gigabytes of WAL to push before the
    // backup's first segment is in: the default minute is not enough.
    'archive-timeout=900',
    `log-path=${logDir}`,
    `lock-path=${path.join(logDir, 'lock')}`,
    'log-level-console=warn',
    'log-level-file=info',
    '',
    `[${STANZA}]`,
    `pg1-path=${postgres.dataDirectory}`,
    `pg1-port=${postgres.port}`,
    `pg1-socket-path=${postgres.socketDirectory}`,
    `pg1-user=${postgres.user}`,
    '',
  ].join('\n');
}

async function owned(dir: string, as: RunAs): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (as) await chown(dir, as.uid, as.gid);
}

/** Writes a config file for a repository folder (only when it changed: the server's archive_command reads it too). */
async function writeConfig(file: string, text: string, as: RunAs): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current !== text) await writeFile(file, text, { mode: 0o600 });
  if (as) await chown(file, as.uid, as.gid);
}

/** Steward's repository under `dir/pgbackrest`, its config at `dir/pgbackrest.conf`, the stanza created (idempotent). */
export async function ensureRepository(settings: BackupSettings): Promise<Repository> {
  const as = await ownerOf(settings.postgres.dataDirectory);
  await mkdir(settings.dir, { recursive: true });
  for (const folder of ['pgbackrest', 'log', 'log/lock']) await owned(path.join(settings.dir, folder), as);
  const config = configFile(settings.dir);
  await writeConfig(config, configText(settings, path.join(settings.dir, 'pgbackrest'), path.join(settings.dir, 'log')), as);
  const repository: Repository = { config, as, env: settings.postgres.password ? { PGPASSWORD: settings.postgres.password } : {}, nice: settings.nice };
  await pgbackrest(repository, ['stanza-create']);
  return repository;
}

/** A copy of a repository in another folder (the drill's, fetched from off-site), with its own config and logs. */
export async function repositoryAt(settings: BackupSettings, repoPath: string, workDir: string): Promise<Repository> {
  const as = await ownerOf(settings.postgres.dataDirectory);
  for (const folder of ['log', 'log/lock']) await owned(path.join(workDir, folder), as);
  const config = path.join(workDir, 'pgbackrest.conf');
  await writeConfig(config, configText(settings, repoPath, path.join(workDir, 'log')), as);
  return { config, as, env: {}, nice: settings.nice };
}

export function pgbackrest(repository: Repository, args: string[]): Promise<string> {
  return runTool('pgbackrest', [`--config=${repository.config}`, `--stanza=${STANZA}`, ...args], { as: repository.as, env: repository.env, nice: repository.nice });
}

export async function listBackups(repository: Repository): Promise<InfoBackup[]> {
  const [stanza] = JSON.parse(await pgbackrest(repository, ['--output=json', 'info'])) as Array<{ backup: InfoBackup[] }>;
  return stanza?.backup ?? [];
}

const chainOf = (backup: InfoBackup) => (backup.type === 'full' ? backup.label : backup.label.split('_')[0]);

/** A full or incremental backup of the cluster; pgBackRest then expires chains beyond the retention. */
export async function backupCluster(repository: Repository, kind: 'full' | 'incremental'): Promise<PgBackup> {
  await pgbackrest(repository, [`--type=${TYPES[kind]}`, 'backup']);
  const backups = await listBackups(repository);
  const latest = backups.at(-1);
  if (!latest) throw new Error('pgBackRest lists no backup after backing up');
  return {
    label: latest.label,
    chain: chainOf(latest),
    type: latest.type === 'full' ? 'full' : 'incremental',
    databaseBytes: latest.info.size,
    backupBytes: latest.info.repository.delta,
    startedAt: new Date(latest.timestamp.start * 1000).toISOString(),
    stoppedAt: new Date(latest.timestamp.stop * 1000).toISOString(),
  };
}

/** The chains (full backup labels) the repository still holds. */
export async function heldChains(repository: Repository): Promise<string[]> {
  return [...new Set((await listBackups(repository)).map(chainOf))];
}

/** Expires backups beyond the retention (pgBackRest also does so after each backup); the chains left. */
export async function expire(repository: Repository): Promise<string[]> {
  await pgbackrest(repository, ['expire']);
  return heldChains(repository);
}

/**
 * Checks every file of the repository against the checksum its manifest recorded (and the WAL archive's
 * continuity); the problems found, empty when all is sound.
 */
export async function verifyRepository(repository: Repository): Promise<string[]> {
  const output = await pgbackrest(repository, ['--log-level-console=info', 'verify']).catch((error: Error) => `ERROR: ${error.message}`);
  return output
    .split('\n')
    .filter((line) => /invalid|ERROR|missing|checksum|mismatch/i.test(line) && !/: 0\b|invalid files: 0|missing: 0/.test(line))
    .map((line) => line.trim());
}

/** Restores a backup into an empty folder, to replay up to its restore point and then stop as a server of its own. */
export async function restoreInto(repository: Repository, label: string, restorePoint: string, pgData: string): Promise<void> {
  await owned(pgData, repository.as);
  await pgbackrest(repository, [
    `--pg1-path=${pgData}`,
    `--set=${label}`,
    '--type=name',
    `--target=${restorePoint}`,
    '--target-action=promote',
    // The copy never archives into Steward's repository.
    '--archive-mode=off',
    'restore',
  ]);
}
