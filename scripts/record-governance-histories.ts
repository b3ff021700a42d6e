import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../api/auth/session';
import type { ApiContext } from '../api/context';
import { castBallot } from '../api/use-cases/owners-vote';
import type { Database } from '../db/client';
import { ownerVotes, tasks, users } from '../db/schema';
import { actor, complete, openTask } from '../test/support/fault-scenarios';
import { BUDGET, CONTRIBUTION, PLAN, testGovernanceSettings } from '../test/support/governance-scenarios';
import { eventually } from '../test/support/poll';
import type { AnnualPlanInput } from '../workflows/annual-plan/messages';
import type { CommitteeFilingInput } from '../workflows/committee-filing/messages';
import type { OwnersVoteInput } from '../workflows/owners-vote/messages';
import { recordHistories } from './history-recording';

const settings = testGovernanceSettings(4);

async function sessionUser(db: Database, username: string): Promise<SessionUser> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, ownerId: user.ownerId, vendorId: user.vendorId };
}

async function castAll(db: Database, voteId: string, ballots: Array<[string, 'for' | 'against' | 'abstain']>) {
  await eventually(async () => {
    const [vote] = await db.select().from(ownerVotes).where(eq(ownerVotes.voteId, voteId));
    return vote?.status === 'open' ? vote : undefined;
  });
  for (const [username, choice] of ballots) await castBallot({ db } as ApiContext, await sessionUser(db, username), voteId, { choice });
}

const filingInput = (): CommitteeFilingInput => ({
  planWorkflowId: `annual-plan-${randomUUID()}`,
  title: 'Plan and budget 2027',
  filingPackage: { year: 2027, plan: PLAN, budget: BUDGET, approvedBy: actor('manager').displayName, approvedAt: new Date().toISOString(), evaluationWorkflowId: null },
  timings: settings.plan.filing,
});

/**
 * Records histories of the governance processes (annual plan, committee filing, owners' vote) into
 * test/replay/<process>/, for the replay test. Run again (npm run record-histories:governance)
 * when a change is meant to alter histories, behind patched().
 */
recordHistories({
  taskQueue: 'record-governance-histories',
  scenarios: {
    'owners-vote/passed-with-objection-period': async ({ client, taskQueue, db }) => {
      const voteId = `replay-${randomUUID().slice(0, 8)}`;
      const input: OwnersVoteInput = {
        voteId,
        title: 'Install EV chargers',
        description: 'Twenty chargers in the car park',
        item: 9,
        requestedBy: { userId: 'u-committee', displayName: actor('committee').displayName },
        timings: settings.vote,
      };
      const handle = await client.workflow.start('ownersVote', { taskQueue, workflowId: `owners-vote-${voteId}`, args: [input] });
      await castAll(db, voteId, [
        ['owner-zhang', 'for'],
        ['owner-li', 'for'],
        ['committee', 'abstain'],
        ['developer', 'for'],
      ]);
      await handle.result();
      return handle.workflowId;
    },
    'committee-filing/acknowledged': async ({ client, taskQueue, db }) => {
      const handle = await client.workflow.start('committeeFiling', { taskQueue, workflowId: `committee-filing-replay-${randomUUID()}`, args: [filingInput()] });
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'acknowledgeFiling')).id, actor('committee'), { decision: 'acknowledged' });
      await handle.result();
      return handle.workflowId;
    },
    'committee-filing/returned': async ({ client, taskQueue, db }) => {
      const handle = await client.workflow.start('committeeFiling', { taskQueue, workflowId: `committee-filing-replay-${randomUUID()}`, args: [filingInput()] });
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'acknowledgeFiling')).id, actor('committee'), {
        decision: 'returned',
        comment: 'The evaluation report is missing',
      });
      await handle.result();
      return handle.workflowId;
    },
    'annual-plan/returned-then-in-effect': async ({ client, taskQueue, db }) => {
      const input: AnnualPlanInput = { year: 2027, departments: settings.departments, timings: settings.plan, procurementWorkflowType: 'procurement' };
      const handle = await client.workflow.start('annualPlan', { taskQueue, workflowId: `annual-plan-replay-${randomUUID()}`, args: [input] });
      const id = handle.workflowId;
      const contributions = await eventually(async () => {
        const rows = await db.select().from(tasks).where(eq(tasks.workflowId, id));
        return rows.filter((row) => row.stepId === 'contributeToPlan').length === 2 ? rows : undefined;
      });
      await complete(client, id, contributions[0].id, actor(contributions[0].candidateRoles[0] === 'guard' ? 'guard1' : 'monitor'), CONTRIBUTION);
      await complete(client, id, contributions[1].id, actor(contributions[1].candidateRoles[0] === 'guard' ? 'guard1' : 'monitor'), CONTRIBUTION);
      const plan = { ...PLAN, projects: [PLAN.projects[0], PLAN.projects[2]] };
      for (const decision of [{ decision: 'returned', comments: 'Add supplier quotes' }, { decision: 'approved' }]) {
        await complete(client, id, (await openTask(db, id, 'draftPlan')).id, actor('techsup'), plan);
        await complete(client, id, (await openTask(db, id, 'draftBudget')).id, actor('finance'), BUDGET);
        await complete(client, id, (await openTask(db, id, 'approvePlan')).id, actor('manager'), decision);
      }
      const filingId = `committee-filing-${id}-2`;
      await complete(client, filingId, (await openTask(db, filingId, 'acknowledgeFiling')).id, actor('committee'), { decision: 'acknowledged' });
      await castAll(db, `${id}.p1`, [
        ['owner-zhang', 'for'],
        ['owner-li', 'for'],
        ['owner-chen', 'for'],
        ['developer', 'for'],
      ]);
      await handle.result();
      // Procurement belongs to another process; only the hand-over is recorded here.
      for (const project of ['p1', 'p2']) await client.workflow.getHandle(`procurement-${id}.${project}`).terminate('recorded').catch(() => undefined);
      return id;
    },
  },
});
