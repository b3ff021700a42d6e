import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { freePort, waitUntil } from './ports';

/** Later tags carry a `replace` directive that `go install` refuses. */
const CLI_VERSION = 'v1.5.1';

const cacheDir = () =>
  path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'steward', `temporal-cli-${CLI_VERSION.slice(1)}`);

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** TEMPORAL_CLI_PATH, then PATH, then the per-user cache, built there with Go the first time. */
export async function locateTemporalCli(log: (line: string) => void = console.log): Promise<string> {
  if (process.env.TEMPORAL_CLI_PATH) return process.env.TEMPORAL_CLI_PATH;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && (await isExecutable(path.join(dir, 'temporal')))) return path.join(dir, 'temporal');
  }
  const cached = path.join(cacheDir(), 'temporal');
  if (await isExecutable(cached)) return cached;
  log(`Building the Temporal CLI ${CLI_VERSION} with Go into ${cacheDir()} (once; takes minutes)…`);
  await mkdir(cacheDir(), { recursive: true });
  await promisify(execFile)('go', ['install', `github.com/temporalio/cli/cmd/temporal@${CLI_VERSION}`], {
    env: { ...process.env, GOBIN: cacheDir() },
    maxBuffer: 64 * 1024 * 1024,
  });
  return cached;
}

export interface TemporalDevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

export interface TemporalDevServerOptions {
  /** SQLite file for state that survives a restart; in memory when absent. */
  dbFile?: string;
  port?: number;
  ui?: boolean;
  /** SQLite pragmas for the file; WAL with NORMAL sync unless told otherwise (the engine bench compares FULL). */
  sqlitePragmas?: string[];
  log?: (line: string) => void;
}

/** Starts `temporal server start-dev` and resolves once its frontend answers. */
export async function startTemporalDevServer(options: TemporalDevServerOptions = {}): Promise<TemporalDevServer> {
  const cli = await locateTemporalCli(options.log);
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
