import { ApplicationFailure } from '@temporalio/activity';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { ballots, owners, ownerVotes, unitOwners, units, voteObjections, voteRoll, voteRollOwners } from '../db/schema';
import { recordNotification } from '../domain/notifications';
import type { RollSummary } from '../workflows/owners-vote/messages';
import { areaToHundredths, buildVoterRoll, type Art278Item, type RegisteredUnit, type VoteResult, type VoteTotals } from '../workflows/owners-vote/tally';
import { ballotsCsv, loadBallots, rollCsv, sha256 } from '../domain/vote-evidence';

export interface VoteNotice {
  voteId: string;
  workflowId: string;
  title: string;
  description: string;
  item: Art278Item;
  requestedBy: string | null;
  origin: { planWorkflowId: string; projectId: string } | null;
  noticeAt: string;
  opensAt: string;
  closesAt: string;
}

const ROLL_CHUNK = 1000;

/** The records of an owners' vote (P2.1c, art. 278). Every write is safe to repeat. */
export function createOwnersVoteActivities({ db }: { db: Database }) {
  return {
    async publishVoteNotice(notice: VoteNotice): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .insert(ownerVotes)
          .values({
            voteId: notice.voteId,
            workflowId: notice.workflowId,
            title: notice.title,
            description: notice.description,
            art278Item: notice.item,
            status: 'notice',
            requestedBy: notice.requestedBy,
            planWorkflowId: notice.origin?.planWorkflowId ?? null,
            projectId: notice.origin?.projectId ?? null,
            noticeAt: new Date(notice.noticeAt),
            opensAt: new Date(notice.opensAt),
            closesAt: new Date(notice.closesAt),
          })
          .onConflictDoNothing({ target: ownerVotes.voteId });
        await recordNotification(tx, {
          dedupeKey: `${notice.workflowId}.notice`,
          workflowId: notice.workflowId,
          recipientRoles: ['owner'],
          recipientUsers: [],
          message: `业主大会表决公告 Owners' vote "${notice.title}": voting ${notice.opensAt} – ${notice.closesAt}`,
        });
      });
    },

    /** Freezes the roll from the register as it stands now; a retry after success returns the same roll. */
    async freezeVoterRoll({ voteId }: { voteId: string }): Promise<RollSummary> {
      return db.transaction(async (tx) => {
        const [vote] = await tx.select().from(ownerVotes).where(eq(ownerVotes.voteId, voteId)).for('update');
        if (!vote) throw ApplicationFailure.nonRetryable(`no vote ${voteId}`, 'UnknownVote');
        if (vote.rollDigest && vote.rollHeads !== null && vote.rollAreaHundredths !== null) {
          const voters = await tx.select({ value: count() }).from(voteRoll).where(eq(voteRoll.voteId, voteId));
          return { voters: voters[0].value, areaHundredths: vote.rollAreaHundredths, heads: vote.rollHeads, rollDigest: vote.rollDigest };
        }
        const rows = await tx
          .select({ unitId: units.id, area: units.exclusiveArea, ownerId: owners.id, name: owners.name, kind: owners.kind })
          .from(units)
          .innerJoin(unitOwners, eq(unitOwners.unitId, units.id))
          .innerJoin(owners, eq(owners.id, unitOwners.ownerId))
          // A unit disabled through data review (P5.1b) no longer weighs on a roll frozen after it.
          .where(eq(units.active, true))
          .orderBy(units.id, owners.id);
        const registered = new Map<string, RegisteredUnit & { owners: Array<{ ownerId: string; kind: 'person' | 'developer' }> }>();
        const names = new Map<string, string>();
        for (const row of rows) {
          names.set(row.ownerId, row.name);
          const unit = registered.get(row.unitId) ?? { unitId: row.unitId, areaHundredths: areaToHundredths(row.area), owners: [] };
          unit.owners.push({ ownerId: row.ownerId, kind: row.kind });
          registered.set(row.unitId, unit);
        }
        const roll = buildVoterRoll([...registered.values()]);
        const rollRows = roll.map((voter) => ({
          voteId,
          voterId: voter.voterId,
          label: voter.ownerIds.map((id) => names.get(id) ?? id).join(' / '),
          ownerIds: voter.ownerIds,
          unitIds: voter.unitIds,
          areaHundredths: voter.areaHundredths,
          developer: voter.developer,
        }));
        for (let i = 0; i < rollRows.length; i += ROLL_CHUNK) {
          await tx.insert(voteRoll).values(rollRows.slice(i, i + ROLL_CHUNK));
          await tx.insert(voteRollOwners).values(
            rollRows.slice(i, i + ROLL_CHUNK).flatMap((voter) => voter.ownerIds.map((ownerId) => ({ voteId, ownerId, voterId: voter.voterId }))),
          );
        }
        const summary: RollSummary = {
          voters: roll.length,
          areaHundredths: roll.reduce((sum, voter) => sum + voter.areaHundredths, 0),
          heads: roll.length,
          rollDigest: sha256(rollCsv(rollRows)),
        };
        await tx
          .update(ownerVotes)
          .set({ status: 'open', rollAreaHundredths: summary.areaHundredths, rollHeads: summary.heads, rollDigest: summary.rollDigest })
          .where(eq(ownerVotes.voteId, voteId));
        return summary;
      });
    },

    /**
     * Closes voting: once the status leaves 'open' no ballot commits (casting updates the same row
     * under the condition status = 'open'), so the sums read after it are final.
     */
    async closeVoting({ voteId }: { voteId: string }): Promise<{ totals: VoteTotals; ballotsDigest: string }> {
      await db
        .update(ownerVotes)
        .set({ status: 'counting' })
        .where(and(eq(ownerVotes.voteId, voteId), eq(ownerVotes.status, 'open')));
      const [vote] = await db.select().from(ownerVotes).where(eq(ownerVotes.voteId, voteId));
      // The sums and the ballots' text are read together: each is half of the closing's time for a large vote.
      const sumsRead = db
        .select({
          choice: ballots.choice,
          area: sql<string>`coalesce(sum(${voteRoll.areaHundredths}), 0)`,
          heads: count(),
        })
        .from(ballots)
        .innerJoin(voteRoll, and(eq(voteRoll.voteId, ballots.voteId), eq(voteRoll.voterId, ballots.voterId)))
        .where(eq(ballots.voteId, voteId))
        .groupBy(ballots.choice);
      const [sums, counted] = await Promise.all([sumsRead, loadBallots(db, voteId)]);
      const weight = (choice: string) => {
        const row = sums.find((sum) => sum.choice === choice);
        return { areaHundredths: Number(row?.area ?? 0), heads: row?.heads ?? 0 };
      };
      const totals: VoteTotals = {
        roll: { areaHundredths: vote.rollAreaHundredths ?? 0, heads: vote.rollHeads ?? 0 },
        for: weight('for'),
        against: weight('against'),
        abstain: weight('abstain'),
      };
      return { totals, ballotsDigest: sha256(ballotsCsv(counted)) };
    },

    async publishVoteResult(input: { voteId: string; result: VoteResult; ballotsDigest: string; objectionEndsAt: string }): Promise<void> {
      const [vote] = await db
        .update(ownerVotes)
        .set({ status: 'objection-period', result: input.result, ballotsDigest: input.ballotsDigest, objectionEndsAt: new Date(input.objectionEndsAt) })
        .where(and(eq(ownerVotes.voteId, input.voteId), inArray(ownerVotes.status, ['counting', 'objection-period'])))
        .returning({ workflowId: ownerVotes.workflowId, title: ownerVotes.title });
      if (!vote) return;
      await recordNotification(db, {
        dedupeKey: `${vote.workflowId}.result`,
        workflowId: vote.workflowId,
        recipientRoles: ['owner', 'committee-member'],
        recipientUsers: [],
        message: `表决结果 Result of "${vote.title}": ${input.result.outcome}; objections until ${input.objectionEndsAt}`,
      });
    },

    async finalizeVote({ voteId }: { voteId: string }): Promise<{ objections: number }> {
      await db.update(ownerVotes).set({ status: 'final' }).where(eq(ownerVotes.voteId, voteId));
      const [{ value }] = await db.select({ value: count() }).from(voteObjections).where(eq(voteObjections.voteId, voteId));
      return { objections: value };
    },
  };
}
