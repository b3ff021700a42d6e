/**
 * From a fresh clone to the UI answering: `git clone` (HEAD of this repository) → `npm ci` → `npm start`
 * → GET / returns the UI's HTML; then Ctrl-C (SIGINT to the process group) and a clean exit.
 * The Temporal CLI binary is the per-user cached one (as on any machine that ran Steward before).
 *
 *   npm run bench:start
 *
 * Env: BENCH_START_TIMEOUT_SECONDS (300: give up waiting for the UI), BENCH_SKIP_RESTART=1 (skip the
 * second, warm start of the same clone).
 * Target: start → UI ≤ 60 s, not counting npm ci.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { freePort } from '../scripts/dev-services/ports';
import { cliCacheDir } from '../scripts/dev-services/temporal-cli';
import { envNumber, envText, fmt, log, machineNote, onCleanup, printTable, repoRoot, runBench, saveResults, scratchDir, sleep, TEMPORAL_CLI } from './lib/common';

const exec = promisify(execFile);
const START_TIMEOUT_MS = envNumber('BENCH_START_TIMEOUT_SECONDS', 300) * 1000;
const TARGET_START_S = 60;
const TEMPORAL_PORT = 7233; // scripts/start.ts starts the dev server on this fixed port

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, (performance.now() - started) / 1000];
}

/** Processes whose command line mentions `text` (to find what `npm start` left behind). */
function processesMentioning(text: string): Array<{ pid: number; cmd: string }> {
  const found: Array<{ pid: number; cmd: string }> = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (cmd.includes(text) && Number(entry) !== process.pid) found.push({ pid: Number(entry), cmd: cmd.slice(0, 160) });
    } catch {
      // gone
    }
  }
  return found;
}

function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

async function portFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

interface StartRun {
  label: string;
  startToUiSeconds: number;
  readyLine: string | null;
  /** SIGINT → npm itself exited. */
  npmExitSeconds: number;
  /** SIGINT → every process of the group (npm, tsx, node, the dev server, PostgreSQL) gone. */
  allExitedSeconds: number;
  exitCode: number | null;
  exitSignal: string | null;
  /** stderr lines written after SIGINT (the stop steps log their failures there). */
  stopErrors: string[];
  leftovers: string[];
  clean: boolean;
}

/** Members of a process group (Linux /proc: field 5 of stat is the group id). */
function groupMembers(pgid: number): Array<{ pid: number; cmd: string }> {
  const members: Array<{ pid: number; cmd: string }> = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[2]) !== pgid) continue;
      members.push({ pid: Number(entry), cmd: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim().slice(0, 160) });
    } catch {
      // gone
    }
  }
  return members;
}

