import { verifyAccessLog } from '../api/use-cases/access-log';
import { loadConfig } from '../config';
import { closeDatabase, openDatabase } from '../db/client';

/**
 * Recomputes the access log's hash chain (P5.3c) in the database at DATABASE_URL.
 * Exit code 0: intact; 1: broken (the first broken row is named); 2: could not check.
 *
 *   DATABASE_URL=postgres://… npm run access-log:verify
 */
async function main(): Promise<number> {
  const url = loadConfig().database.url;
  if (!url) throw new Error('DATABASE_URL is required');
  const db = openDatabase(url, { max: 1 });
  try {
    const result = await verifyAccessLog(db);
    if (result.intact) {
      console.log(`access log intact: ${result.rows} rows, checked in ${result.durationMs} ms`);
      return 0;
    }
    const { id, reason } = result.firstBroken!;
    const why = reason === 'content' ? 'its hash does not match its content' : "its prev_hash is not the previous row's hash";
    console.log(`access log BROKEN at row ${id}: ${why} (${result.rows} rows, checked in ${result.durationMs} ms)`);
    return 1;
  } finally {
    await closeDatabase(db);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
