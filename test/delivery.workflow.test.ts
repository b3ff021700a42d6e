import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceReports, deliveries, deliveryIssues, deliveryMilestones, notifications, processLinks, progressReports, tasks } from '../db/schema';
import { progressQuery } from '../workflows/project-delivery/messages';
import { CHECKLIST_PASS, deliveryInput, plan, startDelivery, TEAM, TEAM_USERNAMES } from './support/delivery-scenarios';
import { actor, complete, openTask } from './support/fault-scenarios';
import { eventually, startTestStack, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const notificationsOf = (workflowId: string) => stack.db.select().from(notifications).where(eq(notifications.workflowId, workflowId)).orderBy(notifications.id);

const REPORT = { summary: 'Gates installed and commissioned', percentComplete: 100, milestonesReached: ['Milestone 1', 'Milestone 2'], issues: [{ title: 'Gate 3 reader loose', severity: 'low' }], deliveryComplete: true };

describe('project delivery (P2.3a–b) on a real dev server', () => {
  it('a missed report is reminded then alerted to management; an overdue milestone alerts management; delivery starts acceptance', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const input = deliveryInput({}, { reportEveryMs: 1000, reportReminderMs: 1000, reportDueMs: 3000, milestoneGraceMs: 1000 });
      const handle = await startDelivery(stack.client, stack.taskQueue, input);
      const planTask = await openTask(stack.db, handle.workflowId, 'planImplementation');
      await complete(stack.client, handle.workflowId, planTask.id, actor('techsup'), plan([1, 600]));
      // The plan is stored by the step after the task: wait for it.
      const milestones = await eventually(async () => {
        const rows = await stack.db.select().from(deliveryMilestones).where(eq(deliveryMilestones.workflowId, handle.workflowId));
        return rows.length ? rows : undefined;
      });
      const delivery = await stack.db.select().from(deliveries).where(eq(deliveries.workflowId, handle.workflowId));
      expect(milestones.map((milestone) => milestone.name).sort()).toEqual(['Milestone 1', 'Milestone 2']);
      expect(delivery[0]).toMatchObject({ status: 'in-progress', projectLead: 'u-tech1', contractId: input.contractId, system: 'access-control' });

      // The lead lets the first report slide: reminders to the lead, then management is alerted.
      const report = await openTask(stack.db, handle.workflowId, 'reportProgress');
      expect(report).toMatchObject({ candidateUsers: ['u-tech1'], candidateRoles: [] });
      const sent = await eventually(async () => {
        const rows = await notificationsOf(handle.workflowId);
        return rows.some((row) => row.dedupeKey === `${report.id}.overdue`) ? rows : undefined;
      });
      const reminders = sent.filter((row) => row.dedupeKey.startsWith(`${report.id}.reminder.`));
      expect(reminders.length).toBeGreaterThanOrEqual(1);
      expect(reminders.every((row) => row.recipientUsers.includes('u-tech1') && row.recipientRoles.length === 0)).toBe(true);
      expect(sent.find((row) => row.dedupeKey === `${report.id}.overdue`)).toMatchObject({ recipientRoles: ['management'] });

      // Milestone 1 was due in 1 s with 1 s grace: management is alerted and reviews it.
      const milestoneAlert = sent.find((row) => row.dedupeKey === `${handle.workflowId}.m1.overdue.1`);
      expect(milestoneAlert).toMatchObject({ recipientRoles: ['management'], message: expect.stringContaining('Milestone 1') });
      const review = await openTask(stack.db, handle.workflowId, 'reviewOverdueMilestone');
      expect(review.candidateRoles).toEqual(['management']);
      const [overdue] = await stack.db.select().from(deliveryMilestones).where(and(eq(deliveryMilestones.workflowId, handle.workflowId), eq(deliveryMilestones.milestoneId, 'm1')));
      expect(overdue.overdueAt).not.toBeNull();
      await complete(stack.client, handle.workflowId, review.id, actor('manager'), { instruction: 'Add a second installation crew' });
      // The management alert is written before its step is recorded: wait for the step rather than race it.
      const progress = await eventually(async () => {
        const current = await handle.query(progressQuery);
        return current.steps.progressReportOverdue ? current : undefined;
      });
      expect(progress.steps.progressReminder.visits).toBeGreaterThanOrEqual(1);
      expect(progress.steps.progressReportOverdue.visits).toBe(1);
      expect(progress.steps.milestoneOverdue.visits).toBe(1);
      expect(progress.steps.reviewOverdueMilestone.status).toBe('completed');

      // The late report arrives and says delivered: the issues log has its entry, acceptance starts.
      await complete(stack.client, handle.workflowId, report.id, actor('tech1'), REPORT);
      const acceptanceId = handle.workflowId.replace('project-delivery-', 'project-acceptance-');
      const team = await openTask(stack.db, acceptanceId, 'formTeam');
      const issues = await stack.db.select().from(deliveryIssues).where(eq(deliveryIssues.workflowId, handle.workflowId));
      expect(issues.map((issue) => issue.source).sort()).toEqual(['milestone', 'report']);
      const [stored] = await stack.db.select().from(progressReports).where(eq(progressReports.taskId, report.id));
      expect(stored).toMatchObject({ percentComplete: 100, deliveryComplete: true, reportedBy: 'u-tech1' });
      expect(team.candidateRoles).toEqual(['tech-supervisor']);
      const links = await stack.db.select().from(processLinks).where(eq(processLinks.fromWorkflowId, handle.workflowId));
      expect(links.map(({ toWorkflowId, relation }) => ({ toWorkflowId, relation })).sort((a, b) => a.relation.localeCompare(b.relation))).toEqual([
        { toWorkflowId: acceptanceId, relation: 'acceptance' },
        { toWorkflowId: input.procurementWorkflowId, relation: 'procurement' },
      ]);
      expect((await handle.query(progressQuery)).steps.startAcceptance.status).toBe('active');
      await handle.terminate('test done');
    });
  });

  it('reports on time through to acceptance: report PDF, settlement task for finance, warranty on the delivery record', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startDelivery(stack.client, stack.taskQueue, deliveryInput({ procurementWorkflowId: undefined }, { reportEveryMs: 1000 }));
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'planImplementation')).id, actor('procure'), plan([600, 900]));
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'reportProgress')).id, actor('tech1'), { summary: 'Cabling done', percentComplete: 40, milestonesReached: ['Milestone 1'] });
      // The next report opens on the cadence, as a second visit.
      const second = await openTask(stack.db, handle.workflowId, 'reportProgress');
      expect(second.id).toBe(`${handle.workflowId}.reportProgress.2`);
      await complete(stack.client, handle.workflowId, second.id, actor('tech1'), REPORT);

      const acceptanceId = handle.workflowId.replace('project-delivery-', 'project-acceptance-');
      await complete(stack.client, acceptanceId, (await openTask(stack.db, acceptanceId, 'formTeam')).id, actor('techsup'), TEAM);
      await complete(stack.client, acceptanceId, (await openTask(stack.db, acceptanceId, 'inspectDelivery')).id, actor('techsup'), CHECKLIST_PASS);
      const signatures = await eventually(async () => {
        const rows = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, acceptanceId), eq(tasks.stepId, 'signAcceptance'), eq(tasks.status, 'open')));
        return rows.length === 3 ? rows : undefined;
      });
      for (const username of TEAM_USERNAMES) {
        const own = signatures.find((task) => task.candidateUsers.includes(actor(username).userId))!;
        await complete(stack.client, acceptanceId, own.id, actor(username), { signedAs: actor(username).displayName });
      }
      const settlement = await openTask(stack.db, acceptanceId, 'settleWithSupplier');
      expect(settlement.candidateRoles).toEqual(['finance']);
      const [report] = await stack.db.select().from(acceptanceReports).where(eq(acceptanceReports.workflowId, acceptanceId));
      expect(Buffer.from(report.pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect(report.warrantyStartsAt).not.toBeNull();
      await complete(stack.client, acceptanceId, settlement.id, actor('finance'), { invoiceNumber: 'INV-2026-001', amount: 180000 });

      const outcome = await handle.result();
      expect(outcome).toMatchObject({ acceptanceWorkflowId: acceptanceId, overdueMilestones: [], reports: 2 });
      const [delivery] = await stack.db.select().from(deliveries).where(eq(deliveries.workflowId, handle.workflowId));
      expect(delivery.status).toBe('accepted');
      expect(delivery.warrantyStartsAt?.toISOString()).toBe(outcome.warrantyStartsAt);
      expect(delivery.warrantyEndsAt!.getTime() - delivery.warrantyStartsAt!.getTime()).toBe(365 * 24 * 3600_000);
      expect((await handle.query(progressQuery)).status).toBe('completed');
    });
  });

  it('management moves an overdue milestone: the timer is re-armed and fires again at the new date', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startDelivery(stack.client, stack.taskQueue, deliveryInput({}, { milestoneGraceMs: 1000 }));
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'planImplementation')).id, actor('techsup'), plan([1]));
      const review = await openTask(stack.db, handle.workflowId, 'reviewOverdueMilestone');
      const newDueAt = new Date(Date.now() + 1000).toISOString();
      await complete(stack.client, handle.workflowId, review.id, actor('manager'), { instruction: 'One more week', newDueAt });
      const second = await openTask(stack.db, handle.workflowId, 'reviewOverdueMilestone');
      expect(second.id).toBe(`${handle.workflowId}.reviewOverdueMilestone.2`);
      const keys = (await notificationsOf(handle.workflowId)).map((row) => row.dedupeKey);
      expect(keys).toEqual(expect.arrayContaining([`${handle.workflowId}.m1.overdue.1`, `${handle.workflowId}.m1.overdue.2`]));
      const [milestone] = await stack.db.select().from(deliveryMilestones).where(eq(deliveryMilestones.workflowId, handle.workflowId));
      expect(milestone.dueAt.toISOString()).toBe(newDueAt);
      expect((await handle.query(progressQuery)).steps.milestoneOverdue.visits).toBe(2);
      await handle.terminate('test done');
    });
  });

  it('the plan is refused when its project lead is not staff, before history', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startDelivery(stack.client, stack.taskQueue, deliveryInput());
      const planTask = await openTask(stack.db, handle.workflowId, 'planImplementation');
      const error = await complete(stack.client, handle.workflowId, planTask.id, actor('techsup'), plan([60], { projectLead: 'u-owner-zhang' })).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause.type).toBe('InvalidPayload');
      expect(cause.details).toEqual([expect.objectContaining({ field: 'projectLead' })]);
      const [row] = await stack.db.select().from(tasks).where(eq(tasks.id, planTask.id));
      expect(row.status).toBe('open');
      await handle.terminate('test done');
    });
  });
});
