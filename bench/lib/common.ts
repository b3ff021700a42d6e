import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { loadConfig } from '../../config';
import { installKeyring, keyringFrom } from '../../db/sealed/keyring';
import { startEmbeddedPostgres } from '../../scripts/dev-services/embedded-postgres';

/** Repository root (bench/lib/ → ../..). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** What the benches run Steward with: its defaults, so the figures are of the defaults, whatever the shell sets. */
export const STEWARD_DEFAULTS = loadConfig({});

/** Where this machine's Temporal CLI is (TEMPORAL_CLI_PATH, PATH, XDG_CACHE_HOME). */
export const TEMPORAL_CLI = loadConfig().temporalCli;

// Seeding seals the demo devices' secrets: under the development key, as `npm start` does.
installKeyring(keyringFrom(STEWARD_DEFAULTS.keys));

export const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/**
 * The benches' own knobs (BENCH_*, docs/benchmarks.md): one name may default differently per bench, so they
 * are read here rather than in config/ (test/config.test.ts checks each is documented there).
 */
export function envText(name: `BENCH_${string}`, fallback: string): string {
  return process.env[name] || fallback;
}

/** Reads a positive number from the environment, or the fallback. */
export function envNumber(name: `BENCH_${string}`, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export function envList(name: `BENCH_${string}`, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw.split(',').map((part) => {
    const value = Number(part.trim());
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a comma-separated list of positive numbers`);
    return value;
  });
}

// ---- cleanup: everything a bench starts is stopped, also on Ctrl-C or a failure ----

const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];

/** Registers a stop step; steps run last-registered first. */
export function onCleanup(name: string, run: () => Promise<void>): void {
  cleanups.push({ name, run });
}

async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    try {
      await step.run();
    } catch (error) {
      console.error(`[bench] cleanup "${step.name}" failed:`, error);
    }
  }
}

/** Runs a bench's main, then stops what it started; exits non-zero on an error (not on a missed target). */
export function runBench(main: () => Promise<void>): void {
  let interrupted = false;
  const interrupt = (signal: string) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`[bench] ${signal}: stopping what the bench started…`);
    void runCleanups().then(() => process.exit(130));
  };
  process.once('SIGINT', () => interrupt('SIGINT'));
  process.once('SIGTERM', () => interrupt('SIGTERM'));
  // A crash must not leave a dev server or database behind either.
  const crash = (error: unknown) => {
    console.error('[bench] crashed:', error);
    if (interrupted) return;
    interrupted = true;
    void runCleanups().then(() => process.exit(1));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  void main()
    .then(
      () => 0,
      (error: unknown) => {
        console.error(error);
        return 1;
      },
    )
    .then(async (code) => {
      await runCleanups();
      process.exit(code);
    });
}

// ---- PostgreSQL: BENCH_DATABASE_URL (a database of the bench's own on it) or embedded in a temp dir ----

export interface BenchDatabase {
  url: string;
  /** The database's name (unique per bench run: PostgreSQL's backends for it carry it in their titles). */
  name: string;
  embedded: boolean;
}

export async function startBenchDatabase(name: string): Promise<BenchDatabase> {
  const database = `${name}_${process.pid}`;
  const external = envText('BENCH_DATABASE_URL', '');
  if (external) {
    const admin = postgres(external, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${database}"`);
    await admin.unsafe(`create database "${database}"`);
    onCleanup('drop bench database', async () => {
      await admin.unsafe(`drop database if exists "${database}" with (force)`);
      await admin.end();
    });
    const url = new URL(external);
    url.pathname = `/${database}`;
    return { url: url.toString(), name: database, embedded: false };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'steward-bench-'));
  // Run as root, the embedded server drops to a `postgres` user that must reach its data folder.
  await chmod(dir, 0o755);
  onCleanup('remove temp dir', () => rm(dir, { recursive: true, force: true }));
  const server = await startEmbeddedPostgres(path.join(dir, 'postgres'), database, { temporary: true });
  onCleanup('stop embedded PostgreSQL', () => server.stop());
  return { url: server.url, name: database, embedded: true };
}

/** A scratch directory under os.tmpdir(), removed at the end. */
export async function scratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  onCleanup(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  return dir;
}

// ---- statistics and output ----

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of a sorted array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(values: number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  const sum = list.reduce((total, value) => total + value, 0);
  return {
    n: list.length,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    max: list.length ? list[list.length - 1] : Number.NaN,
    mean: list.length ? sum / list.length : Number.NaN,
  };
}

export const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

export function printTable(headers: string[], rows: Array<Array<string | number>>): void {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((header, index) => Math.max(header.length, ...cells.map((row) => (row[index] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, index) => cell.padEnd(widths[index])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of cells) console.log(line(row));
}

/** The machine and its load, printed with every result (other work shares these cores). */
export function machineNote(): string {
  const [one, five] = loadavg();
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${one.toFixed(2)} (1 min) / ${five.toFixed(2)} (5 min), node ${process.version}`;
}

/** Keeps the raw results next to the bench (bench/results/ is git-ignored). */
export async function saveResults(name: string, results: unknown): Promise<string> {
  const dir = path.join(repoRoot, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify(results, null, 2));
  return file;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU time (user + system, ms) of the processes whose command line contains `match` (Linux /proc). */
export function processCpuMs(match: string): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(match)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
