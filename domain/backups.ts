import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, inArray, isNotNull, isNull, notInArray, sql as dsql } from 'drizzle-orm';
import postgres, { type Sql } from 'postgres';
import type { Database } from '../db/client';
import { attachments, backupDrills, backupRuns, type BackupDurations, type BackupKind, type DrillTableResult, type TableDigest } from '../db/schema';
import { fetchOffsite, syncOffsite } from '../integrations/backups/offsite';
import { backupCluster, ensureRepository, expire, pgbackrest, repositoryAt, restoreInto, verifyRepository, type Repository } from '../integrations/backups/pgbackrest';
import { checkFiles, ensureFileRepository, keepChains, localFiles, offsiteFiles, restoreFiles, snapshotFiles } from '../integrations/backups/restic';
import { startScratchServer, type ScratchServer } from '../integrations/backups/scratch-server';
import type { BackupSettings } from '../integrations/backups/settings';
import { digestsOf, restorePointWithDigests } from '../integrations/backups/table-digests';
import { runTool } from '../integrations/backups/tools';

export interface BackupContext {
  db: Database;
  settings: BackupSettings;
}

/** A business refusal of the backup process: nothing to retry. */
export class BackupRefusal extends Error {
  readonly type = 'BackupRefused';
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusal';
  }
}

const STAGING = 'staging';
const TEMPORAL_FILE = 'temporal/temporal.sqlite';
const ATTACHMENTS = 'attachments';

