import { and, desc, eq, sql } from 'drizzle-orm';
import type { BallotRequest, ObjectionRequest, ProxyRequest, Vote, VoteRequest } from '../../contracts/governance';
import { executePrepared, isUniqueViolation, type Database } from '../../db/client';
import { ballots, ownerVotes, voteObjections, voteProxies, voteRoll, voteRollOwners } from '../../db/schema';
import { ballotsCsv, loadBallots, loadRoll, rollCsv } from '../../domain/vote-evidence';
import { ownersVoteProcess } from '../../workflows/owners-vote/definition';
import type { OwnersVoteInput } from '../../workflows/owners-vote/messages';
import type { Art278Item } from '../../workflows/owners-vote/tally';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, forbidden, notFound, unprocessable } from '../http/problem';
import { startProcess } from './start-process';

type VoteRow = typeof ownerVotes.$inferSelect;

const percent = (part: number, whole: number | null) => (whole ? Math.round((part * 10_000) / whole) / 100 : null);

function participationOf(vote: Pick<VoteRow, 'participatingAreaHundredths' | 'participatingHeads' | 'rollAreaHundredths' | 'rollHeads'>) {
  const area = vote.participatingAreaHundredths;
  const heads = vote.participatingHeads;
  const rollArea = vote.rollAreaHundredths;
  const rollHeads = vote.rollHeads;
  return {
    area,
    heads,
    rollArea,
    rollHeads,
    areaPercent: percent(area, rollArea),
    headsPercent: percent(heads, rollHeads),
    quorum: {
      area: rollArea !== null && rollArea > 0 && BigInt(area) * 3n >= BigInt(rollArea) * 2n,
      heads: rollHeads !== null && rollHeads > 0 && BigInt(heads) * 3n >= BigInt(rollHeads) * 2n,
    },
  };
}

/** P2.1c: the committee or management puts a matter to the owners; idempotent on voteId. */
export async function requestVote(ctx: ApiContext, user: SessionUser, request: VoteRequest) {
  const workflowId = ownersVoteProcess.workflowId(request.voteId);
  const input: OwnersVoteInput = {
    voteId: request.voteId,
    title: request.title,
    description: request.description,
    item: request.item as Art278Item,
    requestedBy: { userId: user.id, displayName: user.displayName },
    timings: ctx.settings.governance.vote,
  };
  await startProcess(ctx, ownersVoteProcess, { workflowId, input: input, title: `Owners' vote: ${request.title}`, startedBy: user.id });
  return { workflowId, voteId: request.voteId };
}

async function findVote(ctx: ApiContext, voteId: string): Promise<VoteRow> {
  const [vote] = await ctx.db.select().from(ownerVotes).where(eq(ownerVotes.voteId, voteId));
  if (!vote) throw notFound('vote.unknown', { voteId });
  return vote;
}

/** The signed-in owner's entry on the vote's roll (co-owners share its ballot); anyone else is refused. */
async function ownRollEntry(db: Pick<Database, 'select'>, user: SessionUser, voteId: string) {
  const [mine] = user.ownerId
    ? await db.select().from(voteRollOwners).where(and(eq(voteRollOwners.voteId, voteId), eq(voteRollOwners.ownerId, user.ownerId)))
    : [];
  if (!mine) throw forbidden('vote.not-on-roll', [{ field: 'voteId', message: 'not-on-roll' }]);
  return mine;
}

async function myPart(ctx: ApiContext, user: SessionUser, voteId: string): Promise<Vote['me']> {
  if (!user.ownerId) return null;
  const [mine] = await ctx.db
    .select({ voterId: voteRollOwners.voterId })
    .from(voteRollOwners)
    .where(and(eq(voteRollOwners.voteId, voteId), eq(voteRollOwners.ownerId, user.ownerId)));
  const voterId = mine?.voterId ?? null;
  const [ballot] = voterId ? await ctx.db.select().from(ballots).where(and(eq(ballots.voteId, voteId), eq(ballots.voterId, voterId))) : [];
  const [proxy] = voterId ? await ctx.db.select().from(voteProxies).where(and(eq(voteProxies.voteId, voteId), eq(voteProxies.voterId, voterId))) : [];
  const held = await ctx.db
    .select({ voterId: voteProxies.voterId, label: voteRoll.label, voted: sql<boolean>`${ballots.voterId} is not null` })
    .from(voteProxies)
    .innerJoin(voteRoll, and(eq(voteRoll.voteId, voteProxies.voteId), eq(voteRoll.voterId, voteProxies.voterId)))
    .leftJoin(ballots, and(eq(ballots.voteId, voteProxies.voteId), eq(ballots.voterId, voteProxies.voterId)))
    .where(and(eq(voteProxies.voteId, voteId), eq(voteProxies.proxyOwnerId, user.ownerId)));
  return {
    voterId,
    ballot: ballot ? { choice: ballot.choice, castAt: ballot.castAt.toISOString(), castBy: ballot.castBy, proxyName: ballot.proxyName } : null,
    proxy: proxy ? { proxyOwnerId: proxy.proxyOwnerId, proxyName: proxy.proxyName } : null,
    proxyFor: held,
  };
}

