import { and, asc, desc, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { startProcess } from './start-process';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, forbidden, notFound } from '../http/problem';
import { canOnAny } from '../../contracts/permissions';
import { momentText } from '../../contracts/problem-texts';
import type { BidRequest, ProcurementRequest } from '../../contracts/procurement';
import { bids, bidScores, panelMembers, procurementContracts, procurementInvitations, procurements, users, vendors } from '../../db/schema';
import { eraseDataKeys } from '../../db/sealed/envelope';
import { openBidContent, sealBidContent } from '../../db/sealed/records';
import { procurementProcess } from '../../workflows/procurement/definition';
import type { ProcurementInput } from '../../workflows/procurement/messages';

/** Starts the procurement of a project (P2.2b); idempotent on the project id. */
export async function startProcurement(ctx: ApiContext, user: SessionUser, request: ProcurementRequest) {
  const workflowId = procurementProcess.workflowId(request.projectId);
  const input: ProcurementInput = { ...request, requestedBy: user.id };
  await startProcess(ctx, procurementProcess, { workflowId, input: input, title: request.title, startedBy: user.id });
  return { workflowId };
}

/** Staff follow every procurement; a supplier only those it is invited to (procurement.read's own rule). */
const isStaff = (user: SessionUser) => canOnAny(user, 'procurement.read');

async function findProcurement(ctx: ApiContext, workflowId: string) {
  const row = await ctx.db.query.procurements.findFirst({ where: eq(procurements.workflowId, workflowId) });
  if (!row) throw notFound('procurement.unknown', { workflowId });
  return row;
}

async function requireInvited(ctx: ApiContext, user: SessionUser, workflowId: string) {
  if (!user.vendorId) throw forbidden('procurement.supplier-staff-only');
  const invitation = await ctx.db.query.procurementInvitations.findFirst({
    where: and(eq(procurementInvitations.procurementWorkflowId, workflowId), eq(procurementInvitations.vendorId, user.vendorId)),
  });
  if (!invitation) throw forbidden('procurement.not-invited', [{ field: 'vendorId', message: 'not-invited' }]);
  return user.vendorId;
}

/** The SHA-256 of a bid's content: the supplier's receipt, and proof at the opening that nothing changed. */
export const bidHash = (bidId: string, content: Omit<BidRequest, 'bidId'>) =>
  createHash('sha256').update(JSON.stringify([bidId, content.priceYuan, content.technicalProposal, content.deliveryDate, content.afterSalesTerms])).digest('hex');

/**
 * P2.2b: a sealed bid. Only an invited, still qualified supplier, only until the deadline; the row
 * lock orders it against the opening. The bid is stored encrypted and never passes through the
 * process before the opening.
 */
export async function submitBid(ctx: ApiContext, user: SessionUser, workflowId: string, request: BidRequest) {
  const procurement = await findProcurement(ctx, workflowId);
  const vendorId = await requireInvited(ctx, user, workflowId);
  const vendor = await ctx.db.query.vendors.findFirst({ where: eq(vendors.id, vendorId) });
  if (vendor?.qualificationStatus !== 'qualified') {
    throw forbidden('procurement.not-qualified', [{ field: 'vendorId', message: 'not-qualified', params: { status: vendor?.qualificationStatus ?? 'unknown' } }]);
  }
  const { bidId, ...content } = request;
  const contentHash = bidHash(bidId, content);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(procurements).where(eq(procurements.workflowId, procurement.workflowId)).for('update');
    const [existing] = await tx.select().from(bids).where(and(eq(bids.procurementWorkflowId, workflowId), eq(bids.vendorId, vendorId)));
    if (existing?.id === bidId) {
      if (existing.contentHash !== contentHash) throw conflict('procurement.bid-taken', { bidId }, [{ field: 'bidId', message: 'already-used' }]);
      return { bidId, procurementWorkflowId: workflowId, submittedAt: existing.submittedAt.toISOString(), contentHash };
    }
    const now = new Date();
    if (current.openedAt || !current.bidDeadline || now >= current.bidDeadline) {
      const field = [{ field: 'bidId', message: current.openedAt ? ('bids-open' as const) : ('outside-bid-window' as const) }];
      throw current.bidDeadline ? conflict('procurement.deadline-passed', { deadline: momentText(current.bidDeadline) }, field) : conflict('procurement.not-open', field);
    }
    // A supplier may replace its sealed bid before the deadline; the last one counts, the replaced one is shredded.
    if (existing) {
      await tx.delete(bids).where(eq(bids.id, existing.id));
      await eraseDataKeys(tx, [existing.dataKeyId]);
    }
    const sealed = await sealBidContent(tx, bidId, content);
    await tx.insert(bids).values({ id: bidId, procurementWorkflowId: workflowId, vendorId, submittedBy: user.id, submittedAt: now, ...sealed, contentHash });
    return { bidId, procurementWorkflowId: workflowId, submittedAt: now.toISOString(), contentHash };
  });
}