/** A connection to Steward's database as the backup's user, over the server's socket. */
function adminConnection({ postgres: server }: BackupSettings): Sql {
  return postgres({ host: server.socketDirectory, port: server.port, user: server.user, password: server.password ?? undefined, database: server.database, max: 2, onnotice: () => {}, connect_timeout: 5 });
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One digest of a folder of attachment files: each file's name and SHA-256, in name order. */
async function folderDigest(dir: string): Promise<{ count: number; sha256: string }> {
  const names = existsSync(dir) ? (await readdir(dir)).sort() : [];
  const hash = createHash('sha256');
  for (const name of names) hash.update(`${name} ${await sha256File(path.join(dir, name))}\n`);
  return { count: names.length, sha256: hash.digest('hex') };
}

async function recordDuration(db: Database, runId: string, part: keyof BackupDurations, ms: number): Promise<void> {
  await db
    .update(backupRuns)
    .set({ durations: dsql`${backupRuns.durations} || ${JSON.stringify({ [part]: ms })}::jsonb` })
    .where(eq(backupRuns.id, runId));
}

/** The run's row, written once (a retried start changes nothing). */
export async function openBackupRun(db: Database, { runId, kind, requestedBy }: { runId: string; kind: BackupKind; requestedBy: string | null }): Promise<void> {
  await db.insert(backupRuns).values({ id: runId, kind, status: 'running', requestedBy, startedAt: new Date() }).onConflictDoNothing();
}

export async function closeBackupRun(db: Database, { runId, error }: { runId: string; error: string | null }): Promise<void> {
  await db
    .update(backupRuns)
    .set({ status: error ? 'failed' : 'succeeded', error, finishedAt: new Date() })
    .where(and(eq(backupRuns.id, runId), eq(backupRuns.status, 'running')));
}

/**
 * pgBackRest's backup of the whole cluster (full, or incremental on the last backup; pgBackRest makes the first
 * one full), then a restore point with every table's digest at it, and the WAL up to that point archived. Done
 * once per run: a retry after it succeeded returns what was recorded.
 */
export async function backupDatabase({ db, settings }: BackupContext, { runId, kind }: { runId: string; kind: BackupKind }) {
  const [run] = await db.select().from(backupRuns).where(eq(backupRuns.id, runId));
  if (!run) throw new BackupRefusal(`no backup run ${runId}`);
  if (run.label && run.restorePoint) return { label: run.label, chain: run.chain!, kind: run.kind, databaseBytes: run.databaseBytes!, backupBytes: run.backupBytes! };
  const started = Date.now();
  const repository = await ensureRepository(settings);
  const backup = await backupCluster(repository, kind);
  const restorePoint = `steward-${runId}`;
  const sql = adminConnection(settings);
  let tables: Record<string, TableDigest>;
  try {
    tables = await restorePointWithDigests(sql, restorePoint, settings.nice);
  } finally {
    await sql.end({ timeout: 5 });
  }
  // Switches to a new WAL segment and waits until it is archived: the restore point is then in the repository.
  await pgbackrest(repository, ['check']);
  await db
    .update(backupRuns)
    .set({ kind: backup.type, label: backup.label, chain: backup.chain, restorePoint, databaseBytes: backup.databaseBytes, backupBytes: backup.backupBytes, tables })
    .where(eq(backupRuns.id, runId));
  await recordDuration(db, runId, 'database', Date.now() - started);
  return { label: backup.label, chain: backup.chain, kind: backup.type, databaseBytes: backup.databaseBytes, backupBytes: backup.backupBytes };
}

/** Mirrors the attachments into files (new ones written, removed ones removed), as stored: sealed kinds stay sealed. */
async function mirrorAttachments(db: Database, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const stored = new Set((await db.select({ id: attachments.id }).from(attachments)).map((row) => row.id));
  const mirrored = new Set(await readdir(dir));
  for (const name of mirrored) if (!stored.has(name)) await unlink(path.join(dir, name));
  const missing = [...stored].filter((id) => !mirrored.has(id));
  for (let at = 0; at < missing.length; at += 200) {
    const rows = await db.select({ id: attachments.id, content: attachments.content }).from(attachments).where(inArray(attachments.id, missing.slice(at, at + 200)));
    for (const row of rows) await writeFile(path.join(dir, row.id), Buffer.from(row.content, 'base64'));
  }
}

/**
 * The files: an online copy of Temporal's SQLite file (sqlite3's backup API, consistent while the server writes)
 * and the attachments, in one restic snapshot (encrypted, deduplicated against the earlier ones) tagged with the
 * run and its chain.
 */
export async function backupFiles({ db, settings }: BackupContext, { runId }: { runId: string }) {
  const [run] = await db.select().from(backupRuns).where(eq(backupRuns.id, runId));
  if (!run?.chain) throw new BackupRefusal(`backup run ${runId} has no database backup yet`);
  const started = Date.now();
  const staging = path.join(settings.dir, STAGING);
  const temporalCopy = path.join(staging, TEMPORAL_FILE);
  await rm(path.dirname(temporalCopy), { recursive: true, force: true });
  let temporalSha256: string | null = null;
  if (settings.temporalSqlite) {
    await mkdir(path.dirname(temporalCopy), { recursive: true });
    await runTool('sqlite3', [settings.temporalSqlite, `.backup '${temporalCopy.replaceAll("'", "''")}'`], { command: '.backup', nice: settings.nice });
    temporalSha256 = await sha256File(temporalCopy);
  }
  const attachmentsDir = path.join(staging, ATTACHMENTS);
  await mirrorAttachments(db, attachmentsDir);
  const mirrored = await folderDigest(attachmentsDir);
  const files = localFiles(settings.dir, settings.passphrase, settings.nice);
  await ensureFileRepository(files);
  const snapshot = await snapshotFiles(files, staging, { chain: run.chain, run: runId });
  await db.update(backupRuns).set({ filesBytes: snapshot.addedBytes, temporalSha256, attachments: mirrored.count, attachmentsSha256: mirrored.sha256 }).where(eq(backupRuns.id, runId));
  await recordDuration(db, runId, 'files', Date.now() - started);
  return { filesBytes: snapshot.addedBytes, attachments: mirrored.count, temporal: temporalSha256 !== null };
}

/** Keeps the newest `retentionFull` chains in both repositories; the runs of the others are marked expired. */
export async function applyRetention({ db, settings }: BackupContext, { runId }: { runId: string }) {
  const started = Date.now();
  const repository = await ensureRepository(settings);
  const chains = await expire(repository);
  await keepChains(localFiles(settings.dir, settings.passphrase, settings.nice), chains);
  const expired = await db
    .update(backupRuns)
    .set({ expiredAt: new Date() })
    .where(and(isNull(backupRuns.expiredAt), isNotNull(backupRuns.chain), chains.length ? notInArray(backupRuns.chain, chains) : dsql`true`))
    .returning({ id: backupRuns.id });
  await recordDuration(db, runId, 'retention', Date.now() - started);
  return { chains, expiredRuns: expired.length };
}

/** Copies both repositories to the off-site target and compares them there (see syncOffsite). */
export async function copyOffsite({ db, settings }: BackupContext, { runId }: { runId: string }) {
  if (!settings.offsite) return { copied: false as const };
  const started = Date.now();
  const database = await syncOffsite(settings.offsite, path.join(settings.dir, 'pgbackrest'), 'pgbackrest', settings.nice);
  const files = await syncOffsite(settings.offsite, path.join(settings.dir, 'restic'), 'restic', settings.nice);
  const offsite = { target: settings.offsite.display, copiedAt: new Date().toISOString(), bytes: database.bytes + files.bytes, files: database.files + files.files };
  await db.update(backupRuns).set({ offsite }).where(eq(backupRuns.id, runId));
  await recordDuration(db, runId, 'offsite', Date.now() - started);
  return { copied: true as const, bytes: offsite.bytes };
}

export interface DrillOutcome {
  status: 'passed' | 'failed';
  backupRunId: string | null;
  mismatches: number;
  /** What failed, in words: tables that differ, files that do not verify. Empty when passed. */
  problems: string[];
}

export function compareDigests(expected: Record<string, TableDigest>, restored: Record<string, TableDigest>): DrillTableResult[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(restored)])].sort();
  return names.map((table) => {
    const want = expected[table] ?? null;
    const got = restored[table] ?? null;
    return { table, expected: want, restored: got, equal: !!want && !!got && want.rows === got.rows && want.checksum === got.checksum };
  });
}

