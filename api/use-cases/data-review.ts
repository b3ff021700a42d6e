import { and, eq } from 'drizzle-orm';
import type { DataChangeProposal, DataChangeRequest, DataChangeView, HistoryEntry, ImportBatch, UnitView } from '../../contracts/data-review';
import type { StoredImport } from '../../domain/data-import';
import { can } from '../../contracts/permissions';
import type { FieldFault } from '../../contracts/problem-texts';
import { dataChanges, tasks } from '../../db/schema';
import { eraseDataKeys } from '../../db/sealed/envelope';
import { sealChangeIdDocument } from '../../db/sealed/records';
import { correctionDraft } from '../../domain/change-records';
import { historyOf, kindOfAction, reviewChange, reviewDraft, storedProposal, unitViewOf } from '../../domain/master-data';
import { dataReviewProcess } from '../../workflows/data-review/definition';
import type { DataReviewInput } from '../../workflows/data-review/messages';
import { DATA_REVIEW_STEPS } from '../../workflows/data-review/steps';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, forbidden, notFound, unprocessable } from '../http/problem';
import { startProcess } from './start-process';
import { completeTask } from './worklist';

type ChangeRow = typeof dataChanges.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** P5.1a: the checks that read the register, as a 422 naming each field that fails one; nothing is written. */
async function requireStandard(ctx: ApiContext, proposal: DataChangeProposal, changeId: string) {
  const { stored, idDocumentNumber } = storedProposal(proposal, changeId);
  const { checks } = await reviewChange(ctx.db, stored, idDocumentNumber);
  const faults: FieldFault[] = checks.filter((check) => !check.passed).map((check) => ({ field: check.field, message: check.rule }));
  if (faults.length) throw unprocessable('change.invalid', faults);
  return { stored, idDocumentNumber };
}

const sameChange = (row: ChangeRow, user: SessionUser, request: DataChangeRequest) => row.makerId === user.id && row.action === request.action && row.recordId === request.unitId;

/**
 * P5.1b: the maker's change, kept as a draft that changes nothing, and its review started. Idempotent on the
 * client's change id: the same maker sending the same change again gets the same review.
 */
export async function submitChange(ctx: ApiContext, user: SessionUser, request: DataChangeRequest): Promise<{ changeId: string; workflowId: string }> {
  const { changeId, ...proposal } = request;
  const workflowId = dataReviewProcess.workflowId(changeId);
  const [existing] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
  if (existing && !sameChange(existing, user, request)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
  if (!existing) {
    const { stored, idDocumentNumber } = await requireStandard(ctx, proposal as DataChangeProposal, changeId);
    const now = new Date();
    const inserted = await ctx.db.transaction(async (tx) => {
      const sealed = idDocumentNumber ? await sealChangeIdDocument(tx, changeId, idDocumentNumber) : { dataKeyId: null, sealedIdDocument: null };
      return tx
        .insert(dataChanges)
        .values({
          id: changeId,
          workflowId,
          kind: kindOfAction(request.action),
          action: request.action,
          recordId: request.unitId,
          makerId: user.id,
          makerName: user.displayName,
          status: 'in-review',
          proposal: stored,
          ...sealed,
          submittedAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: dataChanges.id });
    });
    if (!inserted.length) {
      // The same id sent twice at once: the other request wrote it (its data key stays unused, and is harmless).
      const [raced] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
      if (!sameChange(raced, user, request)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
    }
  }
  const input: DataReviewInput = {
    changeId,
    kind: kindOfAction(request.action),
    action: request.action,
    unitId: request.unitId,
    maker: { userId: user.id, displayName: user.displayName },
    timings: ctx.settings.dataReview,
    accessRevocation: { retry: ctx.settings.accessControl.deviceRetry, outage: ctx.settings.accessControl.doorOutage },
  };
  await startProcess(ctx, dataReviewProcess, { workflowId, input, title: `${request.unitId} 数据变更 Data change`, startedBy: user.id });
  return { changeId, workflowId };
}

/** An import's sheet, file and row count; null for a change of one record. */
const batchOf = (row: ChangeRow): ImportBatch | null => {
  if (row.action !== 'import') return null;
  const { sheet, fileName, rows } = row.proposal as StoredImport;
  return { sheet, fileName, rows };
};

export async function changeOf(ctx: ApiContext, changeId: string): Promise<ChangeRow> {
  const [row] = UUID.test(changeId) ? await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId)) : [];
  if (!row) throw notFound('change.unknown', { changeId });
  return row;
}

/** Zones and the roster are security's: their changes are read by those who read them, as well as by master data's readers. */
const ROSTER_KINDS: ReadonlySet<ChangeRow['kind']> = new Set(['zone', 'guard-shift']);

/** A change, for a reader of its kind of data (master data's readers read every kind). */
export async function readChange(ctx: ApiContext, user: SessionUser, changeId: string): Promise<DataChangeView> {
  const row = await changeOf(ctx, changeId);
  if (!can(user, 'data-review.read') && !(ROSTER_KINDS.has(row.kind) && can(user, 'guard-roster.read'))) throw forbidden('change.not-readable');
  return getChange(ctx, changeId);
}

