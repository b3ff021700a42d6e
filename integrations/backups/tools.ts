import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';

/** A backup tool that exited with an error (or could not start): which, with what it said. */
export class BackupToolError extends Error {
  readonly type = 'BackupToolFailed';
  constructor(
    readonly tool: string,
    readonly command: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`${tool} ${command} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${output.trim().split('\n').slice(-6).join(' | ') || 'no output'}`);
    this.name = 'BackupToolError';
  }
}

/** Who a tool runs as: this process, or (run as root) the owner of the files it works on. */
export type RunAs = { uid: number; gid: number } | null;

/** The owner of `file` when this process is root and someone else owns it (PostgreSQL's files belong to its server's user). */
export async function ownerOf(file: string): Promise<RunAs> {
  if (userInfo().uid !== 0) return null;
  const { uid, gid } = await stat(file);
  return uid === 0 ? null : { uid, gid };
}

export interface ToolRun {
  as?: RunAs;
  /** Added to this process's environment: secrets go here, never on the command line. */
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
  /** What the error names instead of the arguments (which may hold paths a person needs less than the command). */
  command?: string;
  /** Exit codes besides 0 that are answers rather than failures (rclone check's 1: differences found). */
  answers?: number[];
  /** CPU priority (BackupSettings.nice); 0: as this process. */
  nice?: number;
}

/**
 * Backups are background work: with `nice` above 0 a tool runs at that CPU priority and the lowest best-effort I/O
 * priority, so the API and PostgreSQL's own sessions keep their latency while a backup runs (it takes longer under
 * load instead). Not the idle I/O class: under steady load that would starve a backup for good.
 */
const inBackground = (nice: number, tool: string, args: string[]): [string, string[]] => (nice > 0 ? ['nice', ['-n', String(nice), 'ionice', '-c', '2', '-n', '7', tool, ...args]] : [tool, args]);

/** Runs a backup tool to its end; its standard output, or a BackupToolError with the tail of what it said. */
export function runTool(tool: string, args: string[], { as = null, env = {}, input, cwd, command = args.find((arg) => !arg.startsWith('-')) ?? '', answers = [], nice = 0 }: ToolRun = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const [program, argv] = inBackground(nice, tool, args);
    const child = spawn(program, argv, { ...(as ?? {}), cwd, env: { ...process.env, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
    child.once('error', (error) => reject(new BackupToolError(tool, command, null, error.message)));
    child.once('close', (code) => {
      const out = Buffer.concat(stdout).toString();
      if (code === 0 || (code !== null && answers.includes(code))) resolve(out);
      else reject(new BackupToolError(tool, command, code, `${stderr}\n${out.slice(-4000)}`));
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
