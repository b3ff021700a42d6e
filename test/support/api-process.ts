import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../scripts/dev-services/ports';

const apiMain = fileURLToPath(new URL('../../api/main.ts', import.meta.url));

export interface ApiProcess {
  baseUrl: string;
  /** SIGKILL: no stop handler runs, whatever was under way is cut off. */
  kill(): Promise<void>;
  /** SIGTERM: the API's own clean stop. */
  stop(): Promise<void>;
}

/** The production API (`api/main.ts`) as its own process, so a test can kill it at any moment. */
export async function spawnApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', apiMain], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Steward API on port')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the API exited (${code}) before listening: ${output}`)));
  });
  child.stdout!.resume();
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  return { baseUrl: `http://127.0.0.1:${port}`, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
