import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort, waitUntil } from './ports';

/** Later tags carry a `replace` directive that `go install` refuses. */
export const CLI_VERSION = 'v1.5.1';

/** Where the Temporal CLI comes from (config's `temporalCli`): TEMPORAL_CLI_PATH, PATH, XDG_CACHE_HOME. */
export interface TemporalCliSettings {
  path: string | null;
  /** Directories searched for `temporal`, as in PATH. */
  searchPath: string;
  cacheHome: string | null;
}

export const cliCacheDir = (settings: TemporalCliSettings) =>
  path.join(settings.cacheHome ?? path.join(homedir(), '.cache'), 'steward', `temporal-cli-${CLI_VERSION.slice(1)}`);

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** TEMPORAL_CLI_PATH, then PATH, then the per-user cache: the binary, or null when it has to be built. */
export async function findTemporalCli(settings: TemporalCliSettings): Promise<string | null> {
  if (settings.path) return settings.path;
  for (const dir of settings.searchPath.split(path.delimiter)) {
    if (dir && (await isExecutable(path.join(dir, 'temporal')))) return path.join(dir, 'temporal');
  }
  const cached = path.join(cliCacheDir(settings), 'temporal');
  return (await isExecutable(cached)) ? cached : null;
}

/** The Temporal CLI, built with Go into the per-user cache the first time. */
export async function locateTemporalCli(settings: TemporalCliSettings, log: (line: string) => void = console.log): Promise<string> {
  const found = await findTemporalCli(settings);
  if (found) return found;
  await buildTemporalCli(cliCacheDir(settings), log);
  return path.join(cliCacheDir(settings), 'temporal');
}

const PROGRESS_EVERY_MS = 15_000;

/**
 * `go install` of the CLI (a few minutes, once). Go is quiet while it compiles, so a line every 15 s says how
 * far it got: modules downloaded, packages built (`-v` names each).
 */
async function buildTemporalCli(dir: string, log: (line: string) => void): Promise<void> {
  log(`Building the Temporal CLI ${CLI_VERSION} with Go into ${dir} (once; takes minutes)…`);
  await mkdir(dir, { recursive: true });
  const started = Date.now();
  const counts = { modules: 0, packages: 0 };
  let tail = '';
  let partial = '';
  const child = spawn('go', ['install', '-v', `github.com/temporalio/cli/cmd/temporal@${CLI_VERSION}`], {
    env: { ...process.env, GOBIN: dir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-4000);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter((entry) => entry.trim())) {
      if (line.startsWith('go: downloading')) counts.modules++;
      else if (!line.startsWith('go: ')) counts.packages++;
    }
  });
  const minutes = () => `${Math.floor((Date.now() - started) / 60_000)}m${String(Math.floor(((Date.now() - started) % 60_000) / 1000)).padStart(2, '0')}s`;
  const progress = setInterval(() => log(`Temporal CLI build: ${minutes()}, ${counts.modules} modules downloaded, ${counts.packages} packages built…`), PROGRESS_EVERY_MS);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`go install of the Temporal CLI failed (exit ${code}):\n${tail}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('The Temporal CLI is not installed and Go is not on PATH to build it: install Go 1.21 or later (https://go.dev/dl/), or set TEMPORAL_CLI_PATH to a Temporal CLI binary.', { cause: error });
    }
    throw error;
  } finally {
    clearInterval(progress);
  }
  log(`Built the Temporal CLI in ${minutes()}.`);
}

export interface TemporalDevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

export interface TemporalDevServerOptions {
  /** Where the CLI comes from (config's `temporalCli`). */
  cli: TemporalCliSettings;
  /** SQLite file for state that survives a restart; in memory when absent. */
  dbFile?: string;
  port?: number;
  ui?: boolean;
  /** SQLite pragmas for the file; WAL with NORMAL sync unless told otherwise (the engine bench compares FULL). */
  sqlitePragmas?: string[];
  log?: (line: string) => void;
}

/** Starts `temporal server start-dev` and resolves once its frontend answers. */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const cli = await locateTemporalCli(options.cli, options.log);
  const port = options.port ?? (await freePort());
  const uiPort = options.ui ? await freePort() : null;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error'];
  if (options.dbFile) {
    await mkdir(path.dirname(options.dbFile), { recursive: true });
    // WAL with NORMAL sync: 3× the workflow throughput of FULL (docs/benchmarks.md); a process crash
    // loses nothing, only a power loss may lose the last transactions of this development store.
    args.push('--db-filename', options.dbFile);
    for (const pragma of options.sqlitePragmas ?? ['journal_mode=wal', 'synchronous=NORMAL']) args.push('--sqlite-pragma', pragma);
  }
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  const child: ChildProcess = spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // However the parent ends, the dev server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.removeListener('exit', killOnExit);
      resolve();
    }),
  );
  const address = `127.0.0.1:${port}`;
  await waitUntil(async () => {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited: ${stderr}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return true;
      } finally {
        await connection.close();
      }
    } catch {
      return false;
    }
  }, 60_000);
  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : null,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
