import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const uiRoot = fileURLToPath(new URL('.', import.meta.url));

/** Files worth compressing: text, and big enough that the encoded copy saves a round of TCP slow start. */
const COMPRESSIBLE = /\.(js|css|svg|json|html)$/;
export const PRECOMPRESS_MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each compressible file of the build, once, at their
 * best settings: the API serves them as they are (api/http/static-ui.ts) instead of compressing per request.
 */
function precompress(): Plugin {
  return {
    name: 'steward:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? path.dirname(options.file ?? '');
      // In parallel, on zlib's thread pool.
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (fileName) => {
          const file = path.join(outDir, fileName);
          const content = await readFile(file);
          if (content.length < PRECOMPRESS_MIN_BYTES) return;
          const params = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length };
          const [br, gz] = await Promise.all([brotli(content, { params }), gzipped(content, { level: 9 })]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  root: uiRoot,
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The compression at its best settings takes a second or two, once per build: nothing to warn about.
    rolldownOptions: {
      checks: { bundlerTimings: false },
      output: {
        // Each page is a chunk (ui/src/app/router.tsx); what several pages share (hooks, tables, API helpers: a few
        // hundred bytes each) goes in one chunk beside them, so a first page is three requests, not ten.
        codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: 'shared', test: /[\\/](ui[\\/]src|contracts)[\\/]/, minShareCount: 2 }] },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
