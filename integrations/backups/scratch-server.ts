import { spawn } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres, { type Sql } from 'postgres';
import { packagedBinaries } from '../../scripts/dev-services/embedded-postgres';
import { freePort, waitUntil } from '../../scripts/dev-services/ports';
import type { RunAs } from './tools';

export interface ScratchServer {
  sql(database: string): Sql;
  stop(): Promise<void>;
}

/**
 * A throwaway server on a restored data folder: reachable only over a Unix socket of its own, trusting local
 * connections (whatever the restored pg_hba.conf says), archiving nothing. Resolves once recovery reached its
 * target and the server was promoted.
 */
export async function startScratchServer({ pgData, workDir, as, user, binDirectory }: { pgData: string; workDir: string; as: RunAs; user: string; binDirectory: string | null }): Promise<ScratchServer> {
  // A socket's path may not pass 107 bytes, which a drill's work folder (its id under BACKUP_DIR) easily does.
  const socketDir = await mkdtemp(path.join(tmpdir(), 'steward-drill-'));
  const hba = path.join(workDir, 'pg_hba.conf');
  await writeFile(hba, 'local all all trust\n');
  if (as) await Promise.all([chown(socketDir, as.uid, as.gid), chown(hba, as.uid, as.gid)]);
  const binary = binDirectory ? path.join(binDirectory, 'postgres') : (await packagedBinaries()).postgres;
  const port = await freePort();
  const settings = { listen_addresses: '', unix_socket_directories: socketDir, hba_file: hba, archive_mode: 'off' };
  const child = spawn(binary, ['-D', pgData, '-p', String(port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])], {
    ...(as ?? {}),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let ended: number | null | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => ((ended = code), resolve())));
  const connections: Sql[] = [];
  const sql = (database: string) => {
    const connection = postgres({ host: socketDir, port, user, database, max: 2, onnotice: () => {}, connect_timeout: 5 });
    connections.push(connection);
    return connection;
  };
  const stop = async () => {
    await Promise.all(connections.map((connection) => connection.end({ timeout: 2 })));
    if (ended === undefined) child.kill('SIGINT');
    await exited;
    await rm(socketDir, { recursive: true, force: true });
  };
  const probe = sql('postgres');
  try {
    await waitUntil(async () => {
      if (ended !== undefined) {
        const said = stderr.split('\n').filter((line) => /FATAL|ERROR|DETAIL|HINT/.test(line));
        throw new Error(`the restored server ended (exit ${ended}): ${said.slice(0, 6).join(' | ')}`);
      }
      return probe<{ recovering: boolean }[]>`select pg_is_in_recovery() as recovering`.then(
        ([row]) => row?.recovering === false,
        () => false,
      );
    }, 10 * 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { sql, stop };
}
