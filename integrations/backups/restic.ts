import { existsSync } from 'node:fs';
import path from 'node:path';
import { rcloneEnvironment, remotePath, type OffsiteTarget } from './offsite';
import { runTool } from './tools';

/** A restic repository: a local folder, or the off-site copy of one read through rclone. */
export interface FileRepository {
  location: string;
  env: Record<string, string>;
  nice: number;
}

export function localFiles(dir: string, passphrase: string, nice: number): FileRepository {
  return { location: path.join(dir, 'restic'), env: { RESTIC_PASSWORD: passphrase }, nice };
}

export async function offsiteFiles(target: OffsiteTarget, passphrase: string, nice: number): Promise<FileRepository> {
  return { location: `rclone:${remotePath(target, 'restic')}`, env: { RESTIC_PASSWORD: passphrase, ...(await rcloneEnvironment(target)) }, nice };
}

const restic = (repository: FileRepository, args: string[], cwd?: string) =>
  runTool('restic', ['--repo', repository.location, '--no-cache', ...args], { env: repository.env, cwd, command: args[0], nice: repository.nice });

/** Creates the local repository the first time (encrypted under the passphrase). */
export async function ensureFileRepository(repository: FileRepository): Promise<void> {
  if (!existsSync(path.join(repository.location, 'config'))) await restic(repository, ['init']);
}

/** A snapshot of what `folder` holds (paths within it), tagged with its chain and run; what it added after deduplication. */
export async function snapshotFiles(repository: FileRepository, folder: string, tags: { chain: string; run: string }): Promise<{ snapshotId: string; addedBytes: number }> {
  const output = await restic(repository, ['backup', '--json', '--host', 'steward', '--tag', `chain=${tags.chain}`, '--tag', `run=${tags.run}`, '.'], folder);
  const summary = output
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { message_type: string; snapshot_id?: string; data_added?: number })
    .find((message) => message.message_type === 'summary');
  if (!summary?.snapshot_id) throw new Error(`restic backup of ${folder} reported no snapshot`);
  return { snapshotId: summary.snapshot_id, addedBytes: summary.data_added ?? 0 };
}

/** Forgets the snapshots of chains no longer held and prunes what only they used. */
export async function keepChains(repository: FileRepository, chains: string[]): Promise<void> {
  const snapshots = JSON.parse(await restic(repository, ['snapshots', '--json'])) as Array<{ id: string; tags?: string[] }>;
  const stale = snapshots.filter((snapshot) => !chains.some((chain) => snapshot.tags?.includes(`chain=${chain}`))).map((snapshot) => snapshot.id);
  if (stale.length) await restic(repository, ['forget', '--prune', ...stale]);
}

/** Reads every pack of the repository and checks it against its hash: the problems found, empty when sound. */
export async function checkFiles(repository: FileRepository): Promise<string[]> {
  return restic(repository, ['check', '--read-data']).then(
    () => [],
    (error: Error) => [error.message],
  );
}

/** Restores a run's snapshot into `target`. */
export async function restoreFiles(repository: FileRepository, run: string, target: string): Promise<void> {
  await restic(repository, ['restore', 'latest', '--tag', `run=${run}`, '--target', target]);
}
