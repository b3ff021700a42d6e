import { and, asc, count, gt, ne, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { dataKeys } from '../schema/sealed';
import { unwrapDataKey, wrapDataKey } from './envelope';
import { KeyConfigurationError, keyring, type Keyring } from './keyring';

export interface RotationReport {
  currentKekId: string;
  /** Data keys re-wrapped by this run, per KEK they were wrapped under before. */
  rewrapped: Record<string, number>;
  /** Data keys re-wrapped by this run, per table they protect. */
  rewrappedByTable: Record<string, number>;
  /** Data keys that were already under the current KEK. */
  alreadyCurrent: number;
}

/**
 * Re-wraps every data key under the current KEK, in batches, each its own transaction; the sealed
 * records themselves are untouched. Idempotent: a second run (or one after a crash) re-wraps only what
 * is left. Refuses before changing anything when a data key's KEK is not configured.
 */
export async function rewrapDataKeys(db: Database, ring: Keyring = keyring(), batchSize = 500): Promise<RotationReport> {
  const current = ring.current;
  const perKek = await db.select({ kekId: dataKeys.kekId, keys: count() }).from(dataKeys).groupBy(dataKeys.kekId);
  const missing = perKek.filter((row) => !ring.key(row.kekId));
  if (missing.length) {
    throw new KeyConfigurationError(
      `data keys are wrapped under keys that are not configured: ${missing.map((row) => `"${row.kekId}" (${row.keys})`).join(', ')}; configure them as previous keys to rotate`,
    );
  }
  const report: RotationReport = { currentKekId: current.id, rewrapped: {}, rewrappedByTable: {}, alreadyCurrent: perKek.find((row) => row.kekId === current.id)?.keys ?? 0 };
  let after = '';
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(dataKeys)
        .where(and(ne(dataKeys.kekId, current.id), gt(dataKeys.id, after)))
        .orderBy(asc(dataKeys.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (!rows.length) return rows;
      const values = rows.map((row) => sql`(${row.id}, ${row.kekId}, ${wrapDataKey(current.key, row.id, unwrapDataKey(ring, row))})`);
      // Only a row still under the KEK it was read with is replaced: a concurrent rotation's work stays.
      await tx.execute(sql`
        update ${dataKeys} set kek_id = ${current.id}, wrapped_key = v.wrapped, rewrapped_at = now()
        from (values ${sql.join(values, sql`, `)}) as v(id, old_kek_id, wrapped)
        where ${dataKeys.id} = v.id and ${dataKeys.kekId} = v.old_kek_id`);
      return rows;
    });
    if (!batch.length) return report;
    for (const row of batch) {
      report.rewrapped[row.kekId] = (report.rewrapped[row.kekId] ?? 0) + 1;
      report.rewrappedByTable[row.protects] = (report.rewrappedByTable[row.protects] ?? 0) + 1;
    }
    after = batch[batch.length - 1].id;
  }
}