/** A supplier's receipt of its own sealed bid (hash and time, never the content before the opening). */
export async function myBidReceipt(ctx: ApiContext, user: SessionUser, workflowId: string) {
  await findProcurement(ctx, workflowId);
  const vendorId = await requireInvited(ctx, user, workflowId);
  const [bid] = await ctx.db.select().from(bids).where(and(eq(bids.procurementWorkflowId, workflowId), eq(bids.vendorId, vendorId)));
  if (!bid) throw notFound('procurement.no-bid');
  return { bidId: bid.id, procurementWorkflowId: workflowId, submittedAt: bid.submittedAt.toISOString(), contentHash: bid.contentHash };
}

function sealed(procurement: typeof procurements.$inferSelect) {
  const field = [{ field: 'openedAt', message: 'not-opened' as const }];
  return procurement.bidDeadline ? forbidden('procurement.sealed', { opening: momentText(procurement.bidDeadline) }, field) : forbidden('procurement.sealed-no-deadline', field);
}

async function openedBids(ctx: ApiContext, user: SessionUser, workflowId: string) {
  const procurement = await findProcurement(ctx, workflowId);
  // The seal holds for every role, the bidder and management included.
  if (!procurement.openedAt) throw sealed(procurement);
  const staff = isStaff(user);
  if (!staff) await requireInvited(ctx, user, workflowId);
  const rows = await ctx.db
    .select({ bid: bids, vendorName: vendors.name })
    .from(bids)
    .innerJoin(vendors, eq(vendors.id, bids.vendorId))
    .where(eq(bids.procurementWorkflowId, workflowId))
    .orderBy(asc(bids.submittedAt), asc(bids.id));
  const readable = rows.filter(({ bid }) => staff || bid.vendorId === user.vendorId);
  return Promise.all(
    readable.map(async ({ bid, vendorName }) => {
      const content = await openBidContent<Omit<BidRequest, 'bidId'>>(ctx.db, bid, procurement.openedAt);
      return {
        bidId: bid.id,
        vendorId: bid.vendorId,
        vendorName,
        submittedAt: bid.submittedAt.toISOString(),
        contentHash: bid.contentHash,
        priceYuan: content.priceYuan,
        technicalProposal: content.technicalProposal,
        deliveryDate: content.deliveryDate,
        afterSalesTerms: content.afterSalesTerms,
      };
    }),
  );
}

/** The bids, after the opening only (403 to everyone before it). Suppliers read their own. */
export async function listBids(ctx: ApiContext, user: SessionUser, workflowId: string) {
  return { items: await openedBids(ctx, user, workflowId) };
}

export async function getBid(ctx: ApiContext, user: SessionUser, workflowId: string, bidId: string) {
  const items = await openedBids(ctx, user, workflowId);
  const bid = items.find((item) => item.bidId === bidId);
  if (!bid) throw notFound('procurement.unknown-bid', { bidId });
  return bid;
}

