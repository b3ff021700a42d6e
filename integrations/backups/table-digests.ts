import type { Sql } from 'postgres';
import type { TableDigest } from '../../db/schema/backups';
import { runTool } from './tools';

/** Fixed so that one row is always written as the same text, whatever the session or server defaults. */
const TEXT_SETTINGS = ["timezone = 'UTC'", "datestyle = 'ISO, YMD'", "intervalstyle = 'postgres'", 'extra_float_digits = 1', "bytea_output = 'hex'"];

/** Every ordinary table of the database, schema-qualified and quoted, in a stable order. */
async function tablesOf(sql: Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'
    order by 1`;
  return rows.map((row) => row.name);
}

/**
 * Rows and an order-independent checksum (the sum of each row's MD5, as 64-bit numbers) of every table, read in
 * the transaction `sql` runs in: one pass per table, no sort, so a restored copy gives the same figures whatever
 * order its rows came back in.
 */
async function digestTables(sql: Sql, tables: string[]): Promise<Record<string, TableDigest>> {
  for (const setting of TEXT_SETTINGS) await sql.unsafe(`set local ${setting}`);
  const digests: Record<string, TableDigest> = {};
  for (const table of tables) {
    const [row] = await sql.unsafe<{ rows: string; checksum: string }[]>(
      `select count(*)::text as rows, coalesce(sum(('x' || substr(md5(backup_row::text), 1, 16))::bit(64)::bigint), 0)::text as checksum from ${table} backup_row`,
    );
    digests[table] = { rows: Number(row!.rows), checksum: row!.checksum };
  }
  return digests;
}

/**
 * The digests are a pass over every table in a server process: it runs at the lowest CPU priority, as the backup
 * tools do, so the API's queries go first. Best effort: a worker that is neither root nor the server's user may not.
 */
async function lowPriority(session: Sql, nice: number): Promise<void> {
  if (nice <= 0) return;
  const [row] = await session<{ pid: number }[]>`select pg_backend_pid() as pid`;
  await runTool('renice', ['-n', String(nice), '-p', String(row!.pid)], { command: 'renice' }).catch(() => undefined);
}

/**
 * Marks a restore point in the WAL and digests every table exactly as of that point. Every table is locked in SHARE
 * mode (writers wait, readers do not) just long enough to take a snapshot and write the restore point, so no write
 * falls between the two; the digests are then read in a second session that imports the snapshot, with the locks
 * already released. A server recovered to the restore point holds exactly what the digests describe.
 */
export async function restorePointWithDigests(sql: Sql, name: string, nice = 0): Promise<Record<string, TableDigest>> {
  const tables = await tablesOf(sql);
  const marker = await sql.reserve();
  const reader = await sql.reserve();
  try {
    await marker`begin isolation level repeatable read`;
    await marker`set local lock_timeout = '30s'`;
    await marker.unsafe(`lock table ${tables.join(', ')} in share mode`);
    const [{ snapshot }] = await marker<{ snapshot: string }[]>`select pg_export_snapshot() as snapshot`;
    await marker`select pg_create_restore_point(${name})`;
    await lowPriority(reader, nice);
    await reader`begin isolation level repeatable read read only`;
    await reader.unsafe(`set transaction snapshot '${snapshot.replace(/[^0-9A-F-]/gi, '')}'`);
    await marker`commit`;
    const digests = await digestTables(reader, tables);
    await reader`commit`;
    return digests;
  } catch (error) {
    await marker`rollback`.catch(() => undefined);
    await reader`rollback`.catch(() => undefined);
    throw error;
  } finally {
    marker.release();
    reader.release();
  }
}

/** The digests of a database nobody writes to (the drill's restored copy). */
export async function digestsOf(sql: Sql): Promise<Record<string, TableDigest>> {
  const tables = await tablesOf(sql);
  return sql.begin('isolation level repeatable read read only', (tx) => digestTables(tx as unknown as Sql, tables));
}
