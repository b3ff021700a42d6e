import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, processLinks, repairRecords, stepEvents, supplierEvaluations, supplierPenalties, tasks, vendorContracts, vendorTerminations } from '../db/schema';
import { combinedScore, progressQuery, serviceComponents } from '../workflows/supplier-evaluation/messages';
import { EVALUATION, EVALUATION_TEST_TIMINGS, evaluationInput, startEvaluation } from './support/delivery-scenarios';
import { actor, complete, openTask } from './support/fault-scenarios';
import { eventually, startTestStack, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** Closed vendor repairs: some late (their `vendorOverdue` step fired), with owners' ratings. */
async function repairHistory(vendorId: string, repairs: Array<{ late: boolean; rating: number | null }>) {
  for (const repair of repairs) {
    const workflowId = `fault-repair-history-${randomUUID()}`;
    await stack.db.insert(repairRecords).values({
      workflowId,
      system: 'cctv',
      location: { buildingId: 'b1' },
      symptoms: 'Camera offline',
      cause: 'Power supply',
      repairProcess: 'Replaced the power supply',
      partsReplaced: ['PSU'],
      timeSpentMinutes: 60,
      repairedBy: 'Vendor staff',
      vendorId,
      verifiedBy: 'Wang Lei',
      reworkCount: 0,
      closedAt: new Date(),
      rating: repair.rating,
    });
    if (repair.late) await stack.db.insert(stepEvents).values({ workflowId, seq: 1, stepId: 'vendorOverdue', event: 'completed', visit: 1, at: new Date() });
  }
}

async function departmentsEvaluate(workflowId: string, form: object) {
  await complete(stack.client, workflowId, (await openTask(stack.db, workflowId, 'evaluateByTechnology')).id, actor('techsup'), form);
  await complete(stack.client, workflowId, (await openTask(stack.db, workflowId, 'evaluateByUsers')).id, actor('monitor'), form);
}

/** Evaluation, rectification, re-evaluation, penalty: up to the termination decision. */
async function poorTwice(vendorId: string) {
  const handle = await startEvaluation(stack.client, stack.taskQueue, evaluationInput(vendorId));
  await departmentsEvaluate(handle.workflowId, EVALUATION.poor);
  const notice = await openTask(stack.db, handle.workflowId, 'rectifyService');
  expect(notice).toMatchObject({ candidateUsers: [`u-${vendorId.replace(/^v-/, 'vendor-')}`], candidateRoles: [] });
  await complete(stack.client, handle.workflowId, notice.id, actor(vendorId.replace(/^v-/, 'vendor-')), { measures: 'Added a night shift' });
  await departmentsEvaluate(handle.workflowId, EVALUATION.poor);
  const penalty = await openTask(stack.db, handle.workflowId, 'imposePenalty');
  await complete(stack.client, handle.workflowId, penalty.id, actor('procure'), { amount: 20000, contractClause: '§9.2 service levels', reason: 'Two poor evaluations in a row' });
  const decision = await openTask(stack.db, handle.workflowId, 'approveTermination');
  expect(decision.candidateRoles).toEqual(['management']);
  return { handle, decision };
}

describe('supplier evaluation (P2.2c) on a real dev server', () => {
  it('scores from the SLA record and ratings with the departments; a good score closes it', async () => {
    await repairHistory('v-cctv', [
      { late: false, rating: 5 },
      { late: false, rating: 4 },
      { late: true, rating: 2 },
      { late: false, rating: null },
    ]);
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startEvaluation(stack.client, stack.taskQueue, evaluationInput('v-cctv'));
      const technology = await openTask(stack.db, handle.workflowId, 'evaluateByTechnology');
      const users = await openTask(stack.db, handle.workflowId, 'evaluateByUsers');
      expect(technology.candidateRoles).toEqual(['technician', 'tech-supervisor']);
      expect(users.candidateRoles).toEqual(['monitoring-operator', 'guard', 'management']);
      expect(technology.context).toMatchObject({ serviceRecord: { repairsOnTime: 3, repairsLate: 1, ratings: 3 }, slaScore: 75 });
      await departmentsEvaluate(handle.workflowId, EVALUATION.good);
      expect(await handle.result()).toEqual({ result: 'good', scores: [expect.any(Number)] });
      const [row] = await stack.db.select().from(supplierEvaluations).where(eq(supplierEvaluations.workflowId, handle.workflowId));
      // 88 from both departments, 75 on SLA, ratings 11/3 → 66.7.
      expect(row).toMatchObject({ technologyScore: 88, userScore: 88, slaScore: '75.0', ratingScore: '66.7', repairsOnTime: 3, repairsLate: 1, poor: false });
      expect(Number(row.score)).toBe(combinedScore({ technology: 88, user: 88, sla: 75, rating: 66.7 }, evaluationInput('v-cctv').policy.weights));
      expect((await handle.query(progressQuery)).steps.rectifyService).toBeUndefined();
    });
  });

  it('poor → rectification → still poor → penalty → termination approved: contracts inactive, registry terminated', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const { handle, decision } = await poorTwice('v-network');
      await complete(stack.client, handle.workflowId, decision.id, actor('manager'), { approved: true });
      expect(await handle.result()).toMatchObject({ result: 'terminated', scores: [35, 35] });
      const contracts = await stack.db.select().from(vendorContracts).where(eq(vendorContracts.vendorId, 'v-network'));
      expect(contracts.every((contract) => !contract.active)).toBe(true);
      const [termination] = await stack.db.select().from(vendorTerminations).where(eq(vendorTerminations.vendorId, 'v-network'));
      expect(termination).toMatchObject({ workflowId: handle.workflowId, approvedBy: 'u-manager' });
      const [penalty] = await stack.db.select().from(supplierPenalties).where(eq(supplierPenalties.workflowId, handle.workflowId));
      expect(penalty).toMatchObject({ vendorId: 'v-network', amount: '20000.00', imposedBy: 'u-procure' });
      const rounds = await stack.db.select().from(supplierEvaluations).where(eq(supplierEvaluations.workflowId, handle.workflowId));
      expect(rounds.map((round) => round.poor)).toEqual([true, true]);
      const progress = await handle.query(progressQuery);
      expect(progress.steps.scoreServiceRecord.visits).toBe(2);
      expect(progress.steps.terminateContract.status).toBe('completed');
    });
  });

  it('termination rejected by management: the contract continues', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const { handle, decision } = await poorTwice('v-smart-home');
      const refused = await complete(stack.client, handle.workflowId, decision.id, actor('manager'), { approved: false }).catch((error: unknown) => error);
      // Rejecting needs a reason.
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(((refused as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('InvalidPayload');
      expect(((refused as WorkflowUpdateFailedError).cause as ApplicationFailure).details).toEqual([expect.objectContaining({ field: 'comment' })]);
      await complete(stack.client, handle.workflowId, decision.id, actor('manager'), { approved: false, comment: 'No alternative supplier before the winter' });
      expect(await handle.result()).toMatchObject({ result: 'retained' });
      const [contract] = await stack.db.select().from(vendorContracts).where(eq(vendorContracts.vendorId, 'v-smart-home'));
      expect(contract.active).toBe(true);
      expect(await stack.db.select().from(vendorTerminations).where(eq(vendorTerminations.vendorId, 'v-smart-home'))).toEqual([]);
      expect((await handle.query(progressQuery)).steps.terminateContract).toBeUndefined();
    });
  });

  it('a late rectification reminds the supplier, alerts procurement, and an improved re-evaluation closes it', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startEvaluation(stack.client, stack.taskQueue, evaluationInput('v-intrusion-alarm', { timings: { ...EVALUATION_TEST_TIMINGS, rectificationDueMs: 2500, rectificationReminderMs: 1000 } }));
      await departmentsEvaluate(handle.workflowId, EVALUATION.poor);
      const notice = await openTask(stack.db, handle.workflowId, 'rectifyService');
      const escalated = await eventually(async () => {
        const [row] = await stack.db.select().from(tasks).where(eq(tasks.id, notice.id));
        return row.candidateRoles.includes('procurement') ? row : undefined;
      });
      expect(escalated.candidateUsers).toEqual(['u-vendor-intrusion-alarm']);
      expect((await handle.query(progressQuery)).steps.rectificationReminder.visits).toBeGreaterThanOrEqual(1);
      await complete(stack.client, handle.workflowId, notice.id, actor('procure'), { measures: 'Vendor replaced the site engineer' });
      await departmentsEvaluate(handle.workflowId, EVALUATION.good);
      expect(await handle.result()).toEqual({ result: 'improved', scores: [35, 88] });
    });
  });

  it('links the evaluation to the supplier’s deliveries', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const deliveryId = `project-delivery-test-${randomUUID()}`;
      await stack.db.insert(deliveries).values({ workflowId: deliveryId, contractId: 'c-x', projectId: 'p-x', vendorId: 'v-elevator-monitoring', title: 'Lift monitors', deliveryDate: new Date(), status: 'accepted' });
      const handle = await startEvaluation(stack.client, stack.taskQueue, evaluationInput('v-elevator-monitoring'));
      await openTask(stack.db, handle.workflowId, 'evaluateByTechnology');
      const links = await stack.db.select().from(processLinks).where(eq(processLinks.fromWorkflowId, handle.workflowId));
      expect(links).toEqual([expect.objectContaining({ toWorkflowId: deliveryId, relation: 'delivery' })]);
      await handle.terminate('test done');
    });
  });
});

describe('the score (pure)', () => {
  it('rescales over the components that have data', () => {
    const weights = { technology: 0.3, user: 0.3, sla: 0.25, rating: 0.15 };
    expect(combinedScore({ technology: 80, user: 60, sla: null, rating: null }, weights)).toBe(70);
    expect(combinedScore({ technology: null, user: null, sla: null, rating: null }, weights)).toBe(0);
    expect(serviceComponents({ repairsOnTime: 0, repairsLate: 0, ratings: 0, averageRating: null })).toEqual({ sla: null, rating: null });
    expect(serviceComponents({ repairsOnTime: 1, repairsLate: 3, ratings: 2, averageRating: 5 })).toEqual({ sla: 25, rating: 100 });
  });
});
