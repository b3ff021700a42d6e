import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../scripts/dev-services/ports';
import { onCleanup } from './common';

const apiMain = fileURLToPath(new URL('../../api/main.ts', import.meta.url));

export interface ApiProcess {
  baseUrl: string;
  pid: number;
}

/**
 * The production API (`api/main.ts`) in a process of its own on a free loopback port, as it runs in production
 * (`tsx api/main.ts`), so a bench's sender and worker take none of its CPU. `nodeOptions` are passed to node
 * (e.g. `--cpu-prof`); SIGTERM at the end lets it stop cleanly, which also writes a CPU profile.
 */
export async function spawnApiProcess(env: Record<string, string>, nodeOptions: string[] = []): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', apiMain], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  onCleanup('stop API process', async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const ready = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Steward API on port')) return;
      child.stdout!.off('data', ready);
      child.stdout!.pipe(process.stdout);
      resolve();
    };
    child.stdout!.on('data', ready);
    child.once('exit', (code) => reject(new Error(`the API exited (${code}) before it was ready: ${output}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, pid: child.pid! };
}

/** CPU time (user + system, ms) a process has used so far, all its threads (Linux /proc; NaN elsewhere). */
export function cpuMsOfPid(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

/** A process's resident memory now and at its peak so far, in MiB (Linux /proc: VmRSS, VmHWM; NaN elsewhere). */
export function memoryOfPid(pid: number): { rssMiB: number; peakMiB: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return { rssMiB: Number.NaN, peakMiB: Number.NaN };
  }
}
