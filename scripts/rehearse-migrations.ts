import { loadConfig } from '../config';
import { closeDatabase, openDatabase } from '../db/client';
import { rehearseMigrations } from '../domain/migration-rehearsal';
import { resolveBackupSettings } from '../integrations/backups/resolve';

/**
 * A release's migrations tried on a restored copy before they are applied (P5.2b, P3.3b: tested before): the
 * latest backup is restored into a scratch server (from the off-site copy when BACKUP_OFFSITE_URL is set) and this
 * checkout's migrations that the copy lacks are applied to it, one by one, timed. Steward's database is only read.
 * Run on the backup worker's host with its configuration, before starting the new release.
 * Exit code 0: every pending migration applied (or none pending); 1: one failed (named, with PostgreSQL's error);
 * 2: could not rehearse.
 *
 *   npm run migrations:rehearse
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const settings = await resolveBackupSettings(config.backups);
  if (!settings || !config.backups.databaseUrl) throw new Error('the backup configuration is required: BACKUP_PG_DATA and BACKUP_DATABASE_URL (or DATABASE_URL), as the backup worker has them');
  const db = openDatabase(config.backups.databaseUrl, { max: 1 });
  try {
    const rehearsal = await rehearseMigrations({ db, settings });
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`restored backup ${rehearsal.backup.label} (run ${rehearsal.backup.runId} of ${rehearsal.backup.startedAt}, restore point ${rehearsal.backup.restorePoint}) in ${s(rehearsal.restoreMs)}`);
    console.log(`the copy's newest migration: ${rehearsal.appliedBefore ?? 'none'}`);
    if (rehearsal.status === 'nothing-pending') console.log('no pending migration: this checkout adds none to the backed-up database');
    for (const step of rehearsal.steps) console.log(`  ${step.status === 'applied' ? 'applied' : 'FAILED '} ${step.tag} in ${s(step.ms)}${step.error ? `: ${step.error}` : ''}`);
    console.log(`rehearsal ${rehearsal.status === 'failed' ? 'FAILED' : 'succeeded'}: migrations ${s(rehearsal.migrateMs)}, in all ${s(rehearsal.totalMs)}; the copy is removed, Steward's database untouched`);
    return rehearsal.status === 'failed' ? 1 : 0;
  } finally {
    await closeDatabase(db);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
