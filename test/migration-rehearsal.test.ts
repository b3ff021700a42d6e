/**
 * A release's migrations tried on a restored copy before they are applied (P5.2b, issue 13 item 4): the latest
 * backup restored from the off-site copy into a scratch server, this checkout's pending migrations applied to it;
 * one that works is reported applied, one that fails on the copy's data is reported with PostgreSQL's error, and
 * Steward's own database is left as it was.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupRuns } from '../db/schema';
import { applyRetention, backupDatabase, backupFiles, closeBackupRun, copyOffsite, openBackupRun, type BackupContext } from '../domain/backups';
import { CHECKOUT_MIGRATIONS, rehearseMigrations } from '../domain/migration-rehearsal';
import { startBackupStack, type BackupStack } from './support/backup-stack';

let stack: BackupStack;
let ctx: BackupContext;

beforeAll(async () => {
  stack = await startBackupStack();
  ctx = { db: stack.db, settings: stack.settings };
  const runId = 'backup-rehearsal-full';
  await openBackupRun(stack.db, { runId, kind: 'full', requestedBy: null });
  await backupDatabase(ctx, { runId, kind: 'full' });
  await backupFiles(ctx, { runId });
  await applyRetention(ctx, { runId });
  await copyOffsite(ctx, { runId });
  await closeBackupRun(stack.db, { runId, error: null });
}, 170_000);
afterAll(() => stack?.stop());

/** The checkout's migrations plus `added` (tag → SQL), as a release would bring them. */
async function releaseWith(added: Array<[tag: string, sql: string]>): Promise<string> {
  const folder = await mkdtemp(path.join(inject('scratchDir'), 'release-migrations-'));
  await cp(CHECKOUT_MIGRATIONS, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: Array<{ idx: number; version: string; when: number; tag: string; breakpoints: boolean }> };
  for (const [tag, text] of added) {
    const last = journal.entries.at(-1)!;
    journal.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1000, tag, breakpoints: true });
    await writeFile(path.join(folder, `${tag}.sql`), text);
  }
  await writeFile(journalFile, JSON.stringify(journal, null, 2));
  return folder;
}

/** What must not change in Steward's database: the migrations it records, zones' columns and rows. */
async function sourceState() {
  const [migrations] = (await stack.db.execute(sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`)) as unknown as Array<{ n: number; last: string }>;
  const columns = (await stack.db.execute(sql`select column_name from information_schema.columns where table_name = 'zones' order by 1`)) as unknown as Array<{ column_name: string }>;
  const [zones] = (await stack.db.execute(sql`select count(*)::int as n, md5(string_agg(z::text, ',' order by id)) as digest from zones z`)) as unknown as Array<{ n: number; digest: string }>;
  return { migrations, columns: columns.map((row) => row.column_name), zones };
}

describe('npm run migrations:rehearse', () => {
  it('reports a pending migration that works on the restored copy as applied, and one that fails with its error; the source is unchanged', async () => {
    const before = await sourceState();
    const [run] = await stack.db.select().from(backupRuns).where(eq(backupRuns.id, 'backup-rehearsal-full'));

    const good = await rehearseMigrations(ctx, {
      migrationsFolder: await releaseWith([['0100_zone_notes', 'ALTER TABLE "zones" ADD COLUMN "rehearsal_note" text;--> statement-breakpoint\nUPDATE "zones" SET "rehearsal_note" = "name";']]),
      workName: 'rehearsal-good',
    });
    expect(good.backup).toMatchObject({ runId: 'backup-rehearsal-full', label: run!.label, restorePoint: run!.restorePoint });
    const checkout = JSON.parse(await readFile(path.join(CHECKOUT_MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
    expect(good.appliedBefore).toBe(checkout.entries.at(-1)!.tag);
    expect(good.steps).toMatchObject([{ tag: '0100_zone_notes', status: 'applied', error: null }]);
    expect(good.status).toBe('succeeded');
    expect(good.restoreMs).toBeGreaterThan(0);

    // A constraint every real zone breaks: only a copy with the data shows it. The one before it still applies.
    const bad = await rehearseMigrations(ctx, {
      migrationsFolder: await releaseWith([
        ['0100_zone_notes', 'ALTER TABLE "zones" ADD COLUMN "rehearsal_note" text;'],
        ['0101_zones_short_names', 'ALTER TABLE "zones" ADD CONSTRAINT "zones_name_short" CHECK (length("name") < 2);'],
        ['0102_never_reached', 'CREATE TABLE "never_reached" ("id" text);'],
      ]),
      workName: 'rehearsal-bad',
    });
    expect(bad.status).toBe('failed');
    expect(bad.steps.map((step) => [step.tag, step.status])).toEqual([
      ['0100_zone_notes', 'applied'],
      ['0101_zones_short_names', 'failed'],
    ]);
    expect(bad.steps[1]!.error).toMatch(/check constraint "zones_name_short" of relation "zones" is violated by some row \(in: ALTER TABLE "zones" ADD CONSTRAINT/);

    // Nothing pending: the checkout's own migrations are all in the backup.
    const none = await rehearseMigrations(ctx, { workName: 'rehearsal-none' });
    expect(none).toMatchObject({ status: 'nothing-pending', steps: [] });

    expect(await sourceState()).toEqual(before);
    expect(before.columns).not.toContain('rehearsal_note');
  }, 300_000);
});
