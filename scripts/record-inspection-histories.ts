import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client';
import { attachments, inspectionPlans } from '../db/schema';
import { actor, complete, openTask, TEST_TIMINGS } from '../test/support/fault-scenarios';
import { eventually } from '../test/support/poll';
import type { InspectionInput } from '../workflows/inspection/messages';
import { recordHistories } from './history-recording';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function startRun(client: Client, taskQueue: string, db: Database, plan: Partial<typeof inspectionPlans.$inferInsert>) {
  const planId = `record-${randomUUID()}`;
  await db.insert(inspectionPlans).values({
    id: planId,
    title: 'Lobby and network check',
    responsibleRole: 'technician',
    cycleSeconds: 3600,
    dueWithinSeconds: 1800,
    zoneId: 'z-car-park',
    checklist: [
      { id: 'lobby-camera', text: 'B1 lobby camera: clear picture', system: 'cctv', deviceId: 'cam-b1-lobby' },
      { id: 'detector', text: 'Car park detector: walk test', system: 'intrusion-alarm' },
    ],
    createdBy: 'u-techsup',
    ...plan,
  });
  const input: InspectionInput = { planId, faultRepairTimings: TEST_TIMINGS };
  return client.workflow.start('inspection', { taskQueue, workflowId: `inspection-${planId}-run`, args: [input] });
}

/**
 * Records one history per inspection path into test/replay/inspection/, for the replay test.
 * Run again (npm run record-histories:inspection) when a change is meant to alter histories.
 */
recordHistories({
  scenarios: {
    'inspection/all-pass': async ({ client, taskQueue, db }) => {
      const handle = await startRun(client, taskQueue, db, {});
      const task = await openTask(db, handle.workflowId, 'performInspection');
      await complete(client, handle.workflowId, task.id, actor('tech1'), { 'result_lobby-camera': 'pass', result_detector: 'pass' });
      await handle.result();
      return handle.workflowId;
    },
    'inspection/failed-items-open-repairs': async ({ client, taskQueue, db }) => {
      const handle = await startRun(client, taskQueue, db, {});
      const photoId = randomUUID();
      await db.insert(attachments).values({ id: photoId, kind: 'inspection-photo', contentType: 'image/png', content: PNG, uploadedBy: 'u-tech1' });
      const task = await openTask(db, handle.workflowId, 'performInspection');
      await complete(client, handle.workflowId, task.id, actor('tech1'), {
        'result_lobby-camera': 'fail',
        'note_lobby-camera': 'Picture is black',
        'photo_lobby-camera': photoId,
        result_detector: 'fail',
        note_detector: 'No alarm on walk test',
      });
      const outcome = (await handle.result()) as { faultRepairWorkflowIds: string[] };
      // The repairs outlive the run; they are not part of this recording.
      for (const repair of outcome.faultRepairWorkflowIds) await client.workflow.getHandle(repair).terminate('recorded');
      return handle.workflowId;
    },
    'inspection/overdue-then-done': async ({ client, taskQueue, db }) => {
      const handle = await startRun(client, taskQueue, db, { dueWithinSeconds: 1, responsibleRole: 'guard' });
      const task = await openTask(db, handle.workflowId, 'performInspection');
      await eventually(async () => {
        const progress = await handle.query<{ steps: Record<string, unknown> }>('progress');
        return progress.steps.inspectionOverdue;
      });
      await complete(client, handle.workflowId, task.id, actor('techsup'), { 'result_lobby-camera': 'pass', result_detector: 'pass' });
      await handle.result();
      return handle.workflowId;
    },
    'inspection/plan-inactive': async ({ client, taskQueue, db }) => {
      const handle = await startRun(client, taskQueue, db, { active: false });
      await handle.result();
      return handle.workflowId;
    },
  },
});
