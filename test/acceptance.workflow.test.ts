import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceReports, acceptanceSignatures, acceptanceTeamMembers, notifications, tasks } from '../db/schema';
import { progressQuery } from '../workflows/project-acceptance/messages';
import { acceptanceInput, ACCEPTANCE_TEST_TIMINGS, CHECKLIST_FAIL, CHECKLIST_PASS, startAcceptance, TEAM, TEAM_USERNAMES } from './support/delivery-scenarios';
import { actor, complete, openTask } from './support/fault-scenarios';
import { eventually, startTestStack, type TestStack } from './support/stack';
import { updateRejection } from './support/update-rejection';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});


/** Every team member signs their own task of the round. */
async function signAll(workflowId: string) {
  const open = await eventually(async () => {
    const rows = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, 'signAcceptance'), eq(tasks.status, 'open')));
    return rows.length === TEAM_USERNAMES.length ? rows : undefined;
  });
  for (const username of TEAM_USERNAMES) {
    const own = open.find((task) => task.candidateUsers.includes(actor(username).userId));
    expect(own?.candidateUsers).toEqual([actor(username).userId]);
    await complete(stack.client, workflowId, own!.id, actor(username), { signedAs: actor(username).displayName });
  }
}

describe('project acceptance (P2.3c) on a real dev server', () => {
  it('a team without an owner representative is refused by the update validator, naming the field', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startAcceptance(stack.client, stack.taskQueue, acceptanceInput());
      const team = await openTask(stack.db, handle.workflowId, 'formTeam');
      const noOwner = await updateRejection(complete(stack.client, handle.workflowId, team.id, actor('techsup'), { ...TEAM, ownerRepresentatives: [] }));
      expect(noOwner).toEqual({ type: 'InvalidPayload', fields: ['ownerRepresentatives'] });
      // A staff member passed off as an owner representative is refused too.
      const staffAsOwner = await updateRejection(complete(stack.client, handle.workflowId, team.id, actor('techsup'), { ...TEAM, ownerRepresentatives: ['u-finance'] }));
      expect(staffAsOwner).toEqual({ type: 'InvalidPayload', fields: ['ownerRepresentatives.0'] });
      const noTechnology = await updateRejection(complete(stack.client, handle.workflowId, team.id, actor('techsup'), { ...TEAM, technologyMembers: ['u-guard1'], businessMembers: ['u-finance'] }));
      expect(noTechnology.fields).toEqual(['technologyMembers.0']);
      const [row] = await stack.db.select().from(tasks).where(eq(tasks.id, team.id));
      expect(row.status).toBe('open');
      expect(await stack.db.select().from(acceptanceTeamMembers).where(eq(acceptanceTeamMembers.workflowId, handle.workflowId))).toEqual([]);
      // Biometric systems need the biometric items on the checklist.
      await complete(stack.client, handle.workflowId, team.id, actor('techsup'), TEAM);
      const inspection = await openTask(stack.db, handle.workflowId, 'inspectDelivery');
      const { biometric: _omitted, ...withoutBiometric } = CHECKLIST_PASS;
      expect((await updateRejection(complete(stack.client, handle.workflowId, inspection.id, actor('techsup'), withoutBiometric))).fields).toEqual(['biometric']);
      await handle.terminate('test done');
    });
  });

  it('a failed item goes to the supplier to rectify by a deadline, then the re-check passes', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startAcceptance(stack.client, stack.taskQueue, acceptanceInput({ timings: { ...ACCEPTANCE_TEST_TIMINGS, rectificationDueMs: 2500, rectificationReminderMs: 1000 } }));
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'formTeam')).id, actor('techsup'), TEAM);
      const inspection = await openTask(stack.db, handle.workflowId, 'inspectDelivery');
      expect(inspection.candidateUsers).toEqual(['u-techsup', 'u-guard1', 'u-committee']);
      await complete(stack.client, handle.workflowId, inspection.id, actor('committee'), CHECKLIST_FAIL);
      await signAll(handle.workflowId);

      const rectification = await openTask(stack.db, handle.workflowId, 'rectifyDefects');
      expect(rectification).toMatchObject({ candidateUsers: ['u-vendor-access-control'], candidateRoles: [] });
      expect(rectification.context).toMatchObject({ failed: ['biometric.separateConsent'] });
      // Past the deadline the tech supervisor is alerted and joins the task.
      const escalated = await eventually(async () => {
        const [row] = await stack.db.select().from(tasks).where(eq(tasks.id, rectification.id));
        return row.candidateRoles.includes('tech-supervisor') ? row : undefined;
      });
      expect(escalated.status).toBe('open');
      // The alert is written just after the supervisor joins the task.
      const sent = await eventually(async () => {
        const rows = await stack.db.select().from(notifications).where(eq(notifications.workflowId, handle.workflowId));
        return rows.some((row) => row.dedupeKey === `${rectification.id}.overdue`) ? rows : undefined;
      });
      expect(sent.find((row) => row.dedupeKey === `${handle.workflowId}.rectification.1`)).toMatchObject({ recipientUsers: ['u-vendor-access-control'] });
      expect(sent.find((row) => row.dedupeKey === `${rectification.id}.overdue`)).toMatchObject({ recipientRoles: ['tech-supervisor'] });
      await complete(stack.client, handle.workflowId, rectification.id, actor('vendor-access-control'), { measures: 'Added a separate biometric consent step at enrolment' });

      const recheck = await openTask(stack.db, handle.workflowId, 'inspectDelivery');
      expect(recheck.id).toBe(`${handle.workflowId}.inspectDelivery.2`);
      await complete(stack.client, handle.workflowId, recheck.id, actor('techsup'), CHECKLIST_PASS);
      await signAll(handle.workflowId);
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'settleWithSupplier')).id, actor('finance'), { invoiceNumber: 'INV-7', amount: 5000 });
      const outcome = await handle.result();
      expect(outcome).toMatchObject({ rounds: 2, settledBy: actor('finance').displayName });
      const [report] = await stack.db.select().from(acceptanceReports).where(eq(acceptanceReports.workflowId, handle.workflowId));
      expect(report).toMatchObject({ rounds: 2, warrantyStartsAt: new Date(outcome.warrantyStartsAt) });
      expect(Buffer.from(report.pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      const signatures = await stack.db.select().from(acceptanceSignatures).where(eq(acceptanceSignatures.workflowId, handle.workflowId));
      expect(signatures).toHaveLength(6);
      const progress = await handle.query(progressQuery);
      expect(progress.steps.inspectDelivery.visits).toBe(2);
      expect(progress.steps.rectifyDefects.visits).toBe(1);
      expect(progress.steps.rectificationOverdue.visits).toBe(1);
      expect(progress.steps.acceptancePassed.status).toBe('completed');
    });
  });

  it('only the member a signature task names may sign it', async () => {
    const worker = await stack.createWorker();
    await worker.runUntil(async () => {
      const handle = await startAcceptance(stack.client, stack.taskQueue, acceptanceInput({ system: 'cctv', biometric: false }));
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'formTeam')).id, actor('techsup'), TEAM);
      const { biometric: _omitted, ...checklist } = CHECKLIST_PASS;
      await complete(stack.client, handle.workflowId, (await openTask(stack.db, handle.workflowId, 'inspectDelivery')).id, actor('guard1'), checklist);
      const owners = await eventually(async () => {
        const rows = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, handle.workflowId), eq(tasks.stepId, 'signAcceptance')));
        return rows.length === 3 ? rows.find((row) => row.candidateUsers.includes('u-committee')) : undefined;
      });
      expect((await updateRejection(complete(stack.client, handle.workflowId, owners.id, actor('techsup'), { signedAs: 'Wang Lei' }))).type).toBe('NotCandidate');
      await handle.terminate('test done');
    });
  });
});
