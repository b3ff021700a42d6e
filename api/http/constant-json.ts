import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

interface Encoded {
  etag: string;
  bodies: Array<{ encoding: 'br' | 'gzip' | undefined; body: Buffer }>;
}

function encode(json: string): Encoded {
  const plain = Buffer.from(json);
  return {
    etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 27)}"`,
    // Best first, as the static assets (api/http/static-ui.ts): browsers list gzip before br without preferring it.
    bodies: [
      { encoding: 'br', body: brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }) },
      { encoding: 'gzip', body: gzipSync(plain, { level: 9 }) },
      { encoding: undefined, body: plain },
    ],
  };
}

/**
 * A JSON answer that is the same for everyone while the API runs (the process catalogue every signed-in page asks
 * for at start, 100 KB): built and compressed once, then sent compressed and revalidated by its ETag, so a phone
 * downloads 15 KB the first time and a 304 after.
 */
export function constantJson(build: () => unknown): (req: Request, res: Response) => void {
  let encoded: Encoded | undefined;
  return (req, res) => {
    encoded ??= encode(JSON.stringify(build()));
    const chosen = encoded.bodies.find(({ encoding }) => encoding === undefined || req.acceptsEncodings(encoding) === encoding)!;
    res.vary('Accept-Encoding').set({ 'Cache-Control': 'private, no-cache', ETag: encoded.etag }).type('application/json');
    if (chosen.encoding) res.set('Content-Encoding', chosen.encoding);
    // res.send answers 304 itself when the request's If-None-Match holds the ETag.
    res.send(chosen.body);
  };
}
