import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { freePort } from '../../scripts/dev-services/ports';

const apiMain = fileURLToPath(new URL('../../api/main.ts', import.meta.url));
const workerMain = fileURLToPath(new URL('../../worker/main.ts', import.meta.url));

export interface StewardProcess {
  /** SIGKILL: no stop handler runs, whatever was under way is cut off. */
  kill(): Promise<void>;
  /** SIGTERM: the process's own clean stop. */
  stop(): Promise<void>;
}

export interface ApiProcess extends StewardProcess {
  baseUrl: string;
}

/** A production entry point as its own process, ready once it prints `ready`; a test can kill it at any moment. */
async function spawnEntry(main: string, env: Record<string, string>, ready: string): Promise<StewardProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', main], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${main} exited (${code}) before it was ready: ${output}`)));
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  return { kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

/** The production API (`api/main.ts`) on a free loopback port. */
export async function spawnApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const api = await spawnEntry(apiMain, { HOST: '127.0.0.1', PORT: String(port), ...env }, 'Steward API on port');
  return { ...api, baseUrl: `http://127.0.0.1:${port}` };
}

/** A production worker (`worker/main.ts`) running the tests' workflow bundle. */
export function spawnWorker(env: Record<string, string>): Promise<StewardProcess> {
  return spawnEntry(workerMain, { WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'), ...env }, 'Steward worker polling');
}
