import { closeDatabase, openDatabase } from '../db/client';
import { loadConfig } from '../config';
import { keyringFrom } from '../db/sealed/keyring';
import { rewrapDataKeys } from '../db/sealed/rotation';

/**
 * `npm run keys:rotate`: re-wraps every data key under the current key-encryption key, batch by
 * batch; the sealed records are not rewritten. Configure the new key as current and the old one as
 * previous (README "Keys"), run this, then drop the old key. Safe to run again: what is already under
 * the current key is counted, not touched.
 *
 * Env: DATABASE_URL, the key configuration, KEYS_ROTATE_BATCH (data keys per transaction, default 500).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = config.database.url;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const batch = config.scripts.keysRotateBatch;
  const ring = keyringFrom(config.keys);
  const db = openDatabase(databaseUrl, { max: 2 });
  try {
    const report = await rewrapDataKeys(db, ring, batch);
    const total = Object.values(report.rewrapped).reduce((sum, keys) => sum + keys, 0);
    const list = (counts: Record<string, number>) => Object.entries(counts).map(([name, keys]) => `${name} ${keys}`).join(', ') || 'none';
    console.log(`[keys] current key: ${report.currentKekId}`);
    console.log(`[keys] re-wrapped ${total} data keys; from: ${list(report.rewrapped)}; protecting: ${list(report.rewrappedByTable)}`);
    console.log(`[keys] already under the current key: ${report.alreadyCurrent}`);
  } finally {
    await closeDatabase(db);
  }
}

main().catch((error: unknown) => {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  console.error(error instanceof Error ? `[keys] ${error.message}${cause}` : error);
  process.exit(1);
});
