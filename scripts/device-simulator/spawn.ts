import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const simulatorMain = fileURLToPath(new URL('./main.ts', import.meta.url));

export interface SimulatorProcess {
  url: string;
  /** Calls the simulator's control API (`/_sim/…`); throws on a non-2xx answer. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- control answers of every shape
  control(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<any>;
  stop(): Promise<void>;
}

/** The device simulator as its own process, exactly as `npm run simulator` runs it. */
export async function spawnSimulator(env: Record<string, string>): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', simulatorMain], {
    env: { ...process.env, SIMULATOR_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before listening: ${output}`)));
  });
  return {
    url,
    async control(method, path, body) {
      const response = await fetch(`${url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
      const answer = (await response.json()) as unknown;
      if (!response.ok) throw new Error(`simulator ${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
      return answer;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

