import type { Client } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { ApiContext } from '../../api/context';
import { submitBid } from '../../api/use-cases/procurement';
import type { Database } from '../../db/client';
import { tasks, users } from '../../db/schema';
import { DEMO_USERS } from '../../db/seed/demo-community';
import type { Actor } from '../../workflows/lib/messages';
import { scoreField, type ProcurementInput } from '../../workflows/procurement/messages';
import type { SupplierQualificationInput } from '../../workflows/supplier-qualification/messages';
import { actor, complete } from './fault-scenarios';
import { eventually } from './poll';

export { actor, complete };

/** The acting person for a user id of the demo community. */
export function actorOf(userId: string): Actor {
  const user = DEMO_USERS.find((candidate) => candidate.id === userId);
  if (!user) throw new Error(`no demo user ${userId}`);
  return actor(user.username);
}

export const PANEL = ['techsup', 'finance', 'manager'] as const;
export const CCTV_SUPPLIERS = ['v-anxin', 'v-cctv', 'v-huaan'] as const;

export function procurementInput(overrides: Partial<ProcurementInput> = {}): ProcurementInput {
  return {
    projectId: `p-${randomUUID().slice(0, 8)}`,
    title: 'Replace the lobby cameras',
    estimate: 80_000,
    system: 'cctv',
    requirements: '4 MP dome cameras, 30 days of recording',
    bidWindowSeconds: 4,
    taskDueSeconds: 3600,
    startDelivery: false,
    ...overrides,
  };
}

export function qualificationInput(vendorId: string, overrides: Partial<SupplierQualificationInput> = {}): SupplierQualificationInput {
  return { vendorId, kind: 'initial', requestedBy: 'u-procure', reviewDueSeconds: 3600, requalifyAfterSeconds: 3600, passMark: 60, ...overrides };
}

export async function startProcurement(client: Client, taskQueue: string, input: ProcurementInput) {
  return client.workflow.start('procurement', { taskQueue, workflowId: `procurement-test-${randomUUID()}`, args: [input] });
}

export async function startQualification(client: Client, taskQueue: string, input: SupplierQualificationInput) {
  return client.workflow.start('supplierQualification', { taskQueue, workflowId: `supplier-qualification-${input.vendorId}-${randomUUID()}`, args: [input] });
}

/** The open worklist rows of a step, once the process has written `count` of them. */
export function openTasks(db: Database, workflowId: string, stepId: string, count = 1) {
  return eventually(async () => {
    const rows = await db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));
    return rows.length >= count ? rows : undefined;
  });
}

export const openTask = async (db: Database, workflowId: string, stepId: string) => (await openTasks(db, workflowId, stepId))[0];

/** A supplier's staff submits a sealed bid through the same use case as the API. */
export async function bidAs(db: Database, username: string, workflowId: string, priceYuan: number) {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return submitBid({ db } as ApiContext, { ...user, roles: user.roles }, workflowId, {
    bidId: randomUUID(),
    priceYuan,
    technicalProposal: `${username}: 4 MP domes, NVR with 30 days`,
    deliveryDate: '2027-03-01',
    afterSalesTerms: '3 years on-site warranty',
  });
}

export const CONTRACT = {
  rightsAndObligations: 'Supplier installs and maintains; the company pays on acceptance',
  specs: '12 × 4 MP dome cameras, 1 NVR',
  deliveryDate: '2027-03-01',
  afterSalesTerms: '3 years on-site warranty',
  repairSlaSeconds: 7200,
};

/** Scores that make the bid at `bestIndex` win. */
export function scoresFor(bidIds: string[], bestIndex = 0) {
  const form: Record<string, number> = {};
  bidIds.forEach((_bidId, index) => {
    form[scoreField(index, 'Price')] = index === bestIndex ? 90 : 70;
    form[scoreField(index, 'Technical')] = index === bestIndex ? 85 : 60;
    form[scoreField(index, 'AfterSales')] = 80;
  });
  return form;
}

/**
 * Drives a procurement through method → bids → opening → panel → scores to the contract draft.
 * Returns the opened bid ids in opening order.
 */
export async function throughEvaluation(client: Client, db: Database, workflowId: string, options: { prices?: number[]; winner?: number } = {}) {
  const prices = options.prices ?? [78_000, 75_000, 82_000];
  const method = await openTask(db, workflowId, 'chooseMethod');
  await complete(client, workflowId, method.id, actor('procure'), { method: 'inquiry', invitedVendorIds: [...CCTV_SUPPLIERS] });
  await eventually(async () => ((await bidWindowOpen(db, workflowId)) ? true : undefined));
  const suppliers = ['vendor-anxin', 'vendor-cctv', 'vendor-huaan'];
  const receipts = [];
  for (const [index, price] of prices.entries()) receipts.push(await bidAs(db, suppliers[index], workflowId, price));
  const panel = await openTask(db, workflowId, 'appointPanel');
  await complete(client, workflowId, panel.id, actor('procure'), { memberUserIds: PANEL.map((username) => actor(username).userId) });
  const declarations = await openTasks(db, workflowId, 'declareInterests', PANEL.length);
  for (const task of declarations) await complete(client, workflowId, task.id, actorOf(task.candidateUsers[0]), { conflict: false });
  const bidIds = receipts.map((receipt) => receipt.bidId);
  const scoring = await openTasks(db, workflowId, 'scoreBids', PANEL.length);
  for (const task of scoring) {
    await complete(client, workflowId, task.id, actorOf(task.candidateUsers[0]), scoresFor(bidIds, options.winner ?? 1));
  }
  return bidIds;
}

async function bidWindowOpen(db: Database, workflowId: string) {
  const row = await db.query.procurements.findFirst({ where: (table, { eq: equals }) => equals(table.workflowId, workflowId) });
  return row?.status === 'bidding';
}
