import { spawn, type ChildProcess } from 'node:child_process';
import { access, chmod, constants, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createConnection } from 'node:net';
import { loadConfig } from '../../config';
import { freePort, waitUntil } from './ports';

/**
 * A Mosquitto of a test's or a bench's own (the shared one is left alone), configured as deploy/mosquitto.conf queues
 * for persistent sessions, with its sessions kept on disk across restarts.
 */
export interface OwnBroker {
  url: string;
  /** Stops the broker (SIGTERM: it saves its sessions and queued messages) and starts it again on the same port. */
  restart(options?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

async function mosquittoBinary(): Promise<string> {
  for (const dir of [...loadConfig().temporalCli.searchPath.split(path.delimiter), '/usr/sbin'].filter(Boolean)) {
    const candidate = path.join(dir, 'mosquitto');
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  throw new Error('no mosquitto on PATH or in /usr/sbin (apt-get install mosquitto)');
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export async function startOwnBroker(dir: string): Promise<OwnBroker> {
  const binary = await mosquittoBinary();
  const port = await freePort();
  await mkdir(dir, { recursive: true });
  // Run as root, Mosquitto drops to its own user, which must write its sessions here.
  await chmod(dir, 0o777);
  const config = path.join(dir, 'mosquitto.conf');
  await writeFile(
    config,
    [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence true', `persistence_location ${dir}/`, 'max_queued_messages 100000', 'max_inflight_messages 100'].join('\n') + '\n',
  );
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(binary, ['-c', config], { stdio: 'ignore' });
    await waitUntil(() => listening(port), 10_000, 50);
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async restart({ downMs = 1_000 } = {}) {
      await stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    stop,
  };
}
