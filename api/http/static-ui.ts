import express, { type Request, type RequestHandler, Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { notFound } from './problem';

/** Vite names every file under assets/ by its content's hash: a name never changes content, so browsers keep it for good. */
const HASHED_DIR = 'assets';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The encodings the build writes beside a file (ui/vite.config.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * The best encoding the browser takes and the build wrote for this file, if any: ours is the order, as
 * browsers list gzip before br ("gzip, deflate, br, zstd") without preferring it.
 */
function encodingFor(req: Request, file: string) {
  return ENCODINGS.find((encoding) => req.acceptsEncodings(encoding.name) === encoding.name && existsSync(file + encoding.suffix));
}

/**
 * Serves the built UI: hashed assets compressed (brotli or gzip, written at build time) and cached
 * immutable for a year; the app shell (index.html) for every other GET, revalidated on each visit so a
 * new release is picked up at once. A missing asset is a 404, never the shell (a script that is HTML).
 */
export function staticUi(uiDir: string): RequestHandler {
  const root = path.resolve(uiDir);
  const shell = path.join(root, 'index.html');
  const router = Router();
  router.get(`/${HASHED_DIR}/*asset`, (req, res, next) => {
    const file = path.join(root, HASHED_DIR, ...(req.params as { asset: string[] }).asset);
    if (!file.startsWith(path.join(root, HASHED_DIR) + path.sep) || !existsSync(file)) return next(notFound('request.no-route', { method: req.method, path: req.path }));
    const encoding = encodingFor(req, file);
    res.vary('Accept-Encoding').set('Cache-Control', IMMUTABLE);
    if (encoding) {
      // The type of the file itself; the body is its encoded copy.
      res.type(path.extname(file));
      res.set('Content-Encoding', encoding.name);
    }
    res.sendFile(encoding ? file + encoding.suffix : file, { cacheControl: false }, (error) => error && next(error));
  });
  // Other files of the build (none yet besides the shell) as they are, revalidated.
  router.use(express.static(root, { index: false, cacheControl: false, setHeaders: (res) => res.set('Cache-Control', 'no-cache') }));
  router.get(/.*/, (_req, res, next) => {
    res.set('Cache-Control', 'no-cache').sendFile(shell, { cacheControl: false }, (error) => error && next(error));
  });
  return router;
}
