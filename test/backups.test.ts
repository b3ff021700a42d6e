import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupRuns } from '../db/schema';
import { applyRetention, backupDatabase, backupFiles, copyOffsite, openBackupRun, closeBackupRun, restoreDrill, type BackupContext } from '../domain/backups';
import { OffsiteCopyAlteredError } from '../integrations/backups/offsite';
import { runTool } from '../integrations/backups/tools';
import { startBackupStack, type BackupStack } from './support/backup-stack';

let stack: BackupStack;
let ctx: BackupContext;

beforeAll(async () => {
  stack = await startBackupStack();
  ctx = { db: stack.db, settings: stack.settings };
}, 120_000);
afterAll(() => stack?.stop());

/** One backup run as the process makes it: database, files, retention, off-site copy. */
async function backUp(runId: string, kind: 'full' | 'incremental') {
  await openBackupRun(stack.db, { runId, kind, requestedBy: null });
  const database = await backupDatabase(ctx, { runId, kind });
  await backupFiles(ctx, { runId });
  await applyRetention(ctx, { runId });
  await copyOffsite(ctx, { runId });
  await closeBackupRun(stack.db, { runId, error: null });
  const [run] = await stack.db.select().from(backupRuns).where(eq(backupRuns.id, runId));
  return { database, run: run! };
}

/** A day's changes: new zones, a photo, an update, a deletion, and a row in the SQLite file. */
async function change(day: number) {
  await stack.db.execute(sql`insert into zones (id, name) select 'z-' || ${day} || '-' || g, 'zone ' || g from generate_series(1, 50) g`);
  await stack.db.execute(sql`
    insert into attachments (id, kind, content_type, content, uploaded_by)
    values (gen_random_uuid()::text, 'fault-photo', 'image/jpeg', encode(convert_to(${`photo of day ${day}`}, 'UTF8'), 'base64'), 'tech1')`);
  await stack.db.execute(sql`update units set exclusive_area = exclusive_area + 1 where id = 'b1-101'`);
  await runTool('sqlite3', [stack.sqliteFile, `insert into events (body) values ('day ${day}');`]);
}

describe('backups with pgBackRest, restic and an off-site target', () => {
  it('full + two incrementals: each restores into a scratch server equal to the source at its point', async () => {
    const points: Array<{ kind: string; zones: number }> = [];
    for (const [day, kind] of [[1, 'full'], [2, 'incremental'], [3, 'incremental']] as const) {
      await change(day);
      // Writes go on while the backup runs: the digests still describe exactly the restore point.
      let writing = true;
      const writer = (async () => {
        while (writing) await stack.db.execute(sql`update units set exclusive_area = exclusive_area + 0.01 where id = 'b1-102'`);
      })();
      const { database, run } = await backUp(`backup-test-${day}`, kind).finally(() => (writing = false));
      await writer;
      expect(database.kind).toBe(kind);
      expect(run.offsite?.files).toBeGreaterThan(0);
      const drill = await restoreDrill(ctx, { drillId: `drill-test-${day}`, requestedBy: null });
      expect(drill.problems).toEqual([]);
      expect(drill.status).toBe('passed');
      expect(drill.backupRunId).toBe(run.id);
      points.push({ kind: run.kind, zones: run.tables!['public.zones']!.rows });
    }
    expect(points.map((point) => point.kind)).toEqual(['full', 'incremental', 'incremental']);
    // Each point holds that day's reports, so each drill restored a different state.
    expect(points[1]!.zones - points[0]!.zones).toBe(50);
    expect(points[2]!.zones - points[1]!.zones).toBe(50);
  }, 170_000);
});

/** The largest file under a folder, by walking it. */
async function largestFile(dir: string): Promise<string> {
  let best = { file: '', size: -1 };
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { size } = await stat(file);
    if (size > best.size) best = { file, size };
  }
  return best.file;
}

describe('an off-site copy altered after it was written', () => {
  it('is refused by the next copy and fails the drill, naming the file', async () => {
    const { run } = await backUp('backup-test-altered', 'incremental');
    const backupDir = path.join(stack.offsite.dir, 'pgbackrest', 'backup', 'steward', run.label!, 'pg_data');
    const victim = await largestFile(backupDir);
    const bytes = await readFile(victim);
    // Same size, different content: only a content check finds it.
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await writeFile(victim, bytes);
    const relative = path.relative(path.join(stack.offsite.dir, 'pgbackrest'), victim);

    const drill = await restoreDrill(ctx, { drillId: 'drill-test-altered', requestedBy: null });
    expect(drill.status).toBe('failed');
    expect(drill.problems.join('\n')).toMatch(/pgBackRest verify/);

    await openBackupRun(stack.db, { runId: 'backup-test-after-alteration', kind: 'incremental', requestedBy: null });
    await backupDatabase(ctx, { runId: 'backup-test-after-alteration', kind: 'incremental' });
    const copy = copyOffsite(ctx, { runId: 'backup-test-after-alteration' });
    await expect(copy).rejects.toBeInstanceOf(OffsiteCopyAlteredError);
    await expect(copy).rejects.toMatchObject({ type: 'OffsiteCopyAltered', files: [`pgbackrest/${relative}`] });
  }, 170_000);
});
