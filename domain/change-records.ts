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

/**
 * The draft as the body that corrects it (issue 12: corrected from the change's page): a new person's identity
 * document by its kind with the number to be entered again, a new record's id left to the change, a device's secrets
 * blank. Null for what is corrected otherwise: an import (a new file) and a new device (its secrets entered again).
 */
export function correctionDraft(change: Pick<ChangeRow, 'kind' | 'action' | 'proposal'>): Record<string, unknown> | null {
  if (change.action === 'import' || (change.kind === 'device' && change.action === 'create')) return null;
  const proposal = change.proposal as Record<string, unknown>;
  // A device's secrets: blank keeps the stored ones, a replaced one is entered again.
  if (change.kind === 'device' && change.action === 'change') {
    const { replaces: _replaces, ...rest } = proposal;
    return { ...rest, connection: { ...(proposal.connection as object), password: '', pushSecret: '' } };
  }
  // A shift is corrected by its day and hours; the instants they mean are worked out again, a new shift's id too.
  if (change.kind === 'guard-shift' && change.action !== 'disable') {
    const { startsAt: _startsAt, endsAt: _endsAt, ...shift } = proposal.shift as Record<string, unknown>;
    return change.action === 'create' ? { action: 'create', shift } : { action: 'change', shiftId: proposal.shiftId, shift };
  }
  const reenter = (fields: Record<string, unknown>) => {
    const { idDocumentKind, idDocumentLast4: _masked, isNew: _isNew, ...rest } = fields;
    return idDocumentKind ? { ...rest, idDocument: { kind: idDocumentKind, number: '' } } : rest;
  };
  if (change.action === 'add-owner') {
    const owner = proposal.owner as Record<string, unknown>;
    const { ownerId, ...fields } = owner;
    return { action: 'add-owner', unitId: proposal.unitId, owner: owner.isNew ? reenter(fields) : { ownerId } };
  }
  if (change.action === 'create' && change.kind === 'resident') return { action: 'create', resident: reenter(proposal.resident as Record<string, unknown>) };
  if (change.action === 'create' && change.kind === 'user') {
    // A supplier's staff member's account is withdrawn and entered again (its own request, not a staff user's).
    if ('vendorId' in (proposal.user as object)) return null;
    return { action: 'create', user: proposal.user };
  }
  return proposal;
}
