import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { getFiling, listFilings, listPlans, startAnnualPlan } from '../use-cases/annual-plan';
import { ballotsEvidence, castBallot, fileObjection, getParticipation, getVote, listVotes, recordProxy, requestVote, rollEvidence } from '../use-cases/owners-vote';
import { votePdf } from '../use-cases/vote-evidence-pdf';
import { listOf, workflowStarted } from '../../contracts/common';
import { ballotCast, ballotRequest, filingDetail, filingView, objectionFiled, objectionRequest, planRequest, planView, proxyRecorded, proxyRequest, voteParticipation, voteRequest, voteRequested, voteView } from '../../contracts/governance';

/** The roll and the ballots name owners and how they voted: each download is logged (P5.3c). */
const evidenceRead = { kind: 'vote-evidence', scope: 'export', read: ({ params }: { params: Record<string, string> }) => ({ recordIds: [params.voteId] }) } as const;

/** P2.1a–c: annual plans, committee filings and owners' votes. */
export const governanceRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/plans',
    summary: "Start a year's annual plan (P2.1a); idempotent on planId",
    access: 'annual-plan.start',
    body: planRequest,
    response: workflowStarted,
    status: 201,
    handle: ({ user, body }) => startAnnualPlan(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/plans',
    summary: 'Approved annual plans and their projects (P2.1a–c)',
    access: 'governance.read',
    response: listOf(planView),
    handle: () => listPlans(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/filings',
    summary: "Filings with the owners' committee and their receipts (P2.1c)",
    access: 'governance.read',
    response: listOf(filingView),
    handle: () => listFilings(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/filings/:workflowId',
    summary: 'One filing with its dated package',
    access: 'governance.read',
    response: filingDetail,
    handle: ({ params }) => getFiling(ctx, params.workflowId),
  }),
  defineRoute({
    method: 'post',
    path: '/votes',
    summary: "Put a matter to the owners' vote (P2.1c, art. 278); idempotent on voteId",
    access: 'owners-vote.start',
    body: voteRequest,
    response: voteRequested,
    status: 201,
    handle: ({ user, body }) => requestVote(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/votes',
    summary: "Owners' votes, with live participation and the signed-in owner's ballot",
    access: 'signed-in',
    response: listOf(voteView),
    handle: ({ user }) => listVotes(ctx, user),
  }),
  defineRoute({
    method: 'get',
    path: '/votes/:voteId',
    summary: "One owners' vote",
    access: 'signed-in',
    response: voteView,
    handle: ({ user, params }) => getVote(ctx, user, params.voteId),
  }),
  defineRoute({
    method: 'get',
    path: '/votes/:voteId/participation',
    summary: 'Live participation by area and by head count',
    access: 'signed-in',
    response: voteParticipation,
    handle: ({ params }) => getParticipation(ctx, params.voteId),
  }),
  defineRoute({
    method: 'post',
    path: '/votes/:voteId/ballots',
    summary: 'Cast the ballot of the signed-in owner (or as their recorded proxy); repeating it is harmless',
    access: 'owners-vote.cast',
    body: ballotRequest,
    response: ballotCast,
    handle: ({ user, params, body }) => castBallot(ctx, user, params.voteId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/votes/:voteId/proxy',
    summary: 'Record a proxy (another owner or a named person) who casts your ballot',
    access: 'owners-vote.proxy',
    body: proxyRequest,
    response: proxyRecorded,
    handle: ({ user, params, body }) => recordProxy(ctx, user, params.voteId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/votes/:voteId/objections',
    summary: 'Object to the published result within the objection period',
    access: 'owners-vote.object',
    body: objectionRequest,
    response: objectionFiled,
    status: 201,
    handle: ({ user, params, body }) => fileObjection(ctx, user, params.voteId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/votes/:voteId/evidence/roll.csv',
    summary: 'The frozen voter roll; its SHA-256 is the rollDigest',
    access: 'owners-vote.evidence',
    raw: { contentType: 'text/csv' },
    personalData: evidenceRead,
    handle: async ({ params, res }) => {
      const csv = await rollEvidence(ctx, params.voteId);
      res.type('text/csv; charset=utf-8').attachment(`${params.voteId}-roll.csv`).send(Buffer.from(csv, 'utf8'));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/votes/:voteId/evidence/ballots.csv',
    summary: 'The counted ballots; their SHA-256 is the ballotsDigest',
    access: 'owners-vote.evidence',
    raw: { contentType: 'text/csv' },
    personalData: evidenceRead,
    handle: async ({ params, res }) => {
      const csv = await ballotsEvidence(ctx, params.voteId);
      res.type('text/csv; charset=utf-8').attachment(`${params.voteId}-ballots.csv`).send(Buffer.from(csv, 'utf8'));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/votes/:voteId/evidence.pdf',
    summary: 'The evidence pack: tally, digests of the roll and the ballots, every voter and ballot',
    access: 'owners-vote.evidence',
    raw: { contentType: 'application/pdf' },
    personalData: evidenceRead,
    handle: async ({ params, res }) => {
      const pdf = await votePdf(ctx, params.voteId);
      res.type('application/pdf').attachment(`${params.voteId}-evidence.pdf`).send(pdf);
    },
  }),
];
