import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bidScores, panelMembers, processLinks, procurementContracts, procurements, qualificationReviews, supplierDocuments, tasks, vendorContracts, vendors } from '../db/schema';
import { progressQuery, rankBids, weightedScore } from '../workflows/procurement/messages';
import { complete as completeFault, DIAGNOSIS, faultInput, openTask as openFaultTask, startFault } from './support/fault-scenarios';
import {
  actor,
  actorOf,
  bidAs,
  CCTV_SUPPLIERS,
  complete,
  CONTRACT,
  openTask,
  openTasks,
  procurementInput,
  qualificationInput,
  scoresFor,
  startProcurement,
  startQualification,
  throughEvaluation,
} from './support/procurement-scenarios';
import { ensureRequalificationSchedule } from '../api/use-cases/suppliers';
import { notifications } from '../db/schema';
import { eventually, startTestStack, type TestStack } from './support/stack';
import { updateRejection } from './support/update-rejection';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});


const SCORES = { high: { qualification: 85, reputation: 80, technicalStrength: 75, afterSales: 90 }, low: { qualification: 50, reputation: 40, technicalStrength: 55, afterSales: 60 } };

async function newSupplier(id: string, licenceExpires: string) {
  await stack.db.insert(vendors).values({ id, name: `Supplier ${id}` });
  await stack.db.insert(supplierDocuments).values({ id: `${id}-licence`, vendorId: id, kind: 'business-licence', title: 'Business licence', expiresOn: licenceExpires, createdBy: 'u-admin' });
}

describe('supplier qualification (P2.2a) on a real dev server', () => {
  it('approve path: scores at or above the pass mark qualify the supplier until its re-qualification date', async () => {
    await newSupplier('v-wf-good', '2099-01-01');
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startQualification(stack.client, stack.taskQueue, qualificationInput('v-wf-good'));
      const review = await openTask(stack.db, handle.workflowId, 'reviewQualification');
      expect(review.candidateRoles).toEqual(['tech-supervisor']);
      expect(review.context).toMatchObject({ hasValidLicence: true, documents: [{ kind: 'business-licence', state: 'valid' }] });
      expect((await updateRejection(complete(stack.client, handle.workflowId, review.id, actor('procure'), SCORES.high))).type).toBe('NotCandidate');
      await complete(stack.client, handle.workflowId, review.id, actor('techsup'), SCORES.high);
      expect(await handle.result()).toEqual({ decision: 'qualified', total: 83, reason: 'average 83 meets the pass mark 60' });
      const vendor = await stack.db.query.vendors.findFirst({ where: eq(vendors.id, 'v-wf-good') });
      expect(vendor?.qualificationStatus).toBe('qualified');
      expect(vendor!.requalifyDueAt!.getTime() - vendor!.qualifiedAt!.getTime()).toBe(3600_000);
      const [row] = await stack.db.select().from(qualificationReviews).where(eq(qualificationReviews.workflowId, handle.workflowId));
      expect(row).toMatchObject({ decision: 'qualified', total: 83, reviewedBy: 'u-techsup', kind: 'initial' });
      expect((await handle.query(progressQuery)).steps.supplierQualified.status).toBe('completed');
    });
  });

  it('reject paths: scores below the pass mark, or an expired licence whatever the scores', async () => {
    await newSupplier('v-wf-weak', '2099-01-01');
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const weak = await startQualification(stack.client, stack.taskQueue, qualificationInput('v-wf-weak'));
      await complete(stack.client, weak.workflowId, (await openTask(stack.db, weak.workflowId, 'reviewQualification')).id, actor('techsup'), SCORES.low);
      expect(await weak.result()).toMatchObject({ decision: 'rejected', total: 51 });
      // v-pending's licence expired five days ago (demo registry).
      const expired = await startQualification(stack.client, stack.taskQueue, qualificationInput('v-pending'));
      const review = await openTask(stack.db, expired.workflowId, 'reviewQualification');
      expect(review.context).toMatchObject({ hasValidLicence: false });
      await complete(stack.client, expired.workflowId, review.id, actor('techsup'), SCORES.high);
      expect(await expired.result()).toEqual({ decision: 'rejected', total: 83, reason: 'no valid business licence' });
      const rows = await stack.db.select({ id: vendors.id, status: vendors.qualificationStatus }).from(vendors).where(eq(vendors.qualificationStatus, 'rejected'));
      expect(rows.map((row) => row.id).sort()).toEqual(['v-pending', 'v-wf-weak']);
      expect((await expired.query(progressQuery)).steps.supplierRejected.status).toBe('completed');
    });
  });
});