/** `npm start` in `clone`; time until GET / serves the UI; then SIGINT to its process group. */
async function startOnce(label: string, clone: string, dataDir: string, logFile: string): Promise<StartRun> {
  const port = await freePort();
  const out = createWriteStream(logFile, { flags: 'a' });
  let readyLine: string | null = null;
  const started = performance.now();
  // A process group of its own, so Ctrl-C can be imitated: SIGINT to every process of `npm start`.
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: clone,
    env: { ...process.env, PORT: String(port), STEWARD_DATA_DIR: dataDir, npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  onCleanup(`kill npm start (${label}) if still running`, async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup('SIGKILL');
      await exited;
    }
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    out.write(chunk);
    const match = /\[steward\] Ready in [\d.]+ s/.exec(chunk.toString());
    if (match) readyLine = match[0];
  });
  let stopping = false;
  const stopErrors: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    out.write(chunk);
    if (stopping) stopErrors.push(...chunk.toString().split('\n').filter((line) => line.trim() && !/Unknown user config "nodedir"/.test(line)));
  });

  let startToUiSeconds = Number.NaN;
  const deadline = started + START_TIMEOUT_MS;
  while (performance.now() < deadline && !exitedEarly) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
      const html = await response.text();
      if (response.status === 200 && /<div id="root">/.test(html)) {
        startToUiSeconds = (performance.now() - started) / 1000;
        break;
      }
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  if (!Number.isFinite(startToUiSeconds)) {
    killGroup('SIGKILL');
    await sleep(500);
    throw new Error(`${label}: the UI did not answer within ${START_TIMEOUT_MS / 1000} s (exited early: ${exitedEarly}); npm start's output:\n${logTail(logFile)}`);
  }
  log(`${label}: UI answered after ${fmt(startToUiSeconds)} s (${readyLine ?? 'no Ready line yet'})`);

  // Ctrl-C: SIGINT to every process of the group, as a terminal does.
  const stopStarted = performance.now();
  stopping = true;
  killGroup('SIGINT');
  let npmExitSeconds = Number.NaN;
  void exited.then(() => (npmExitSeconds = (performance.now() - stopStarted) / 1000));
  let allExitedSeconds = Number.NaN;
  while (performance.now() - stopStarted < 30_000) {
    if (groupMembers(child.pid!).length === 0) {
      allExitedSeconds = (performance.now() - stopStarted) / 1000;
      break;
    }
    await sleep(100);
  }
  const exit = await Promise.race([exited, sleep(1000).then(() => null)]);
  const leftovers = [...groupMembers(child.pid!), ...processesMentioning(dataDir)].map((p) => `${p.pid} ${p.cmd}`);
  if (leftovers.length > 0) {
    killGroup('SIGKILL');
    for (const leftover of processesMentioning(dataDir)) {
      try {
        process.kill(leftover.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
  out.end();
  // npm itself ends on the SIGINT (a terminal's Ctrl-C reaches it too); what counts is that Steward stops.
  const clean = Number.isFinite(allExitedSeconds) && leftovers.length === 0 && stopErrors.length === 0;
  if (!clean) console.log(`--- npm start's output (tail) ---\n${logTail(logFile)}\n---`);
  log(`${label}: SIGINT → npm exited after ${fmt(npmExitSeconds, 2)} s (${exit ? `code ${exit.code}, signal ${exit.signal}` : 'still running'}), every process gone after ${fmt(allExitedSeconds, 2)} s; errors while stopping: ${stopErrors.length ? stopErrors.join(' / ') : 'none'}; leftovers: ${leftovers.length ? leftovers.join('; ') : 'none'}`);
  return { label, startToUiSeconds, readyLine, npmExitSeconds, allExitedSeconds, exitCode: exit?.code ?? null, exitSignal: exit?.signal ?? null, stopErrors, leftovers, clean };
}

async function main(): Promise<void> {
  log(`start-time bench; machine: ${machineNote()}`);
  const head = (await exec('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot })).stdout.trim();
  const dirty = (await exec('git', ['status', '--porcelain'], { cwd: repoRoot })).stdout.trim();
  log(`cloning HEAD ${head} of ${repoRoot}${dirty ? ' (the work tree has uncommitted changes; they are not in the clone)' : ''}`);
  if (!(await portFree(TEMPORAL_PORT))) throw new Error(`port ${TEMPORAL_PORT} is in use: npm start runs the Temporal dev server there (another npm start running?)`);
  const cli = path.dirname(cliCacheDir(TEMPORAL_CLI));
  log(`Temporal CLI cache: ${cli} (must hold the binary already; the bench does not time building it)`);

  const dir = await scratchDir('steward-bench-start-');
  const clone = path.join(dir, 'steward');
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'npm.log');
  const [, cloneSeconds] = await timed(() => exec('git', ['clone', '--quiet', '--no-hardlinks', repoRoot, clone]));
  log(`git clone: ${fmt(cloneSeconds)} s`);
  // `npm ci` first; if it refuses the lock file (it wants every optional platform package, which this
  // machine's registry lacks, see .ci/run), `npm install` as .ci/run does, and say so.
  const npmEnv = { ...process.env, npm_config_update_notifier: 'false' };
  let installCommand = 'npm ci';
  let ciFailure: string | null = null;
  log('npm ci… (downloads from the registry or the npm cache; takes a while)');
  let [install, ciSeconds] = await timed(() =>
    exec('npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone, maxBuffer: 64 * 1024 * 1024, env: npmEnv }).catch((error: { stderr?: string }) => {
      ciFailure = (error.stderr ?? String(error)).split('\n').filter((line) => /npm error (code|`npm ci`|Missing)/.test(line)).slice(0, 4).join(' | ');
      return null;
    }),
  );
  if (!install) {
    log(`npm ci failed after ${fmt(ciSeconds)} s: ${ciFailure}`);
    log('falling back to npm install (as .ci/run does)…');
    installCommand = 'npm install (npm ci refused the lock file)';
    [install, ciSeconds] = await timed(() => exec('npm', ['install', '--no-audit', '--no-fund'], { cwd: clone, maxBuffer: 64 * 1024 * 1024, env: npmEnv }));
  }
  log(`${installCommand}: ${fmt(ciSeconds)} s (${install!.stdout.trim().split('\n').pop()})`);

  const runs: StartRun[] = [await startOnce('first start (builds the UI, initialises PostgreSQL, migrates, seeds)', clone, dataDir, logFile)];
  if (envText('BENCH_SKIP_RESTART', '0') !== '1') runs.push(await startOnce('second start (same clone and data)', clone, dataDir, logFile));

  console.log(`\n=== fresh clone → UI (HEAD ${head}) ===`);
  printTable(['step', 'seconds', 'target', 'met'], [
    ['git clone', fmt(cloneSeconds), '', ''],
    [`${installCommand} (not part of the target)`, fmt(ciSeconds), '', ''],
    ...runs.map((run) => [`npm start → GET / 200 with the UI: ${run.label}`, fmt(run.startToUiSeconds), run === runs[0] ? `≤ ${TARGET_START_S}` : '', run === runs[0] ? (run.startToUiSeconds <= TARGET_START_S ? 'yes' : 'NO') : '']),
    ...runs.map((run) => [
      `SIGINT to the group → all processes gone: ${run.label}`,
      `${fmt(run.allExitedSeconds, 1)} (npm: ${fmt(run.npmExitSeconds, 1)} s, ${run.exitSignal ?? `code ${run.exitCode}`})`,
      'all gone ≤ 30 s, no errors, nothing left',
      run.clean ? 'yes' : 'NO',
    ]),
  ]);
  console.log(`npm start's own "Ready" line: ${runs.map((run) => run.readyLine ?? '–').join(' / ')}`);
  console.log(`machine: ${machineNote()}`);
  if (ciFailure) console.log(`npm ci: ${ciFailure}`);
  const file = await saveResults('start-time', { date: new Date().toISOString(), machine: machineNote(), head, dirty: Boolean(dirty), cloneSeconds, installCommand, ciFailure, installSeconds: ciSeconds, runs });
  log(`raw results: ${file}; npm start output was in ${logFile} (removed with the temp dir)`);
  if (!runs.every((run) => run.clean)) throw new Error('npm start did not stop cleanly on SIGINT');
}

runBench(main);
