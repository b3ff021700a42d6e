import { and, asc, eq, gt, ilike, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Page } from '../../contracts/common';
import type { DataChangeView, HistoryEntry } from '../../contracts/data-review';
import type { FieldFault } from '../../contracts/problem-texts';
import { newResidentId, type ResidentChangeProposal, type ResidentChangeRequest, type ResidentListQuery, type ResidentView } from '../../contracts/residents';
import { dataChanges, residents } from '../../db/schema';
import { containing } from '../../db/like-pattern';
import { sealChangeIdDocument } from '../../db/sealed/records';
import { historyOf } from '../../domain/master-data';
import { residentUnitOf, residentViewOf, reviewResidentChange, type StoredResidentProposal } from '../../domain/residents';
import { dataReviewProcess } from '../../workflows/data-review/definition';
import type { DataReviewInput } from '../../workflows/data-review/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, notFound, unprocessable } from '../http/problem';
import { resubmitCorrection, returnedChangeOf } from './data-review';
import { startProcess } from './start-process';

type ChangeRow = typeof dataChanges.$inferSelect;

/** The proposal as its draft keeps it (a new resident's document by kind and last 4 characters), and the number to seal beside it. */
function storedResidentProposal(proposal: ResidentChangeProposal, changeId: string): { stored: StoredResidentProposal; idDocumentNumber: string | null } {
  if (proposal.action !== 'create') return { stored: proposal, idDocumentNumber: null };
  const { idDocument, ...fields } = proposal.resident;
  return {
    stored: { action: 'create', residentId: newResidentId(changeId), resident: { ...fields, idDocumentKind: idDocument.kind, idDocumentLast4: idDocument.number.slice(-4) } },
    idDocumentNumber: idDocument.number,
  };
}

/** P5.1a: the checks that read the register, as a 422 naming each field that fails one; nothing is written. */
async function requireStandard(ctx: ApiContext, stored: StoredResidentProposal, idDocumentNumber: string | null) {
  const { checks } = await reviewResidentChange(ctx.db, stored, idDocumentNumber);
  const faults: FieldFault[] = checks.filter((check) => !check.passed).map((check) => ({ field: check.field, message: check.rule }));
  if (faults.length) throw unprocessable('change.invalid', faults);
}

const sameChange = (row: ChangeRow, user: SessionUser, stored: StoredResidentProposal) => row.kind === 'resident' && row.makerId === user.id && row.action === stored.action && row.recordId === stored.residentId;

/**
 * P5.1b: a change to a unit's resident (moving in, a change, a move-out), kept as a draft that changes nothing (a
 * new resident's identity document sealed at once), and its review started; idempotent on the change id.
 */
export async function submitResidentChange(ctx: ApiContext, user: SessionUser, request: ResidentChangeRequest): Promise<{ changeId: string; workflowId: string }> {
  const { changeId, ...proposal } = request;
  const { stored, idDocumentNumber } = storedResidentProposal(proposal as ResidentChangeProposal, changeId);
  const workflowId = dataReviewProcess.workflowId(changeId);
  const [existing] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
  if (existing && !sameChange(existing, user, stored)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
  if (!existing) {
    await requireStandard(ctx, stored, idDocumentNumber);
    const now = new Date();
    const inserted = await ctx.db.transaction(async (tx) => {
      const sealed = idDocumentNumber ? await sealChangeIdDocument(tx, changeId, idDocumentNumber) : { dataKeyId: null, sealedIdDocument: null };
      return tx
        .insert(dataChanges)
        .values({ id: changeId, workflowId, kind: 'resident', action: stored.action, recordId: stored.residentId, makerId: user.id, makerName: user.displayName, status: 'in-review', proposal: stored, ...sealed, submittedAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning({ id: dataChanges.id });
    });
    if (!inserted.length) {
      const [raced] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
      if (!sameChange(raced, user, stored)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
    }
  }
  const input: DataReviewInput = {
    changeId,
    kind: 'resident',
    action: stored.action,
    // The review's tasks name the unit the resident lives in; the change's record is the resident.
    unitId: (await residentUnitOf(ctx.db, stored)) ?? undefined,
    maker: { userId: user.id, displayName: user.displayName },
    timings: ctx.settings.dataReview,
    accessRevocation: { retry: ctx.settings.accessControl.deviceRetry, outage: ctx.settings.accessControl.doorOutage },
  };
  await startProcess(ctx, dataReviewProcess, { workflowId, input, title: `${input.unitId ?? stored.residentId} 数据变更 Data change`, startedBy: user.id });
  return { changeId, workflowId };
}

/** P5.1b: the maker corrects a returned change to a resident (the same action on the same resident) and resubmits it. */
export async function correctResidentChange(ctx: ApiContext, user: SessionUser, changeId: string, proposal: ResidentChangeProposal): Promise<DataChangeView> {
  const { row, taskId } = await returnedChangeOf(ctx, user, changeId);
  const { stored, idDocumentNumber } = storedResidentProposal(proposal, changeId);
  if (row.kind !== 'resident' || stored.action !== row.action) throw unprocessable('change.invalid', [{ field: 'action', message: 'one-of', params: { values: [row.action] } }]);
  if (stored.residentId !== row.recordId) throw unprocessable('change.invalid', [{ field: 'residentId', message: 'one-of', params: { values: [row.recordId] } }]);
  await requireStandard(ctx, stored, idDocumentNumber);
  return resubmitCorrection(ctx, user, { row, taskId, stored, seal: (tx) => idDocumentNumber ? sealChangeIdDocument(tx, changeId, idDocumentNumber) : { dataKeyId: null, sealedIdDocument: null } });
}

export async function getResident(ctx: ApiContext, residentId: string): Promise<ResidentView> {
  const [row] = await ctx.db.select().from(residents).where(eq(residents.id, residentId));
  if (!row) throw notFound('resident.unknown', { residentId });
  return residentViewOf(row);
}

/** The residents a keyset page at a time in resident-id order: by name, unit, relation, living there or moved out. */
export async function listResidents(ctx: ApiContext, query: ResidentListQuery): Promise<Page<ResidentView>> {
  const conditions: Array<SQL | undefined> = [
    query.name ? ilike(residents.name, containing(query.name)) : undefined,
    query.unitId ? eq(residents.unitId, query.unitId) : undefined,
    query.relation ? eq(residents.relation, query.relation) : undefined,
    query.active === undefined ? undefined : query.active ? isNull(residents.moveOutDate) : isNotNull(residents.moveOutDate),
    query.cursor ? gt(residents.id, query.cursor) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(residents)
    .where(and(...conditions))
    .orderBy(asc(residents.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(residentViewOf);
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.residentId : null };
}

/** A resident's history of changes, oldest first. */
export async function residentHistory(ctx: ApiContext, residentId: string): Promise<{ items: HistoryEntry[] }> {
  return { items: await historyOf(ctx.db, { recordId: residentId }) };
}
