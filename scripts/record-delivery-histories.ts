import type { Client } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { tasks } from '../db/schema';
import {
  ACCEPTANCE_TEST_TIMINGS,
  acceptanceInput,
  CHECKLIST_FAIL,
  CHECKLIST_PASS,
  deliveryInput,
  EVALUATION,
  EVALUATION_TEST_TIMINGS,
  evaluationInput,
  plan,
  startAcceptance,
  startDelivery,
  startEvaluation,
  TEAM,
  TEAM_USERNAMES,
} from '../test/support/delivery-scenarios';
import { actor, complete, openTask } from '../test/support/fault-scenarios';
import { eventually } from '../test/support/poll';
import { recordHistories } from './history-recording';

async function signAll(client: Client, db: Database, workflowId: string) {
  const open = await eventually(async () => {
    const rows = await db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, 'signAcceptance'), eq(tasks.status, 'open')));
    return rows.length === TEAM_USERNAMES.length ? rows : undefined;
  });
  for (const username of TEAM_USERNAMES) {
    const own = open.find((task) => task.candidateUsers.includes(actor(username).userId))!;
    await complete(client, workflowId, own.id, actor(username), { signedAs: actor(username).displayName });
  }
}

const task = async (client: Client, db: Database, workflowId: string, stepId: string, by: string, payload: unknown) =>
  complete(client, workflowId, (await openTask(db, workflowId, stepId)).id, actor(by), payload);

async function evaluatePoor(client: Client, db: Database, workflowId: string) {
  await task(client, db, workflowId, 'evaluateByTechnology', 'techsup', EVALUATION.poor);
  await task(client, db, workflowId, 'evaluateByUsers', 'monitor', EVALUATION.poor);
}

async function poorTwice(client: Client, taskQueue: string, db: Database, vendorId: string) {
  const handle = await startEvaluation(client, taskQueue, evaluationInput(vendorId));
  await evaluatePoor(client, db, handle.workflowId);
  await task(client, db, handle.workflowId, 'rectifyService', vendorId.replace(/^v-/, 'vendor-'), { measures: 'New site engineer' });
  await evaluatePoor(client, db, handle.workflowId);
  await task(client, db, handle.workflowId, 'imposePenalty', 'procure', { amount: 5000, contractClause: '§7', reason: 'Two poor evaluations' });
  return handle;
}

/**
 * Records histories of delivery, acceptance and supplier evaluation into test/replay/<process>/,
 * for the replay test (npm run record-histories:delivery).
 */
recordHistories({
  taskQueue: 'record-delivery-histories',
  scenarios: {
    'delivery-late-report-then-accepted': async ({ client, taskQueue, db }) => {
      const input = deliveryInput({}, { reportEveryMs: 1000, reportReminderMs: 1000, reportDueMs: 3000, milestoneGraceMs: 1000 });
      const handle = await startDelivery(client, taskQueue, input);
      await task(client, db, handle.workflowId, 'planImplementation', 'techsup', plan([1, 600]));
      const report = await openTask(db, handle.workflowId, 'reportProgress');
      await task(client, db, handle.workflowId, 'reviewOverdueMilestone', 'manager', { instruction: 'Add a crew' });
      // The report stays missing until management has been alerted.
      await eventually(async () => ((await handle.query<{ steps: Record<string, unknown> }>('progress')).steps.progressReportOverdue ? true : undefined));
      await complete(client, handle.workflowId, report.id, actor('tech1'), { summary: 'Done', percentComplete: 100, milestonesReached: ['Milestone 1', 'Milestone 2'], issues: [{ title: 'Reader loose', severity: 'low' }], deliveryComplete: true });
      const acceptanceId = handle.workflowId.replace('project-delivery-', 'project-acceptance-');
      await task(client, db, acceptanceId, 'formTeam', 'techsup', TEAM);
      await task(client, db, acceptanceId, 'inspectDelivery', 'techsup', CHECKLIST_PASS);
      await signAll(client, db, acceptanceId);
      await task(client, db, acceptanceId, 'settleWithSupplier', 'finance', { invoiceNumber: 'INV-1', amount: 1000 });
      await handle.result();
      return {
        'project-delivery/late-report-overdue-milestone-accepted': handle.workflowId,
        'project-acceptance/pass-as-child-of-delivery': acceptanceId,
      };
    },
    'acceptance-fail-rectify-late': async ({ client, taskQueue, db }) => {
      const handle = await startAcceptance(client, taskQueue, acceptanceInput({ timings: { ...ACCEPTANCE_TEST_TIMINGS, rectificationDueMs: 2500, rectificationReminderMs: 1000 } }));
      await task(client, db, handle.workflowId, 'formTeam', 'techsup', TEAM);
      await task(client, db, handle.workflowId, 'inspectDelivery', 'committee', CHECKLIST_FAIL);
      await signAll(client, db, handle.workflowId);
      const rectification = await openTask(db, handle.workflowId, 'rectifyDefects');
      await eventually(async () => {
        const [row] = await db.select().from(tasks).where(eq(tasks.id, rectification.id));
        return row.candidateRoles.includes('tech-supervisor') ? row : undefined;
      });
      await complete(client, handle.workflowId, rectification.id, actor('vendor-access-control'), { measures: 'Consent form added' });
      await task(client, db, handle.workflowId, 'inspectDelivery', 'techsup', CHECKLIST_PASS);
      await signAll(client, db, handle.workflowId);
      await task(client, db, handle.workflowId, 'settleWithSupplier', 'finance', { invoiceNumber: 'INV-2', amount: 1000 });
      await handle.result();
      return { 'project-acceptance/fail-rectify-late-recheck-pass': handle.workflowId };
    },
    'supplier-evaluations': async ({ client, taskQueue, db }) => {
      const good = await startEvaluation(client, taskQueue, evaluationInput('v-cctv'));
      await task(client, db, good.workflowId, 'evaluateByTechnology', 'techsup', EVALUATION.good);
      await task(client, db, good.workflowId, 'evaluateByUsers', 'monitor', EVALUATION.good);
      await good.result();
      const terminated = await poorTwice(client, taskQueue, db, 'v-network');
      await task(client, db, terminated.workflowId, 'approveTermination', 'manager', { approved: true });
      await terminated.result();
      const retained = await poorTwice(client, taskQueue, db, 'v-smart-home');
      await task(client, db, retained.workflowId, 'approveTermination', 'manager', { approved: false, comment: 'No alternative yet' });
      await retained.result();
      const late = await startEvaluation(client, taskQueue, evaluationInput('v-intrusion-alarm', { timings: { ...EVALUATION_TEST_TIMINGS, rectificationDueMs: 2500, rectificationReminderMs: 1000 } }));
      await evaluatePoor(client, db, late.workflowId);
      const notice = await openTask(db, late.workflowId, 'rectifyService');
      await eventually(async () => {
        const [row] = await db.select().from(tasks).where(eq(tasks.id, notice.id));
        return row.candidateRoles.includes('procurement') ? row : undefined;
      });
      await complete(client, late.workflowId, notice.id, actor('procure'), { measures: 'Engineer replaced' });
      await task(client, db, late.workflowId, 'evaluateByTechnology', 'techsup', EVALUATION.good);
      await task(client, db, late.workflowId, 'evaluateByUsers', 'monitor', EVALUATION.good);
      await late.result();
      return {
        'supplier-evaluation/good': good.workflowId,
        'supplier-evaluation/poor-twice-terminated': terminated.workflowId,
        'supplier-evaluation/poor-twice-retained': retained.workflowId,
        'supplier-evaluation/late-rectification-improved': late.workflowId,
      };
    },
  },
});
