import { runTool } from './tools';

/**
 * The off-site repository: a second storage target, given by URL, that rclone writes to. `sftp://user:password@host:port/path`,
 * `webdav://` or `webdavs://user:password@host:port/path`, `s3://bucket/path` (credentials from rclone's environment) or
 * `file:///path` (a mounted disk). Query parameters are further rclone options of that backend (`?key_file=/run/secrets/k`).
 */
export interface OffsiteTarget {
  /** rclone backend type. */
  type: 'sftp' | 'webdav' | 's3' | 'local';
  /** rclone's options of the remote, secrets included (they go to rclone through its environment). */
  options: Record<string, string>;
  /** Path within the remote. */
  path: string;
  /** The URL without its password: what pages and records show. */
  display: string;
}

const OPTION_NAME = /^[a-z][a-z0-9_]*$/;

/** The off-site target of a URL, or the reason it is refused. */
export function parseOffsiteUrl(text: string): OffsiteTarget | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'a URL like sftp://user:password@host:22/backups';
  }
  const options: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!OPTION_NAME.test(name)) return `rclone option names in lower case (${name})`;
    options[name] = value;
  }
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const display = `${url.protocol}//${user ? `${user}@` : ''}${url.host}${url.pathname}`;
  const path = decodeURIComponent(url.pathname).replace(/\/+$/, '');
  switch (url.protocol) {
    case 'sftp:':
      if (!url.hostname) return 'an sftp URL with a host';
      return { type: 'sftp', options: { ...options, host: url.hostname, ...(url.port ? { port: url.port } : {}), ...(user ? { user } : {}), ...(password ? { pass: password } : {}) }, path: path.replace(/^\//, ''), display };
    case 'webdav:':
    case 'webdavs:': {
      if (!url.hostname) return 'a webdav URL with a host';
      const endpoint = `${url.protocol === 'webdavs:' ? 'https' : 'http'}://${url.host}`;
      return { type: 'webdav', options: { ...options, url: endpoint, ...(user ? { user } : {}), ...(password ? { pass: password } : {}) }, path, display };
    }
    case 's3:':
      if (!url.hostname) return 'an s3 URL with a bucket';
      return { type: 's3', options: { env_auth: 'true', ...options }, path: `${url.hostname}${path}`, display };
    case 'file:':
      if (!path.startsWith('/')) return 'a file URL with an absolute path';
      return { type: 'local', options, path, display };
    default:
      return 'an sftp://, webdav://, webdavs://, s3:// or file:// URL';
  }
}

const REMOTE = 'offsite';
/** rclone reads a remote's options from variables named after it (handed to rclone, never read by Steward). */
const REMOTE_VARIABLES = ['RCLONE', 'CONFIG', REMOTE.toUpperCase()].join('_');

/** rclone's remote `offsite:` defined in the environment (RCLONE_CONFIG_OFFSITE_*), its password obscured as rclone wants it. */
export async function rcloneEnvironment(target: OffsiteTarget): Promise<Record<string, string>> {
  const variables: Record<string, string> = { [`${REMOTE_VARIABLES}_TYPE`]: target.type };
  for (const [name, value] of Object.entries(target.options)) {
    // Read from standard input, so the password never shows on a command line.
    const stored = name === 'pass' ? (await runTool('rclone', ['obscure', '-'], { input: value, command: 'obscure' })).trim() : value;
    variables[`${REMOTE_VARIABLES}_${name.toUpperCase()}`] = stored;
  }
  return variables;
}

/** `offsite:<path>/<folder>` for rclone (and restic's rclone backend). */
export const remotePath = (target: OffsiteTarget, folder: string) => `${REMOTE}:${[target.path, folder].filter(Boolean).join('/')}`;

/** Files being written by pgBackRest carry this suffix until they are complete: never copied. */
const PARTIAL = '*.pgbackrest.tmp';
/** Files the tools rewrite in place (pgBackRest's info files, restic's locks): the only ones allowed to differ before a sync. */
const REWRITTEN = ['backup.info', 'backup.info.copy', 'archive.info', 'archive.info.copy', 'locks/**'];

/** A file on the off-site target whose content is no longer what was copied there. */
export class OffsiteCopyAlteredError extends Error {
  readonly type = 'OffsiteCopyAltered';
  constructor(readonly files: string[]) {
    super(`the off-site copy was altered: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ` and ${files.length - 5} more` : ''} no longer match what was copied`);
    this.name = 'OffsiteCopyAlteredError';
  }
}

/** Files both sides hold whose content differs (`rclone check --combined`: `*` differs). */
async function differing(env: Record<string, string>, local: string, remote: string, excluded: string[], nice: number): Promise<string[]> {
  const args = ['check', local, remote, '--one-way', '--combined', '-', ...[PARTIAL, ...excluded].flatMap((pattern) => ['--exclude', pattern])];
  const report = await runTool('rclone', args, { env, command: 'check', answers: [1], nice });
  return report
    .split('\n')
    .filter((line) => line.startsWith('* '))
    .map((line) => line.slice(2));
}

/**
 * Copies a local repository off-site. First the files both sides hold are compared (by content hash where the
 * target can hash, else by size): the repositories never rewrite a written file, so one that differs was altered
 * off-site, and the copy stops with OffsiteCopyAlteredError rather than overwrite the evidence. Then the target is
 * made to hold exactly the local folder, and compared again.
 */
export async function syncOffsite(target: OffsiteTarget, local: string, folder: string, nice: number): Promise<{ bytes: number; files: number }> {
  const env = await rcloneEnvironment(target);
  const remote = remotePath(target, folder);
  await runTool('rclone', ['mkdir', remote], { env, command: `mkdir ${folder}`, nice });
  const altered = await differing(env, local, remote, REWRITTEN, nice);
  if (altered.length) throw new OffsiteCopyAlteredError(altered.map((file) => `${folder}/${file}`));
  await runTool('rclone', ['sync', local, remote, '--exclude', PARTIAL, '--checksum', '--transfers', '2'], { env, command: `sync ${folder}`, nice });
  const after = await differing(env, local, remote, [], nice);
  if (after.length) throw new OffsiteCopyAlteredError(after.map((file) => `${folder}/${file}`));
  const size = JSON.parse(await runTool('rclone', ['size', remote, '--json'], { env, command: `size ${folder}`, nice })) as { count: number; bytes: number };
  return { bytes: size.bytes, files: size.count };
}

/** Copies the off-site folder into a local one (the drill restores from what is off-site). */
export async function fetchOffsite(target: OffsiteTarget, folder: string, local: string, nice: number): Promise<void> {
  const env = await rcloneEnvironment(target);
  await runTool('rclone', ['copy', remotePath(target, folder), local, '--transfers', '2'], { env, command: `copy ${folder}`, nice });
}
