import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { connect } from 'node:net';
import { arch, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config';
import { findTemporalCli } from './dev-services/temporal-cli';

/** What the check asks of the machine; tests give a fake one. */
export interface Probe {
  isExecutable(file: string): Promise<boolean>;
  /** A command's standard output, or null when it cannot run or fails. */
  output(command: string, args: string[]): Promise<string | null>;
  listening(host: string, port: number): Promise<boolean>;
  /** The Temporal CLI binary, or null when it would have to be built. */
  temporalCli(): Promise<string | null>;
  root: boolean;
}

export function machineProbe(config: Config): Probe {
  const run = promisify(execFile);
  return {
    isExecutable: (file) =>
      access(file, constants.X_OK).then(
        () => true,
        () => false,
      ),
    output: (command, args) =>
      run(command, args, { timeout: 5000 }).then(
        ({ stdout }) => stdout,
        () => null,
      ),
    listening: (host, port) =>
      new Promise((resolve) => {
        const socket = connect({ host, port, timeout: 1000 });
        const answer = (open: boolean) => {
          socket.destroy();
          resolve(open);
        };
        socket.once('connect', () => answer(true));
        socket.once('timeout', () => answer(false));
        socket.once('error', () => answer(false));
      }),
    temporalCli: () => findTemporalCli(config.temporalCli),
    root: userInfo().uid === 0,
  };
}

/** The Go the Temporal CLI 1.5.1 is built with: its go.mod asks for 1.25; Go 1.21 and later fetch that toolchain themselves. */
const GO_RELEASE = 'go1.25.0';
const OLDEST_GO_MINOR = 21;

export interface Missing {
  what: string;
  why: string;
  /** The command that installs it (or the setting that points elsewhere). */
  fix: string;
}

/**
 * What `npm test` needs that this machine lacks, each with the command that installs it: Chromium and CJK
 * fonts (browser tests), an MQTT broker (device tests), the backup tools (pgBackRest, restic, rclone, sqlite3), and the
 * Temporal CLI or the Go to build it. A CLI
 * that only needs building is not missing: `npm test` builds it (see check-prerequisites.ts).
 */
export async function missingPrerequisites(config: Config, probe: Probe): Promise<Missing[]> {
  const sudo = probe.root ? '' : 'sudo ';
  const hasApt = (await probe.output('apt-get', ['--version'])) !== null;
  const apt = (packages: string, rest = '') =>
    hasApt ? `${sudo}apt-get update && ${sudo}apt-get install -y ${packages}${rest}` : `install ${packages} with the system's package manager${rest}`;
  const missing: Missing[] = [];

  const chromium = config.test.chromiumPath;
  if (!(await probe.isExecutable(chromium))) missing.push({ what: 'Chromium', why: `no browser at ${chromium} (browser tests)`, fix: `${apt('chromium')}   (or set CHROMIUM_PATH)` });

  const fonts = await probe.output('fc-list', [':lang=zh', 'family']);
  if (!fonts || !/Noto Sans CJK/i.test(fonts)) missing.push({ what: 'CJK fonts', why: 'fc-list finds no Noto Sans CJK (the UI and PDFs are Chinese)', fix: apt('fonts-noto-cjk') });

  const broker = new URL(config.test.mqttUrl);
  const brokerPort = Number(broker.port || 1883);
  const mosquitto = await firstExecutable(probe, config, 'mosquitto', ['/usr/sbin']);
  if (!(await probe.listening(broker.hostname, brokerPort))) {
    const start = `${mosquitto ?? 'mosquitto'} -d -p ${brokerPort}`;
    missing.push({
      what: 'MQTT broker',
      why: `nothing listens on ${broker.host} (device tests; TEST_MQTT_URL=${config.test.mqttUrl})`,
      fix: mosquitto ? start : apt('mosquitto', ` && ${start}`),
    });
  } else if (!mosquitto) {
    missing.push({ what: 'Mosquitto', why: 'no mosquitto on PATH or in /usr/sbin (the broker-restart test runs a broker of its own)', fix: apt('mosquitto') });
  }

  const backupTools = [];
  for (const tool of ['pgbackrest', 'restic', 'rclone', 'sqlite3']) if (!(await firstExecutable(probe, config, tool, ['/usr/bin']))) backupTools.push(tool);
  if (backupTools.length) missing.push({ what: 'Backup tools', why: `${backupTools.join(', ')} not on PATH (backup tests: pgBackRest, restic, the rclone off-site copy, SQLite's online copy)`, fix: apt('pgbackrest restic rclone sqlite3') });

  if (!(await probe.temporalCli())) {
    const version = await probe.output('go', ['version']);
    const minor = Number(/go1\.(\d+)/.exec(version ?? '')?.[1] ?? NaN);
    if (!(minor >= OLDEST_GO_MINOR)) {
      const goArch = arch() === 'x64' ? 'amd64' : arch();
      missing.push({
        what: 'Go',
        why: version ? `${version.trim()} is too old to build the Temporal CLI (1.${OLDEST_GO_MINOR} or later)` : 'not on PATH, and the Temporal CLI is built with it once',
        fix: `${version ? `${sudo}rm -rf /usr/local/go && ` : ''}curl -fsSL https://go.dev/dl/${GO_RELEASE}.linux-${goArch}.tar.gz | ${sudo}tar -C /usr/local -xz && export PATH=$PATH:/usr/local/go/bin   (or set TEMPORAL_CLI_PATH to a Temporal CLI)`,
      });
    }
  }
  return missing;
}

async function firstExecutable(probe: Probe, config: Config, name: string, extraDirs: string[]): Promise<string | null> {
  for (const dir of [...config.temporalCli.searchPath.split(path.delimiter), ...extraDirs].filter(Boolean)) {
    if (await probe.isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

export const describeMissing = (missing: Missing[]) => [
  `npm test cannot run here yet: ${missing.length} missing (nothing else was run).`,
  ...missing.map(({ what, why, fix }) => `  ✗ ${what}: ${why}. Run: ${fix}`),
];
