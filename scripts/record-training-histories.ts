import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client';
import { tasks } from '../db/schema';
import { actor, complete, openTask } from '../test/support/fault-scenarios';
import { eventually } from '../test/support/poll';
import { NEEDS, trainingPlan } from '../test/support/training-scenarios';
import type { TrainingCycleInput } from '../workflows/training-cycle/messages';
import { recordHistories } from './history-recording';

const openTasks = (db: Database, workflowId: string, stepId: string, count: number) =>
  eventually(async () => {
    const rows = await db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));
    return rows.length >= count ? rows : undefined;
  });

/**
 * Records a history of the training cycle into test/replay/training-cycle/ (npm run record-histories:training):
 * the plan returned once, a security course with an exam (one attendee fails it) and a practical, an external
 * course with its certificate.
 */
recordHistories({
  taskQueue: 'record-training-histories',
  scenarios: {
    'training-cycle/returned-then-assessed': async ({ client, taskQueue, db, config }) => {
      const input: TrainingCycleInput = { year: 2031, timings: config.api.training.timings, requestedBy: 'u-hr' };
      const handle = await client.workflow.start('trainingCycle', { taskQueue, workflowId: `training-cycle-replay-${randomUUID()}`, args: [input] });
      const id = handle.workflowId;
      await complete(client, id, (await openTask(db, id, 'analyseNeeds')).id, actor('hr'), NEEDS);
      const plan = trainingPlan(['u-tech1', 'u-guard1'], ['u-tech2']);
      await complete(client, id, (await openTask(db, id, 'draftTrainingPlan')).id, actor('hr'), plan);
      await complete(client, id, (await openTask(db, id, 'approveTrainingPlan')).id, actor('manager'), { decision: 'returned', comments: '请补充评分标准' });
      await complete(client, id, (await openTask(db, id, 'draftTrainingPlan')).id, actor('hr'), plan);
      await complete(client, id, (await openTask(db, id, 'approveTrainingPlan')).id, actor('manager'), { decision: 'approved' });
      const sessions = await openTasks(db, id, 'recordSession', 2);
      const external = sessions.find((task) => (task.context as { method: string }).method === 'external-course')!;
      const security = sessions.find((task) => task !== external)!;
      await complete(client, id, external.id, actor('hr'), {
        attendance: [{ userId: 'u-tech2', attended: true, certificateId: 'certificate-replay', certificateExpiresAt: '2033-01-01T00:00:00.000Z' }],
      });
      await complete(client, id, security.id, actor('hr'), { attendance: [{ userId: 'u-tech1', attended: true }, { userId: 'u-guard1', attended: true }] });
      const exams = await openTasks(db, id, 'takeExam', 2);
      const examOf = (userId: string) => exams.find((task) => task.candidateUsers.includes(userId))!.id;
      await complete(client, id, examOf('u-tech1'), actor('tech1'), { q1: '工作需要', q2: '会' });
      await complete(client, id, examOf('u-guard1'), actor('guard1'), { q1: '好奇', q2: '会' });
      await complete(client, id, (await openTask(db, id, 'scorePractical')).id, actor('secsup'), { scores: [{ userId: 'u-tech1', score: 85 }, { userId: 'u-guard1', score: 70 }] });
      await handle.result();
      return id;
    },
  },
});
