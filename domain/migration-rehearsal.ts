import { readFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from '../db/client';
import { BackupRefusal, latestRestorable, repositoryForRestore, restoreScratch } from './backups';
import type { BackupSettings } from '../integrations/backups/settings';

/** The checkout's migrations (db/migrations), what `npm start` and the worker apply. */
export const CHECKOUT_MIGRATIONS = fileURLToPath(new URL('../db/migrations', import.meta.url));

/** Where drizzle records the migrations a database has (drizzle-orm's migrator, which production runs). */
const MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';

export interface MigrationStep {
  /** The migration's file name without `.sql` (`0017_what`). */
  tag: string;
  status: 'applied' | 'failed';
  ms: number;
  /** PostgreSQL's error, with the statement it came from. */
  error: string | null;
}

export interface Rehearsal {
  status: 'succeeded' | 'failed' | 'nothing-pending';
  /** The backup run restored, its pgBackRest label and restore point. */
  backup: { runId: string; label: string; restorePoint: string; startedAt: string };
  /** The copy's newest migration before the rehearsal (null: none recorded). */
  appliedBefore: string | null;
  steps: MigrationStep[];
  restoreMs: number;
  migrateMs: number;
  totalMs: number;
}

/** The migrations of a folder in order, with their tags from drizzle's journal. */
async function migrationsOf(folder: string) {
  const journal = JSON.parse(await readFile(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number; tag: string }> };
  const files = readMigrationFiles({ migrationsFolder: folder });
  return files.map((migration, at) => ({ ...migration, tag: journal.entries[at]!.tag }));
}

/**
 * A release's migrations tried before they are applied: the latest backup restored into a scratch server (from the
 * off-site copy when one is set, as the drill does), the migrations of `migrationsFolder` that the copy lacks
 * applied to it one by one as drizzle's migrator would (each with its record), each timed, stopping at the first
 * that fails with PostgreSQL's error. Steward's database and repositories are only read; the copy is removed.
 */
export async function rehearseMigrations({ db, settings }: { db: Database; settings: BackupSettings }, { migrationsFolder = CHECKOUT_MIGRATIONS, workName = `rehearsal-${Date.now()}` } = {}): Promise<Rehearsal> {
  const started = Date.now();
  const run = await latestRestorable(db);
  if (!run?.label || !run.restorePoint) throw new BackupRefusal('no backup to restore yet: back up first (npm run migrations:rehearse restores the latest)');
  const migrations = await migrationsOf(migrationsFolder);
  const workDir = path.join(settings.dir, 'rehearsals', workName.replace(/[^A-Za-z0-9._-]/g, '_'));
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  try {
    const repository = await repositoryForRestore(settings, workDir);
    const server = await restoreScratch(settings, repository, run, workDir);
    const restoreMs = Date.now() - started;
    try {
      const sql = server.sql(settings.postgres.database);
      await sql.unsafe('create schema if not exists drizzle');
      await sql.unsafe(`create table if not exists ${MIGRATIONS_TABLE} (id serial primary key, hash text not null, created_at bigint)`);
      const [last] = await sql.unsafe<{ created_at: string }[]>(`select created_at from ${MIGRATIONS_TABLE} order by created_at desc limit 1`);
      const lastMillis = last ? Number(last.created_at) : null;
      const appliedBefore = lastMillis === null ? null : ([...migrations].reverse().find((migration) => migration.folderMillis <= lastMillis)?.tag ?? null);
      const pending = migrations.filter((migration) => lastMillis === null || migration.folderMillis > lastMillis);
      const steps: MigrationStep[] = [];
      const migrateStarted = Date.now();
      for (const migration of pending) {
        const stepStarted = Date.now();
        let statement = '';
        try {
          await sql.begin(async (tx) => {
            for (statement of migration.sql) await tx.unsafe(statement);
            await tx.unsafe(`insert into ${MIGRATIONS_TABLE} (hash, created_at) values ($1, $2)`, [migration.hash, migration.folderMillis]);
          });
          steps.push({ tag: migration.tag, status: 'applied', ms: Date.now() - stepStarted, error: null });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          steps.push({ tag: migration.tag, status: 'failed', ms: Date.now() - stepStarted, error: `${message} (in: ${statement.trim().slice(0, 300)})` });
          break;
        }
      }
      const status = pending.length === 0 ? 'nothing-pending' : steps.some((step) => step.status === 'failed') ? 'failed' : 'succeeded';
      return {
        status,
        backup: { runId: run.id, label: run.label, restorePoint: run.restorePoint, startedAt: run.startedAt.toISOString() },
        appliedBefore,
        steps,
        restoreMs,
        migrateMs: Date.now() - migrateStarted,
        totalMs: Date.now() - started,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
