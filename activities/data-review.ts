import { ApplicationFailure } from '@temporalio/activity';
import { and, eq } from 'drizzle-orm';
import type { DiffRow } from '../contracts/data-review';
import type { Database } from '../db/client';
import { FIELD_TEXTS, type FieldKey } from '../contracts/problem-texts';
import { dataChangeHistory, dataChanges, residents, units, users, zones } from '../db/schema';
import { applyDraft, closeDraft, historyBase, peopleMovingOut, reviewDraft, type Decision } from '../domain/master-data';
import { residentMovingOut } from '../domain/residents';
import type { ApplyResult, ChangeUnderReview } from '../workflows/data-review/messages';

/** Why an approved change was not applied, as its maker reads it in both languages. */
const reasonText = (key: FieldKey) => `${FIELD_TEXTS[key]['zh-CN']} (${FIELD_TEXTS[key].en})`;

export function createDataReviewActivities({ db }: { db: Database }) {
  const draftOf = async (changeId: string, executor: Pick<Database, 'select'> = db) => {
    const [change] = await executor.select().from(dataChanges).where(eq(dataChanges.id, changeId));
    if (!change) throw ApplicationFailure.create({ type: 'UnknownDataChange', message: `no data change ${changeId}`, nonRetryable: true });
    return change;
  };

  return {
    /**
     * P5.1a: the draft's current revision goes into review (a returned one no longer takes corrections), with its
     * diff against the register as it stands and the collection standard's checks.
     */
    async prepareReview({ changeId }: { changeId: string }): Promise<ChangeUnderReview> {
      await db.update(dataChanges).set({ status: 'in-review', updatedAt: new Date() }).where(and(eq(dataChanges.id, changeId), eq(dataChanges.status, 'returned')));
      const change = await draftOf(changeId);
      const review = await reviewDraft(db, change);
      return { revision: change.revision, ...review };
    },

    /**
     * P5.1b: a return with its reasons joins the record's history; the draft opens for correction as its next revision.
     * A retry finds the entry written and the revision moved on, and changes nothing.
     */
    async recordReturn(input: { changeId: string; workflowId: string; revision: number; diff: DiffRow[]; reasons: string; checker: Decision; approver: Decision | null }): Promise<void> {
      await db.transaction(async (tx) => {
        const change = await draftOf(input.changeId, tx);
        await tx
          .insert(dataChangeHistory)
          .values({
            ...historyBase(change, input.revision, input.diff),
            outcome: 'returned',
            reasons: input.reasons,
            checkerId: input.checker.userId,
            checkerName: input.checker.displayName,
            checkedAt: new Date(input.checker.at),
            approverId: input.approver?.userId ?? null,
            approverName: input.approver?.displayName ?? null,
            approvedAt: input.approver ? new Date(input.approver.at) : null,
          })
          .onConflictDoNothing();
        await tx
          .update(dataChanges)
          .set({ status: 'returned', revision: input.revision + 1, updatedAt: new Date() })
          .where(and(eq(dataChanges.id, input.changeId), eq(dataChanges.revision, input.revision)));
      });
    },

    /** P5.1b: the maker withdrew the returned change: recorded, and the draft's sealed document erased. */
    async recordWithdrawal({ changeId }: { changeId: string; workflowId: string }): Promise<void> {
      await db.transaction(async (tx) => {
        const change = await draftOf(changeId, tx);
        if (change.status === 'withdrawn') return;
        const { diff } = await reviewDraft(tx, change);
        await tx.insert(dataChangeHistory).values({ ...historyBase(change, change.revision, diff), outcome: 'withdrawn' }).onConflictDoNothing();
        await closeDraft(tx, change, 'withdrawn');
      });
    },

    /**
     * P4.2b: who moves out with an applied removal of an owner: the owner's door-access entries for that unit (or
     * for none in particular, once they own no unit), still active; with an applied move-out of a resident, theirs.
     */
    async movingOut({ changeId }: { changeId: string }): Promise<Array<{ personId: string; personName: string }>> {
      const change = await draftOf(changeId);
      if (change.status !== 'applied') return [];
      if (change.kind === 'resident' && change.action === 'move-out') return residentMovingOut(db, change.recordId);
      if (change.action !== 'remove-owner') return [];
      return peopleMovingOut(db, change.proposal as { unitId: string; ownerId: string });
    },

    /**
     * P5.1b: the approved revision written to the register in one transaction with its history entry (maker,
     * checker, approver, times, diff). Applied once: a retry after the commit finds the draft applied.
     */
    async applyChange(input: { changeId: string; workflowId: string; revision: number; reviewedDiff: DiffRow[]; checker: Decision; approver: Decision | null }): Promise<ApplyResult> {
      return db.transaction(async (tx) => {
        const [change] = await tx.select().from(dataChanges).where(eq(dataChanges.id, input.changeId)).for('update');
        if (!change) throw ApplicationFailure.create({ type: 'UnknownDataChange', message: `no data change ${input.changeId}`, nonRetryable: true });
        if (change.status === 'applied') return { applied: true };
        if (change.revision !== input.revision || change.status !== 'in-review') return { applied: false, reasons: [reasonText('changed-meanwhile')] };
        // Two approved changes of one unit (or one staff user) apply one after the other, the second against what the first wrote.
        if (change.kind === 'user') await tx.select({ id: users.id }).from(users).where(eq(users.id, change.recordId)).for('update');
        else if (change.kind === 'resident') await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, change.recordId)).for('update');
        else if (change.kind === 'zone') await tx.select({ id: zones.id }).from(zones).where(eq(zones.id, change.recordId)).for('update');
        else if (change.kind === 'guard-shift') {
          // Two shifts of one guard approved at once apply one after the other: the second is checked against the first.
          const guardUserId = (change.proposal as { shift?: { guardUserId: string } }).shift?.guardUserId;
          if (guardUserId) await tx.select({ id: users.id }).from(users).where(eq(users.id, guardUserId)).for('update');
        }
        else await tx.select({ id: units.id }).from(units).where(eq(units.id, change.recordId)).for('update');
        const failed = await applyDraft(tx, change, input.reviewedDiff, input.checker, input.approver);
        return failed.length ? { applied: false, reasons: failed.map(reasonText) } : { applied: true };
      });
    },
  };
}