function toView(vote: VoteRow, me: Vote['me']): Vote {
  return {
    voteId: vote.voteId,
    workflowId: vote.workflowId,
    title: vote.title,
    description: vote.description,
    item: vote.art278Item,
    status: vote.status,
    noticeAt: vote.noticeAt.toISOString(),
    opensAt: vote.opensAt.toISOString(),
    closesAt: vote.closesAt.toISOString(),
    objectionEndsAt: vote.objectionEndsAt?.toISOString() ?? null,
    planWorkflowId: vote.planWorkflowId,
    participation: participationOf(vote),
    rollDigest: vote.rollDigest,
    ballotsDigest: vote.ballotsDigest,
    result: (vote.result as Vote['result']) ?? null,
    me,
  };
}

export async function getVote(ctx: ApiContext, user: SessionUser, voteId: string): Promise<Vote> {
  const vote = await findVote(ctx, voteId);
  return toView(vote, await myPart(ctx, user, voteId));
}

/** The live participation only: one primary-key read, prepared (what the owner portal polls, after every ballot). */
export async function getParticipation(ctx: ApiContext, voteId: string) {
  const [vote] = await executePrepared<ParticipationRow & { status: VoteRow['status'] }>(
    ctx.db,
    sql`select status, participating_area_hundredths as area, participating_heads as heads, roll_area_hundredths as roll_area, roll_heads
        from ${ownerVotes} where vote_id = ${voteId}`,
  );
  if (!vote) throw notFound('vote.unknown', { voteId });
  return { status: vote.status, ...participationOfRow(vote) };
}

/** The participation columns as raw statements return them (bigint as text). */
type ParticipationRow = { area: string; heads: number; roll_area: string | null; roll_heads: number | null };

const participationOfRow = (row: ParticipationRow) =>
  participationOf({
    participatingAreaHundredths: Number(row.area),
    participatingHeads: row.heads,
    rollAreaHundredths: row.roll_area === null ? null : Number(row.roll_area),
    rollHeads: row.roll_heads,
  });

export async function listVotes(ctx: ApiContext, user: SessionUser) {
  const rows = await ctx.db.select().from(ownerVotes).orderBy(desc(ownerVotes.noticeAt)).limit(100);
  return { items: await Promise.all(rows.map(async (vote) => toView(vote, await myPart(ctx, user, vote.voteId)))) };
}

/**
 * Casts a ballot (P2.1c): roll membership, one ballot per voter (co-owners share it), before the
 * deadline. The ballot and the participation figure are written in one transaction; the
 * participation update is conditional on the vote still being open, so a ballot never commits
 * after the workflow closed voting. Repeating the same ballot returns it unchanged.
 */
export async function castBallot(ctx: ApiContext, user: SessionUser, voteId: string, request: BallotRequest) {
  if (!request.onBehalfOf && user.ownerId) {
    const cast = await castOwnBallot(ctx, user, voteId, request.choice);
    if (cast) return cast;
  }
  return castBallotChecked(ctx, user, voteId, request);
}

/**
 * The common case in one prepared statement, no transaction around it (the ballot 500 times a second must stay cheap,
 * and the vote's row, which every ballot updates, stays locked only for the statement): an owner on the roll
 * casts their own first ballot while the vote is open. The count moves first, under the vote row's lock, only
 * while the vote is open and the voter has no ballot; the ballot is written from the counted row, so neither
 * commits without the other, and the workflow's close (which takes the same row) waits for the ballot or
 * finds it refused. A ballot of the same voter racing this one (a co-owner, a retried request) fails the
 * statement on the ballot's key and nothing of it stays. Anything else (a repeat, not on the roll, closed, a
 * proxy) returns undefined and goes the checked way, which names the reason.
 */