/** A change as its checker, its maker and auditors read it: the diff against the register now, the checks, and its history so far. */
export async function getChange(ctx: ApiContext, changeId: string): Promise<DataChangeView> {
  const row = await changeOf(ctx, changeId);
  const review = await reviewDraft(ctx.db, row);
  return {
    changeId: row.id,
    workflowId: row.workflowId,
    kind: row.kind,
    action: row.action,
    recordId: row.recordId,
    status: row.status,
    revision: row.revision,
    maker: { id: row.makerId, name: row.makerName },
    submittedAt: row.submittedAt.toISOString(),
    ...review,
    batch: batchOf(row),
    draft: correctionDraft(row),
    history: await historyOf(ctx.db, { changeId: row.id }),
  };
}

/** The maker's own returned change, waiting for its correction task. */
export async function returnedChangeOf(ctx: ApiContext, user: SessionUser, changeId: string) {
  const row = await changeOf(ctx, changeId);
  if (row.makerId !== user.id) throw forbidden('change.not-maker');
  if (row.status !== 'returned') throw conflict('change.not-returned', { status: row.status }, [{ field: 'status', message: 'not-returned', params: { status: row.status } }]);
  const [task] = await ctx.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.workflowId, row.workflowId), eq(tasks.stepId, DATA_REVIEW_STEPS.correctChange.id), eq(tasks.status, 'open')));
  if (!task) throw conflict('change.not-returned', { status: row.status }, [{ field: 'status', message: 'not-returned', params: { status: row.status } }]);
  return { row, taskId: task.id };
}

/**
 * P5.1b: the maker corrects a returned change (the same action on the same unit) and resubmits it: its next
 * revision goes into review. Nothing of the register changes.
 */
export async function correctChange(ctx: ApiContext, user: SessionUser, changeId: string, proposal: DataChangeProposal): Promise<DataChangeView> {
  const { row, taskId } = await returnedChangeOf(ctx, user, changeId);
  if (proposal.action !== row.action) throw unprocessable('change.invalid', [{ field: 'action', message: 'one-of', params: { values: [row.action] } }]);
  if (proposal.unitId !== row.recordId) throw unprocessable('change.invalid', [{ field: 'unitId', message: 'one-of', params: { values: [row.recordId] } }]);
  const { stored, idDocumentNumber } = await requireStandard(ctx, proposal, changeId);
  return resubmitCorrection(ctx, user, { row, taskId, stored, seal: (tx) => idDocumentNumber ? sealChangeIdDocument(tx, changeId, idDocumentNumber) : { dataKeyId: null, sealedIdDocument: null } });
}

type Transaction = Parameters<Parameters<ApiContext['db']['transaction']>[0]>[0];
type Sealed = { dataKeyId: string | null; sealedIdDocument: string | null };

/**
 * A maker's corrected draft resubmitted into the review that returned it (any kind): its sealed part stored anew and
 * the one it replaces erased with its key, only while the change is still as returned; then the correction task done.
 */
export async function resubmitCorrection(
  ctx: ApiContext,
  user: SessionUser,
  { row, taskId, stored, seal }: { row: Awaited<ReturnType<typeof returnedChangeOf>>['row']; taskId: string; stored: unknown; seal: (tx: Transaction) => Sealed | Promise<Sealed> },
): Promise<DataChangeView> {
  const changeId = row.id;
  const updated = await ctx.db.transaction(async (tx) => {
    const sealed = await seal(tx);
    const written = await tx
      .update(dataChanges)
      .set({ proposal: stored, ...sealed, updatedAt: new Date() })
      .where(and(eq(dataChanges.id, changeId), eq(dataChanges.status, 'returned'), eq(dataChanges.revision, row.revision)))
      .returning({ id: dataChanges.id });
    if (written.length) await eraseDataKeys(tx, [row.dataKeyId]);
    return written.length > 0;
  });
  if (!updated) throw conflict('change.not-returned', { status: 'in-review' }, [{ field: 'status', message: 'not-returned', params: { status: 'in-review' } }]);
  await completeTask(ctx, user, taskId, { decision: 'resubmit' });
  return getChange(ctx, changeId);
}

/** P5.1b: the maker withdraws a returned change; the register never saw it. */
export async function withdrawChange(ctx: ApiContext, user: SessionUser, changeId: string): Promise<DataChangeView> {
  const { row, taskId } = await returnedChangeOf(ctx, user, changeId);
  await completeTask(ctx, user, taskId, { decision: 'withdraw' });
  // The review records the withdrawal and ends at once: the answer shows the change withdrawn, not a moment before.
  await ctx.temporal.workflow.getHandle(row.workflowId).result();
  return getChange(ctx, changeId);
}

export async function getUnit(ctx: ApiContext, unitId: string): Promise<UnitView> {
  const unit = await unitViewOf(ctx.db, unitId);
  if (!unit) throw notFound('unit.unknown', { unitId });
  return unit;
}

/** A unit's history of changes: returns, withdrawals and applications, oldest first. */
export async function unitHistory(ctx: ApiContext, unitId: string): Promise<{ items: HistoryEntry[] }> {
  return { items: await historyOf(ctx.db, { recordId: unitId }) };
}