describe('periodic re-qualification (P2.2a) on a Temporal Schedule', () => {
  it('the scheduled sweep flags expiring documents and starts one re-qualification per due supplier, never twice', async () => {
    await stack.db.update(vendors).set({ requalifyDueAt: new Date(Date.now() - 60_000) }).where(eq(vendors.id, 'v-smart-home'));
    const scheduleId = `supplier-requalification-test-${Date.now()}`;
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const schedule = await ensureRequalificationSchedule(stack.client, stack.taskQueue, stack.config.api.suppliers, scheduleId);
      try {
        expect((await schedule.describe()).action).toMatchObject({ type: 'startWorkflow', workflowType: 'supplierRequalification' });
        await schedule.trigger();
        const due = new Date(Date.now() - 60_000).toISOString().slice(0, 10);
        const childId = `supplier-qualification-v-smart-home-due-${due}`;
        const review = await openTask(stack.db, childId, 'reviewQualification');
        expect(review.context).toMatchObject({ kind: 'requalification', vendorName: expect.stringContaining('SmartNest') });
        const flags = await eventually(async () => {
          const rows = await stack.db.select().from(notifications).where(eq(notifications.recipientRoles, ['tech-supervisor', 'procurement']));
          return rows.length >= 2 ? rows : undefined;
        });
        expect(flags.map((row) => row.message).sort()).toEqual([expect.stringMatching(/Huaan.*ISO 9001 expires on/), expect.stringMatching(/Xinrui.*licence expired on/)]);
        // A second sweep finds the same supplier due and the same re-qualification already running.
        const again = await stack.client.workflow.execute('supplierRequalification', {
          taskQueue: stack.taskQueue,
          workflowId: `${scheduleId}-again`,
          args: [{ reviewDueSeconds: 3600, requalifyAfterSeconds: 3600, passMark: 60 }],
        });
        expect(again).toEqual({ flaggedDocuments: 2, started: [] });
        await complete(stack.client, childId, review.id, actor('techsup'), SCORES.high);
        expect(await stack.client.workflow.getHandle(childId).result()).toMatchObject({ decision: 'qualified' });
        const vendor = await stack.db.query.vendors.findFirst({ where: eq(vendors.id, 'v-smart-home') });
        expect(vendor!.requalifyDueAt!.getTime()).toBeGreaterThan(Date.now());
      } finally {
        await schedule.delete();
      }
    });
  });
});