const toSummary = (row: typeof procurements.$inferSelect) => ({
  workflowId: row.workflowId,
  projectId: row.projectId,
  planWorkflowId: row.planWorkflowId,
  title: row.title,
  estimateYuan: row.estimateYuan,
  system: row.system,
  method: row.method,
  status: row.status,
  bidDeadline: row.bidDeadline?.toISOString() ?? null,
  openedAt: row.openedAt?.toISOString() ?? null,
});

export async function listProcurements(ctx: ApiContext, user: SessionUser) {
  if (isStaff(user)) {
    const rows = await ctx.db.select().from(procurements).orderBy(desc(procurements.createdAt)).limit(200);
    return { items: rows.map(toSummary) };
  }
  if (!user.vendorId) return { items: [] };
  const rows = await ctx.db
    .select({ row: procurements })
    .from(procurements)
    .innerJoin(procurementInvitations, eq(procurementInvitations.procurementWorkflowId, procurements.workflowId))
    .where(eq(procurementInvitations.vendorId, user.vendorId))
    .orderBy(desc(procurements.createdAt))
    .limit(200);
  return { items: rows.map(({ row }) => toSummary(row)) };
}

export async function getProcurement(ctx: ApiContext, user: SessionUser, workflowId: string) {
  const row = await findProcurement(ctx, workflowId);
  const staff = isStaff(user);
  if (!staff) await requireInvited(ctx, user, workflowId);
  const [invited, panel, scores, contract] = await Promise.all([
    ctx.db
      .select({ vendorId: vendors.id, name: vendors.name })
      .from(procurementInvitations)
      .innerJoin(vendors, eq(vendors.id, procurementInvitations.vendorId))
      .where(eq(procurementInvitations.procurementWorkflowId, workflowId))
      .orderBy(asc(vendors.id)),
    staff
      ? ctx.db
          .select({ userId: panelMembers.userId, displayName: users.displayName, conflict: panelMembers.conflict, statement: panelMembers.statement })
          .from(panelMembers)
          .innerJoin(users, eq(users.id, panelMembers.userId))
          .where(eq(panelMembers.procurementWorkflowId, workflowId))
          .orderBy(asc(panelMembers.userId))
      : [],
    staff && row.openedAt
      ? ctx.db.select().from(bidScores).where(eq(bidScores.procurementWorkflowId, workflowId)).orderBy(asc(bidScores.userId), asc(bidScores.bidId))
      : [],
    ctx.db.query.procurementContracts.findFirst({ where: eq(procurementContracts.procurementWorkflowId, workflowId) }),
  ]);
  return {
    ...toSummary(row),
    requirements: row.requirements,
    methodReason: row.methodReason,
    // Bidding Law art. 22: until the opening a supplier learns neither who else was invited nor how many.
    invited: staff || row.openedAt ? invited : invited.filter((entry) => entry.vendorId === user.vendorId),
    // Before the opening the detail carries no bids at all, not even their number.
    bids: row.openedAt ? await openedBids(ctx, user, workflowId) : null,
    panel,
    scores: scores.map((score) => ({ userId: score.userId, bidId: score.bidId, price: score.price, technical: score.technical, afterSales: score.afterSales, weighted: score.weighted / 100 })),
    awardedVendorId: row.openedAt ? row.awardedVendorId : null,
    contract:
      contract && (staff || contract.vendorId === user.vendorId)
        ? {
            id: contract.id,
            vendorId: contract.vendorId,
            priceYuan: contract.priceYuan,
            rightsAndObligations: contract.rightsAndObligations,
            specs: contract.specs,
            deliveryDate: contract.deliveryDate,
            afterSalesTerms: contract.afterSalesTerms,
            repairSlaSeconds: contract.repairSlaSeconds,
            approvedBy: contract.approvedBy,
            signedAt: contract.signedAt.toISOString(),
          }
        : null,
  };
}
