/**
 * activities/ holds activity factories only: every module there exports `create…Activities` functions (and
 * types), so rules and queries the API shares live in domain/ and adapters in integrations/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ACTIVITIES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../activities');
const modules = fs
  .readdirSync(ACTIVITIES_DIR)
  .filter((file) => file.endsWith('.ts'))
  .sort();

describe('activities/ holds activity factories only', () => {
  it.each(modules)('%s exports nothing but activity factories', async (file) => {
    const module = (await import(path.join(ACTIVITIES_DIR, file))) as Record<string, unknown>;
    const others = Object.keys(module).filter((name) => !/^create\w*Activities$/.test(name));
    expect(others).toEqual([]);
  });
});
