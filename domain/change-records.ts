/**
 * What every kind of master-data change records the same way (P5.1b): its entries in the record's history and the
 * close of its draft.
 */
import { eq } from 'drizzle-orm';
import type { DiffRow } from '../contracts/data-review';
import type { Database } from '../db/client';
import { dataChanges } from '../db/schema';
import { eraseDataKeys } from '../db/sealed/envelope';

type Executor = Pick<Database, 'update' | 'delete'>;
type ChangeRow = typeof dataChanges.$inferSelect;

/** Who decided a step of a review, and when. */
export interface Decision {
  userId: string;
  displayName: string;
  at: string;
}

/** The draft's part of a history entry. */
export const historyBase = (change: ChangeRow, revision: number, diff: DiffRow[]) => ({
  changeId: change.id,
  workflowId: change.workflowId,
  kind: change.kind,
  action: change.action,
  recordId: change.recordId,
  revision,
  diff,
  makerId: change.makerId,
  makerName: change.makerName,
  submittedAt: change.submittedAt,
});

/** The checker's and approver's part of a history entry. */
export const decidedBy = (checker: Decision, approver: Decision | null) => ({
  checkerId: checker.userId,
  checkerName: checker.displayName,
  checkedAt: new Date(checker.at),
  approverId: approver?.userId ?? null,
  approverName: approver?.displayName ?? null,
  approvedAt: approver ? new Date(approver.at) : null,
});

/** A draft that is done with (applied or withdrawn): its sealed documents' key is erased, the register keeps its own copy. */
export async function closeDraft(tx: Executor, change: ChangeRow, status: 'applied' | 'withdrawn') {
  await tx.update(dataChanges).set({ status, sealedIdDocument: null, dataKeyId: null, updatedAt: new Date() }).where(eq(dataChanges.id, change.id));
  await eraseDataKeys(tx, [change.dataKeyId]);
}