/** The newest run whose database part is complete: what a drill restores. */
export async function latestRestorable(db: Database) {
  const [run] = await db
    .select()
    .from(backupRuns)
    .where(and(eq(backupRuns.status, 'succeeded'), isNotNull(backupRuns.restorePoint), isNull(backupRuns.expiredAt)))
    .orderBy(desc(backupRuns.startedAt))
    .limit(1);
  return run ?? null;
}

/**
 * The repository a restore reads: the off-site copy fetched into `workDir` (what a lost host leaves), or the local
 * one when no target is set. Shared by the drill and the migration rehearsal.
 */
export async function repositoryForRestore(settings: BackupSettings, workDir: string): Promise<Repository> {
  const repoCopy = path.join(workDir, 'repository');
  if (settings.offsite) await fetchOffsite(settings.offsite, 'pgbackrest', repoCopy, settings.nice);
  const repository = await repositoryAt(settings, settings.offsite ? repoCopy : path.join(settings.dir, 'pgbackrest'), workDir);
  if (settings.offsite && repository.as) await runTool('chown', ['-R', `${repository.as.uid}:${repository.as.gid}`, repoCopy], { command: 'chown' });
  return repository;
}

/** A run's backup restored into `workDir/pgdata`, replayed to its restore point and opened as a scratch server of its own. */
export async function restoreScratch(settings: BackupSettings, repository: Repository, run: { label: string | null; restorePoint: string | null }, workDir: string): Promise<ScratchServer> {
  if (!run.label || !run.restorePoint) throw new BackupRefusal('the backup has no database part to restore');
  const pgData = path.join(workDir, 'pgdata');
  await restoreInto(repository, run.label, run.restorePoint, pgData);
  return startScratchServer({ pgData, workDir, as: repository.as, user: settings.postgres.user, binDirectory: settings.postgres.binDirectory });
}