async function castOwnBallot(ctx: ApiContext, user: SessionUser, voteId: string, choice: string) {
  try {
    const [row] = await executePrepared<ParticipationRow & { voter_id: string; choice: string; cast_at: string }>(ctx.db, sql`
      with voter as (
        select r.voter_id, r.area_hundredths from ${voteRollOwners} o
        join ${voteRoll} r on r.vote_id = o.vote_id and r.voter_id = o.voter_id
        where o.vote_id = ${voteId} and o.owner_id = ${user.ownerId}
      ), counted as (
        update ${ownerVotes}
        set participating_area_hundredths = participating_area_hundredths + (select area_hundredths from voter),
            participating_heads = participating_heads + 1
        where vote_id = ${voteId} and status = 'open' and closes_at > now()
          and exists (select 1 from voter)
          and not exists (select 1 from ${ballots} b where b.vote_id = ${voteId} and b.voter_id = (select voter_id from voter))
        returning participating_area_hundredths, participating_heads, roll_area_hundredths, roll_heads
      ), inserted as (
        insert into ${ballots} (vote_id, voter_id, choice, cast_by)
        select ${voteId}, voter.voter_id, ${choice}, ${user.id} from voter, counted
        returning voter_id, choice, cast_at
      )
      select i.voter_id, i.choice, i.cast_at, u.participating_area_hundredths as area, u.participating_heads as heads,
             u.roll_area_hundredths as roll_area, u.roll_heads
      from inserted i, counted u`);
    if (!row) return undefined;
    return { voterId: row.voter_id, choice: row.choice, castAt: new Date(row.cast_at).toISOString(), repeated: false, participation: participationOfRow(row) };
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

async function castBallotChecked(ctx: ApiContext, user: SessionUser, voteId: string, request: BallotRequest) {
  return ctx.db.transaction(async (tx) => {
    const [vote] = await tx.select({ status: ownerVotes.status, closesAt: ownerVotes.closesAt }).from(ownerVotes).where(eq(ownerVotes.voteId, voteId));
    if (!vote) throw notFound('vote.unknown', { voteId });
    if (vote.status === 'notice') throw conflict('vote.not-open-yet', [{ field: 'voteId', message: 'voting-opens-later' }]);
    if (vote.status !== 'open' || vote.closesAt.getTime() <= Date.now()) throw conflict('vote.closed', [{ field: 'voteId', message: 'deadline-passed' }]);

    let voterId: string;
    let proxyName: string | null = null;
    if (request.onBehalfOf) {
      const [proxy] = await tx.select().from(voteProxies).where(and(eq(voteProxies.voteId, voteId), eq(voteProxies.voterId, request.onBehalfOf)));
      if (!proxy) throw forbidden('vote.no-proxy', [{ field: 'onBehalfOf', message: 'no-proxy' }]);
      // Only an owner named as proxy casts for another owner: nobody (not the committee) casts in the name of
      // a proxy who holds no account here, so no ballot is cast by someone the owner never chose (M3).
      if (!proxy.proxyOwnerId) throw forbidden('vote.proxy-not-owner', [{ field: 'onBehalfOf', message: 'proxy-not-owner' }]);
      if (proxy.proxyOwnerId !== user.ownerId) throw forbidden('vote.not-the-proxy', [{ field: 'onBehalfOf', message: 'not-your-proxy' }]);
      voterId = proxy.voterId;
      proxyName = proxy.proxyName;
    } else {
      voterId = (await ownRollEntry(tx, user, voteId)).voterId;
    }
    const [voter] = await tx.select({ area: voteRoll.areaHundredths }).from(voteRoll).where(and(eq(voteRoll.voteId, voteId), eq(voteRoll.voterId, voterId)));
    const [inserted] = await tx
      .insert(ballots)
      .values({ voteId, voterId, choice: request.choice, castBy: user.id, proxyName })
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      const [existing] = await tx.select().from(ballots).where(and(eq(ballots.voteId, voteId), eq(ballots.voterId, voterId)));
      if (existing.castBy !== user.id || existing.choice !== request.choice) {
        throw conflict('vote.already-cast', [{ field: 'choice', message: existing.castBy === user.id ? 'cast-by-you' : 'cast-by-other' }]);
      }
      const [current] = await tx.select().from(ownerVotes).where(eq(ownerVotes.voteId, voteId));
      return { voterId, choice: existing.choice, castAt: existing.castAt.toISOString(), repeated: true, participation: participationOf(current) };
    }
    const [updated] = await tx
      .update(ownerVotes)
      .set({
        participatingAreaHundredths: sql`${ownerVotes.participatingAreaHundredths} + ${voter.area}`,
        participatingHeads: sql`${ownerVotes.participatingHeads} + 1`,
      })
      .where(and(eq(ownerVotes.voteId, voteId), eq(ownerVotes.status, 'open'), sql`${ownerVotes.closesAt} > now()`))
      .returning();
    if (!updated) throw conflict('vote.closed', [{ field: 'voteId', message: 'deadline-passed' }]);
    return { voterId, choice: inserted.choice, castAt: inserted.castAt.toISOString(), repeated: false, participation: participationOf(updated) };
  });
}

/** An owner on the roll records a proxy before casting: another owner (who then casts) or a named person. */
export async function recordProxy(ctx: ApiContext, user: SessionUser, voteId: string, request: ProxyRequest) {
  const vote = await findVote(ctx, voteId);
  if (vote.status !== 'open') throw conflict('vote.proxy-when-open', [{ field: 'voteId', message: 'vote-stage', params: { status: vote.status } }]);
  const mine = await ownRollEntry(ctx.db, user, voteId);
  let proxyName = request.proxyName ?? '';
  if (request.proxyOwnerId) {
    const [holder] = await ctx.db
      .select({ label: voteRoll.label, voterId: voteRoll.voterId })
      .from(voteRollOwners)
      .innerJoin(voteRoll, and(eq(voteRoll.voteId, voteRollOwners.voteId), eq(voteRoll.voterId, voteRollOwners.voterId)))
      .where(and(eq(voteRollOwners.voteId, voteId), eq(voteRollOwners.ownerId, request.proxyOwnerId)));
    if (!holder) throw unprocessable('vote.proxy-not-on-roll', [{ field: 'proxyOwnerId', message: 'not-on-roll' }]);
    if (holder.voterId === mine.voterId) throw unprocessable('vote.proxy-co-owner', [{ field: 'proxyOwnerId', message: 'shares-your-ballot' }]);
    proxyName = request.proxyName ?? holder.label;
  }
  const [cast] = await ctx.db.select().from(ballots).where(and(eq(ballots.voteId, voteId), eq(ballots.voterId, mine.voterId)));
  if (cast) throw conflict('vote.ballot-cast', [{ field: 'voteId', message: 'already-voted' }]);
  const row = { voteId, voterId: mine.voterId, proxyOwnerId: request.proxyOwnerId ?? null, proxyName, recordedBy: user.id };
  await ctx.db.insert(voteProxies).values(row).onConflictDoUpdate({ target: [voteProxies.voteId, voteProxies.voterId], set: { ...row, recordedAt: new Date() } });
  return { voterId: mine.voterId, proxyOwnerId: row.proxyOwnerId, proxyName };
}

/** An owner on the roll objects to the published result within the objection period. */
export async function fileObjection(ctx: ApiContext, user: SessionUser, voteId: string, request: ObjectionRequest) {
  const vote = await findVote(ctx, voteId);
  if (vote.status !== 'objection-period') throw conflict('vote.objection-period-only', [{ field: 'voteId', message: 'vote-stage', params: { status: vote.status } }]);
  await ownRollEntry(ctx.db, user, voteId);
  await ctx.db.insert(voteObjections).values({ voteId, ownerId: user.ownerId!, reason: request.reason, filedBy: user.id }).onConflictDoNothing();
  return { voteId, filed: true };
}

async function evidenceVote(ctx: ApiContext, voteId: string) {
  const vote = await findVote(ctx, voteId);
  if (!vote.rollDigest) throw conflict('vote.roll-not-frozen', [{ field: 'voteId', message: 'vote-stage', params: { status: vote.status } }]);
  return vote;
}

/** The roll as frozen: its SHA-256 is the vote's rollDigest. */
export async function rollEvidence(ctx: ApiContext, voteId: string): Promise<string> {
  await evidenceVote(ctx, voteId);
  return rollCsv(await loadRoll(ctx.db, voteId));
}

/** The ballots as counted: once voting closed, its SHA-256 is the vote's ballotsDigest. */
export async function ballotsEvidence(ctx: ApiContext, voteId: string): Promise<string> {
  const vote = await evidenceVote(ctx, voteId);
  if (!['counting', 'objection-period', 'final'].includes(vote.status)) {
    throw conflict('vote.ballots-after-close', [{ field: 'voteId', message: 'vote-stage', params: { status: vote.status } }]);
  }
  return ballotsCsv(await loadBallots(ctx.db, voteId));
}

export async function evidenceSummary(ctx: ApiContext, voteId: string) {
  const vote = await evidenceVote(ctx, voteId);
  const [{ objections }] = await ctx.db.select({ objections: sql<number>`count(*)::int` }).from(voteObjections).where(eq(voteObjections.voteId, voteId));
  return { vote: toView(vote, null), objections, ballots: await loadBallots(ctx.db, voteId), roll: await loadRoll(ctx.db, voteId) };
}
