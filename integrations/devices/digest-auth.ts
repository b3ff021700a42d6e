import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * HTTP Digest authentication (RFC 7616, MD5, qop=auth) as Hikvision ISAPI devices require it. Shared by
 * the adapter's client and the device simulator's server so both sides speak exactly the same dialect.
 */

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop?: string;
  opaque?: string;
  algorithm?: string;
}

/** Parses `Digest realm="…", nonce="…", …` (quoted or bare values). */
export function parseDigestHeader(header: string): Record<string, string> | null {
  const match = /^\s*Digest\s+(.*)$/i.exec(header);
  if (!match) return null;
  const fields: Record<string, string> = {};
  const pattern = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let part = pattern.exec(match[1]); part; part = pattern.exec(match[1])) {
    fields[part[1].toLowerCase()] = part[2] !== undefined ? part[2].replace(/\\(.)/g, '$1') : part[3];
  }
  return fields;
}

export function parseChallenge(header: string | null): DigestChallenge | null {
  const fields = header ? parseDigestHeader(header) : null;
  if (!fields?.realm || !fields.nonce) return null;
  return { realm: fields.realm, nonce: fields.nonce, qop: fields.qop, opaque: fields.opaque, algorithm: fields.algorithm };
}

/** The `Authorization` header value answering a challenge for one request. */
export function digestAuthorization(input: {
  challenge: DigestChallenge;
  username: string;
  password: string;
  method: string;
  uri: string;
  nc: number;
  cnonce?: string;
}): string {
  const { challenge, username, password, method, uri } = input;
  const cnonce = input.cnonce ?? randomBytes(8).toString('hex');
  const nc = input.nc.toString(16).padStart(8, '0');
  const ha1 = md5(`${username}:${challenge.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const qop = challenge.qop?.split(',').map((value) => value.trim()).includes('auth') ? 'auth' : undefined;
  const response = qop ? md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username="${username}"`,
    `realm="${challenge.realm}"`,
    `nonce="${challenge.nonce}"`,
    `uri="${uri}"`,
    `algorithm=MD5`,
    `response="${response}"`,
  ];
  if (challenge.opaque) parts.push(`opaque="${challenge.opaque}"`);
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  return `Digest ${parts.join(', ')}`;
}

/** Server side: does this Authorization header prove knowledge of the password for this request? */
export function verifyDigest(input: {
  header: string | undefined;
  method: string;
  realm: string;
  username: string;
  password: string;
  isKnownNonce: (nonce: string) => boolean;
}): 'ok' | 'missing' | 'stale' | 'invalid' {
  const fields = input.header ? parseDigestHeader(input.header) : null;
  if (!fields) return 'missing';
  if (fields.username !== input.username || fields.realm !== input.realm || !fields.uri || !fields.response) return 'invalid';
  if (!input.isKnownNonce(fields.nonce ?? '')) return 'stale';
  const ha1 = md5(`${input.username}:${input.realm}:${input.password}`);
  const ha2 = md5(`${input.method}:${fields.uri}`);
  const expected =
    fields.qop === 'auth'
      ? md5(`${ha1}:${fields.nonce}:${fields.nc}:${fields.cnonce}:auth:${ha2}`)
      : md5(`${ha1}:${fields.nonce}:${ha2}`);
  const given = Buffer.from(fields.response);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? 'ok' : 'invalid';
}