/**
 * The restore drill: the latest backup restored from the off-site copy (the local one when no target is set) into
 * a scratch server, replayed to its restore point, each table compared with the digests the backup recorded;
 * the repositories verified file by file (pgBackRest's verify, restic's check --read-data) and the files
 * restored and compared with their recorded SHA-256. The scratch server and its folder are removed afterwards.
 */
export async function restoreDrill({ db, settings }: BackupContext, { drillId, requestedBy }: { drillId: string; requestedBy: string | null }): Promise<DrillOutcome> {
  const started = Date.now();
  await db.insert(backupDrills).values({ id: drillId, status: 'running', requestedBy, startedAt: new Date() }).onConflictDoNothing();
  const run = await latestRestorable(db);
  const workDir = path.join(settings.dir, 'drills', drillId.replace(/[^A-Za-z0-9._-]/g, '_'));
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const problems: string[] = [];
  let tables: DrillTableResult[] = [];
  try {
    if (!run) throw new BackupRefusal('no backup to restore yet');
    const source = settings.offsite ? 'offsite' : 'local';
    await db.update(backupDrills).set({ backupRunId: run.id, source }).where(eq(backupDrills.id, drillId));
    const repository = await repositoryForRestore(settings, workDir);
    problems.push(...(await verifyRepository(repository)).map((problem) => `pgBackRest verify: ${problem}`));
    const files = settings.offsite ? await offsiteFiles(settings.offsite, settings.passphrase, settings.nice) : localFiles(settings.dir, settings.passphrase, settings.nice);
    problems.push(...(await checkFiles(files)).map((problem) => `restic check: ${problem}`));

    const server = await restoreScratch(settings, repository, run, workDir);
    try {
      tables = compareDigests(run.tables ?? {}, await digestsOf(server.sql(settings.postgres.database)));
    } finally {
      await server.stop();
    }
    for (const result of tables.filter((entry) => !entry.equal)) {
      problems.push(`${result.table}: backed up ${result.expected ? `${result.expected.rows} rows` : 'absent'}, restored ${result.restored ? `${result.restored.rows} rows` : 'absent'}${result.expected && result.restored && result.expected.rows === result.restored.rows ? ' (checksums differ)' : ''}`);
    }

    const restoredFiles = path.join(workDir, 'files');
    await restoreFiles(files, run.id, restoredFiles);
    if (run.temporalSha256) {
      const copy = path.join(restoredFiles, TEMPORAL_FILE);
      const sha256 = existsSync(copy) ? await sha256File(copy) : null;
      if (sha256 !== run.temporalSha256) problems.push(`Temporal's SQLite copy: ${sha256 ? 'SHA-256 differs from the backup' : 'missing from the snapshot'}`);
      else {
        const integrity = (await runTool('sqlite3', [copy, 'pragma integrity_check;'], { command: 'integrity_check' })).trim();
        if (integrity !== 'ok') problems.push(`Temporal's SQLite copy: integrity check says ${integrity.slice(0, 200)}`);
      }
    }
    const restoredAttachments = await folderDigest(path.join(restoredFiles, ATTACHMENTS));
    if (run.attachmentsSha256 && (restoredAttachments.count !== run.attachments || restoredAttachments.sha256 !== run.attachmentsSha256)) {
      problems.push(`attachments: backed up ${run.attachments}, restored ${restoredAttachments.count}${restoredAttachments.count === run.attachments ? ' (contents differ)' : ''}`);
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const status = problems.length ? 'failed' : 'passed';
  const mismatches = tables.filter((entry) => !entry.equal).length;
  await db
    .update(backupDrills)
    .set({ status, tables, mismatches, error: problems.length ? problems.join('\n').slice(0, 8000) : null, finishedAt: new Date(), durationMs: Date.now() - started })
    .where(and(eq(backupDrills.id, drillId), eq(backupDrills.status, 'running')));
  return { status, backupRunId: run?.id ?? null, mismatches, problems };
}

