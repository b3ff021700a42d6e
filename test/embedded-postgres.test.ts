import { chmod, lstat, mkdtemp, readlink, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../scripts/dev-services/embedded-postgres';

describe.skipIf(userInfo().uid !== 0)('the embedded PostgreSQL run as root', () => {
  it('keeps a cluster the postgres user cannot reach (a clone in a private home) in a shared folder behind a link', async () => {
    // A folder only root may enter, as /root is: the server, run as postgres, cannot.
    const privateDir = await mkdtemp(path.join(tmpdir(), 'steward-private-'));
    await chmod(privateDir, 0o700);
    const dataDir = path.join(privateDir, 'data', 'postgres');
    const lines: string[] = [];
    try {
      const database = await startEmbeddedPostgres(dataDir, 'steward', { temporary: true, log: (line) => lines.push(line) });
      const target = await readlink(dataDir);
      try {
        expect((await lstat(dataDir)).isSymbolicLink()).toBe(true);
        expect(lines).toEqual([expect.stringContaining(`PostgreSQL data in ${target}`)]);
        const sql = postgres(database.url, { max: 1 });
        expect(await sql`select current_database() as name`).toEqual([{ name: 'steward' }]);
        await sql.end();
      } finally {
        await database.stop();
      }
      expect(existsSync(target)).toBe(false);
    } finally {
      await rm(privateDir, { recursive: true, force: true });
    }
  });
});
