import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { attachments, bids, credentials, deviceConnections, SEALED_ATTACHMENT_KINDS } from '../schema';
import { sealAttachmentContent, sealBidContent, sealCardNo, sealDeviceSecrets } from './records';

const BATCH = 100;

export interface PlaintextSealing {
  attachments: number;
  cards: number;
  devices: number;
  bids: number;
}

/** Seals batch after batch of one table's plaintext rows, each batch its own transaction, until none is left. */
async function untilNoneLeft(db: Database, batch: (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(batch);
    if (!sealed) return total;
    total += sealed;
  }
}

/**
 * Rows written before encryption (migration 0004) are sealed at start: the key is not in the
 * database, so SQL cannot do it. Run after the migrations; idempotent (a sealed row has its data key)
 * and safe to run from several processes at once (rows are locked, others skipped).
 */
export async function sealPlaintextRows(db: Database): Promise<PlaintextSealing> {
  const report: PlaintextSealing = { attachments: 0, cards: 0, devices: 0, bids: 0 };
  report.attachments = await untilNoneLeft(db, async (tx) => {
    const rows = await tx
      .select({ id: attachments.id, content: attachments.content })
      .from(attachments)
      .where(and(isNull(attachments.dataKeyId), inArray(attachments.kind, [...SEALED_ATTACHMENT_KINDS])))
      .orderBy(asc(attachments.id))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    for (const row of rows) await tx.update(attachments).set(await sealAttachmentContent(tx, row.id, row.content)).where(eq(attachments.id, row.id));
    return rows.length;
  });
  report.cards = await untilNoneLeft(db, async (tx) => {
    const rows = await tx
      .select({ id: credentials.id, cardNo: credentials.sealedCardNo })
      .from(credentials)
      .where(and(isNull(credentials.dataKeyId), isNotNull(credentials.sealedCardNo)))
      .orderBy(asc(credentials.id))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    for (const row of rows) await tx.update(credentials).set(await sealCardNo(tx, row.id, row.cardNo!)).where(eq(credentials.id, row.id));
    return rows.length;
  });
  report.devices = await untilNoneLeft(db, async (tx) => {
    const rows = await tx
      .select()
      .from(deviceConnections)
      .where(isNull(deviceConnections.dataKeyId))
      .orderBy(asc(deviceConnections.deviceId))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    for (const row of rows) {
      // Before 0004 the push key was stored as the "push secret hash": it is the key itself.
      const secrets = { password: row.sealedPassword, pushKey: row.sealedPushKey };
      await tx.update(deviceConnections).set(await sealDeviceSecrets(tx, row.deviceId, secrets)).where(eq(deviceConnections.deviceId, row.deviceId));
    }
    return rows.length;
  });
  report.bids = await untilNoneLeft(db, async (tx) => {
    const rows = await tx
      .select({ id: bids.id, content: bids.sealedContent })
      .from(bids)
      .where(isNull(bids.dataKeyId))
      .orderBy(asc(bids.id))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    for (const row of rows) await tx.update(bids).set(await sealBidContent(tx, row.id, JSON.parse(row.content) as object)).where(eq(bids.id, row.id));
    return rows.length;
  });
  return report;
}