describe('procurement (P2.2b) on a real dev server', () => {
  it('inquiry with three quotes: award → contract → the vendor contract that fault repair then enforces', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startProcurement(stack.client, stack.taskQueue, procurementInput({ planWorkflowId: 'annual-plan-test-2027' }));
      const method = await openTask(stack.db, handle.workflowId, 'chooseMethod');
      expect(method.context).toMatchObject({ suggestedMethod: 'inquiry' });
      expect((method.context as { qualifiedSuppliers: Array<{ vendorId: string }> }).qualifiedSuppliers.map((supplier) => supplier.vendorId)).not.toContain('v-pending');
      const bidIds = await throughEvaluation(stack.client, stack.db, handle.workflowId, { winner: 0 });
      const draft = await openTask(stack.db, handle.workflowId, 'draftContract');
      expect(draft.context).toMatchObject({ winner: { bidId: bidIds[0], vendorId: 'v-anxin' } });
      await complete(stack.client, handle.workflowId, draft.id, actor('procure'), { ...CONTRACT, priceYuan: 78_000 });
      const outcome = await handle.result();
      expect(outcome).toMatchObject({ status: 'contracted', method: 'inquiry', vendorId: 'v-anxin', priceYuan: 78_000, contractId: `contract-${handle.workflowId}` });
      expect(await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, handle.workflowId), eq(tasks.stepId, 'approveContract')))).toEqual([]);

      const [contract] = await stack.db.select().from(procurementContracts).where(eq(procurementContracts.procurementWorkflowId, handle.workflowId));
      expect(contract).toMatchObject({ vendorId: 'v-anxin', bidId: bidIds[0], repairSlaSeconds: 7200, approvedBy: null, system: 'cctv' });
      const active = await stack.db.select().from(vendorContracts).where(and(eq(vendorContracts.system, 'cctv'), eq(vendorContracts.active, true)));
      expect(active).toEqual([expect.objectContaining({ vendorId: 'v-anxin', repairSlaSeconds: 7200, procurementContractId: contract.id })]);
      expect(await stack.db.select().from(bidScores).where(eq(bidScores.procurementWorkflowId, handle.workflowId))).toHaveLength(9);
      expect(await stack.db.select().from(processLinks).where(eq(processLinks.toWorkflowId, handle.workflowId))).toEqual([
        expect.objectContaining({ fromWorkflowId: 'annual-plan-test-2027', relation: 'procurement' }),
      ]);

      // P3.2b: a complex cctv fault now goes to the new vendor with the contract's SLA.
      const fault = await startFault(stack.client, stack.taskQueue, faultInput());
      await completeFault(stack.client, fault.workflowId, (await openFaultTask(stack.db, fault.workflowId, 'diagnoseFault')).id, actor('tech1'), DIAGNOSIS.complex);
      const vendorTask = await openFaultTask(stack.db, fault.workflowId, 'vendorRepair');
      expect(vendorTask.candidateUsers).toEqual(['u-vendor-anxin']);
      expect(vendorTask.dueAt.getTime() - vendorTask.createdAt.getTime()).toBe(7200_000);
      await eventually(async () => {
        const links = await stack.db.select().from(processLinks).where(and(eq(processLinks.fromWorkflowId, handle.workflowId), eq(processLinks.relation, 'repair')));
        return links.length === 1 && links[0].toWorkflowId === fault.workflowId ? true : undefined;
      });
      await fault.terminate('test done');
    });
  });

  it('rules of the method: inquiry only up to the threshold, negotiation only with a reason, enough invitees, qualified only', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startProcurement(stack.client, stack.taskQueue, procurementInput({ estimate: 500_000 }));
      const method = await openTask(stack.db, handle.workflowId, 'chooseMethod');
      expect(method.context).toMatchObject({ suggestedMethod: 'tender' });
      const invite = (vendorIds: string[], extra: Record<string, unknown>) => complete(stack.client, handle.workflowId, method.id, actor('procure'), { invitedVendorIds: vendorIds, ...extra });
      expect(await updateRejection(invite([...CCTV_SUPPLIERS], { method: 'inquiry' }))).toEqual({ type: 'InvalidPayload', fields: ['method'] });
      expect(await updateRejection(invite(['v-anxin'], { method: 'negotiation' }))).toEqual({ type: 'InvalidPayload', fields: ['reason'] });
      expect(await updateRejection(invite(['v-anxin', 'v-huaan'], { method: 'tender' }))).toEqual({ type: 'InvalidPayload', fields: ['invitedVendorIds'] });
      expect(await updateRejection(invite(['v-anxin', 'v-huaan', 'v-pending'], { method: 'tender' }))).toMatchObject({ type: 'InvalidPayload', fields: ['invitedVendorIds.2'] });
      await invite(['v-anxin'], { method: 'negotiation', reason: 'Only the original installer can extend the proprietary NVR' });
      await eventually(async () => ((await stack.db.query.procurements.findFirst({ where: eq(procurements.workflowId, handle.workflowId) }))?.method === 'negotiation' ? true : undefined));
      // No bid arrives: the opening finds none and the procurement ends.
      expect(await handle.result()).toEqual({ status: 'cancelled', method: 'negotiation', reason: '0 bid(s), negotiation needs 1' });
      expect((await handle.query(progressQuery)).steps.tooFewBids.status).toBe('completed');
    });
  });

  it('a panel of fewer than three is refused; a member declaring a conflict is excused and replaced', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startProcurement(stack.client, stack.taskQueue, procurementInput());
      const method = await openTask(stack.db, handle.workflowId, 'chooseMethod');
      await complete(stack.client, handle.workflowId, method.id, actor('procure'), { method: 'inquiry', invitedVendorIds: [...CCTV_SUPPLIERS] });
      await eventually(async () => ((await stack.db.query.procurements.findFirst({ where: eq(procurements.workflowId, handle.workflowId) }))?.status === 'bidding' ? true : undefined));
      const bids = [await bidAs(stack.db, 'vendor-anxin', handle.workflowId, 70_000), await bidAs(stack.db, 'vendor-cctv', handle.workflowId, 72_000), await bidAs(stack.db, 'vendor-huaan', handle.workflowId, 71_000)];
      const panel = await openTask(stack.db, handle.workflowId, 'appointPanel');
      const two = ['u-techsup', 'u-finance'];
      expect(await updateRejection(complete(stack.client, handle.workflowId, panel.id, actor('procure'), { memberUserIds: two }))).toEqual({ type: 'InvalidPayload', fields: ['memberUserIds'] });
      expect((await updateRejection(complete(stack.client, handle.workflowId, panel.id, actor('procure'), { memberUserIds: [...two, 'u-vendor-cctv'] }))).type).toBe('InvalidPayload');
      await complete(stack.client, handle.workflowId, panel.id, actor('procure'), { memberUserIds: [...two, 'u-manager'] });
      const declarations = await openTasks(stack.db, handle.workflowId, 'declareInterests', 3);
      for (const task of declarations) {
        const member = task.candidateUsers[0];
        expect((await updateRejection(complete(stack.client, handle.workflowId, task.id, actor('procure'), { conflict: false }))).type).toBe('NotCandidate');
        if (member === 'u-finance') {
          expect(await updateRejection(complete(stack.client, handle.workflowId, task.id, actorOf(member), { conflict: true }))).toEqual({ type: 'InvalidPayload', fields: ['statement'] });
          await complete(stack.client, handle.workflowId, task.id, actorOf(member), { conflict: true, statement: 'My brother works for Huaan' });
        } else {
          await complete(stack.client, handle.workflowId, task.id, actorOf(member), { conflict: false });
        }
      }
      const bidIds = bids.map((bid) => bid.bidId);
      for (const task of await openTasks(stack.db, handle.workflowId, 'scoreBids', 2)) {
        const { bid3AfterSales: _missing, ...partial } = scoresFor(bidIds);
        expect(await updateRejection(complete(stack.client, handle.workflowId, task.id, actorOf(task.candidateUsers[0]), { ...partial, bid1Price: 101 }))).toEqual({ type: 'InvalidPayload', fields: ['bid1Price', 'bid3AfterSales'] });
        await complete(stack.client, handle.workflowId, task.id, actorOf(task.candidateUsers[0]), scoresFor(bidIds, 2));
      }
      // Two members scored, one excused: the panel is appointed again, for one more, never the excused member.
      const again = await openTask(stack.db, handle.workflowId, 'appointPanel');
      expect(again.context).toMatchObject({ needed: 1, excused: ['u-finance'] });
      expect((await updateRejection(complete(stack.client, handle.workflowId, again.id, actor('procure'), { memberUserIds: ['u-finance'] }))).type).toBe('InvalidPayload');
      await complete(stack.client, handle.workflowId, again.id, actor('procure'), { memberUserIds: ['u-tech1'] });
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'declareInterests')).id, actor('tech1'), { conflict: false });
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'scoreBids')).id, actor('tech1'), scoresFor(bidIds, 2));
      const draft = await openTask(stack.db, handle.workflowId, 'draftContract');
      expect(draft.context).toMatchObject({ winner: { vendorId: 'v-huaan' } });
      const members = await stack.db.select().from(panelMembers).where(eq(panelMembers.procurementWorkflowId, handle.workflowId));
      expect(members.map((member) => [member.userId, member.conflict]).sort()).toEqual([
        ['u-finance', true],
        ['u-manager', false],
        ['u-tech1', false],
        ['u-techsup', false],
      ]);
      await handle.terminate('test done');
    });
  });

  it('above the approval threshold: management sends the draft back, then approves', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startProcurement(stack.client, stack.taskQueue, procurementInput({ estimate: 150_000, system: 'access-control', startDelivery: true }));
      await throughEvaluation(stack.client, stack.db, handle.workflowId, { prices: [140_000, 135_000, 150_000], winner: 2 });
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'draftContract')).id, actor('procure'), { ...CONTRACT, priceYuan: 150_000 });
      const approval = await openTask(stack.db, handle.workflowId, 'approveContract');
      expect(approval.candidateRoles).toEqual(['management']);
      expect((await updateRejection(complete(stack.client, handle.workflowId, approval.id, actor('procure'), { decision: 'approve' }))).type).toBe('NotCandidate');
      expect(await updateRejection(complete(stack.client, handle.workflowId, approval.id, actor('manager'), { decision: 'revise' }))).toEqual({ type: 'InvalidPayload', fields: ['comment'] });
      await complete(stack.client, handle.workflowId, approval.id, actor('manager'), { decision: 'revise', comment: 'Negotiate the price down' });
      const redraft = await openTask(stack.db, handle.workflowId, 'draftContract');
      expect(redraft.context).toMatchObject({ rejection: 'Negotiate the price down' });
      await complete(stack.client, handle.workflowId, redraft.id, actor('procure'), { ...CONTRACT, priceYuan: 145_000 });
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'approveContract')).id, actor('manager'), { decision: 'approve' });
      const outcome = await handle.result();
      const contractId = `contract-${handle.workflowId}`;
      expect(outcome).toMatchObject({ status: 'contracted', vendorId: 'v-huaan', priceYuan: 145_000, contractId, deliveryWorkflowId: `project-delivery-${contractId}` });
      const [contract] = await stack.db.select().from(procurementContracts).where(eq(procurementContracts.procurementWorkflowId, handle.workflowId));
      expect(contract).toMatchObject({ approvedBy: 'u-manager', priceYuan: 145_000 });
      // The delivery process starts as a child of type projectDelivery with the contract (that workflow is another branch's).
      const delivery = stack.client.workflow.getHandle(outcome.deliveryWorkflowId!);
      const description = await delivery.describe();
      expect(description.type).toBe('projectDelivery');
      const [started] = (await delivery.fetchHistory()).events!;
      const payload = started.workflowExecutionStartedEventAttributes!.input!.payloads![0];
      expect(JSON.parse(Buffer.from(payload.data!).toString())).toEqual({
        contractId,
        procurementWorkflowId: handle.workflowId,
        projectId: expect.stringMatching(/^p-/),
        vendorId: 'v-huaan',
        title: 'Replace the lobby cameras',
        deliveryDate: CONTRACT.deliveryDate,
      });
      expect(await stack.db.select().from(processLinks).where(eq(processLinks.fromWorkflowId, handle.workflowId))).toEqual([
        expect.objectContaining({ toWorkflowId: outcome.deliveryWorkflowId, relation: 'delivery' }),
      ]);
      await delivery.terminate('test done: projectDelivery is not registered on this branch');
      const active = await stack.db.select().from(vendorContracts).where(and(eq(vendorContracts.system, 'access-control'), eq(vendorContracts.active, true)));
      expect(active.map((row) => row.vendorId)).toEqual(['v-huaan']);
    });
  });

  it('above the approval threshold: management cancels, and nothing is contracted', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startProcurement(stack.client, stack.taskQueue, procurementInput({ estimate: 150_000, system: 'network' }));
      await throughEvaluation(stack.client, stack.db, handle.workflowId, { prices: [140_000, 135_000, 150_000] });
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'draftContract')).id, actor('procure'), { ...CONTRACT, priceYuan: 135_000 });
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'approveContract')).id, actor('manager'), { decision: 'cancel', comment: 'The budget was cut' });
      expect(await handle.result()).toEqual({ status: 'cancelled', method: 'inquiry', reason: 'The budget was cut' });
      expect(await stack.db.select().from(procurementContracts).where(eq(procurementContracts.procurementWorkflowId, handle.workflowId))).toEqual([]);
      const active = await stack.db.select().from(vendorContracts).where(and(eq(vendorContracts.system, 'network'), eq(vendorContracts.active, true)));
      expect(active.map((row) => row.vendorId)).toEqual(['v-network']);
      expect((await stack.db.query.procurements.findFirst({ where: eq(procurements.workflowId, handle.workflowId) }))?.status).toBe('cancelled');
    });
  });
});

describe('weighted ranking (P2.2b)', () => {
  it('weights the three scores and breaks ties on the lower price', () => {
    const weights = { price: 40, technical: 40, afterSales: 20 };
    expect(weightedScore({ price: 90, technical: 80, afterSales: 50 }, weights)).toBe(78);
    const bids = [
      { bidId: 'a', vendorId: 'v-a', vendorName: 'A', priceYuan: 100 },
      { bidId: 'b', vendorId: 'v-b', vendorName: 'B', priceYuan: 90 },
    ];
    const same = [{ bidId: 'a', price: 80, technical: 80, afterSales: 80 }, { bidId: 'b', price: 80, technical: 80, afterSales: 80 }];
    expect(rankBids(bids, [same], weights).map((bid) => bid.bidId)).toEqual(['b', 'a']);
    const panel = [[{ bidId: 'a', price: 100, technical: 100, afterSales: 100 }, { bidId: 'b', price: 50, technical: 50, afterSales: 50 }], same];
    expect(rankBids(bids, panel, weights)).toEqual([expect.objectContaining({ bidId: 'a', score: 90 }), expect.objectContaining({ bidId: 'b', score: 65 })]);
  });
});
