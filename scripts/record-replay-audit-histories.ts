import { bundleWorkflowCode } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { actor, complete, faultInput, openTask, startFault } from '../test/support/fault-scenarios';
import type { ReplayAuditInput } from '../workflows/replay-audit/messages';
import { createStewardWorker } from '../worker/worker';
import { recordHistories, type RecordingEnv } from './history-recording';

const quietBundler = { log: () => {}, trace: () => {}, debug: () => {}, info: () => {}, warn: (message: string) => console.warn(message), error: (message: string) => console.error(message) };
const AUDIT_INPUT: ReplayAuditInput = { lookbackMs: 3_600_000, reviewDueMs: 3_600_000 };

/** A fault repair waiting for its diagnosis: an instance that moved in the last day. */
async function runningFault({ client, taskQueue, db }: RecordingEnv): Promise<void> {
  const fault = await startFault(client, taskQueue, faultInput());
  await openTask(db, fault.workflowId, 'diagnoseFault');
}

/**
 * Records histories of the nightly replay audit into test/replay/replay-audit/, for the replay test
 * (npm run record-histories:replay-audit): one where every history reproduces, and one where the
 * audit replays against the changed code of test/support/changed-workflows.ts and the tech supervisor
 * reviews the divergence.
 */
recordHistories({
  scenarios: {
    'replay-audit/all-reproduce': async (env) => {
      await runningFault(env);
      const handle = await env.client.workflow.start('replayAudit', { taskQueue: env.taskQueue, workflowId: 'replay-audit-recorded-reproduces', args: [AUDIT_INPUT] });
      await handle.result();
      return handle.workflowId;
    },
    'replay-audit/divergences-reviewed': async (env) => {
      await runningFault(env);
      const changed = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('../test/support/changed-workflows.ts', import.meta.url)), logger: quietBundler });
      const taskQueue = `${env.taskQueue}-changed`;
      const worker = await createStewardWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue, db: env.db, settings: env.config.worker.activities, replayBundle: { code: changed.code } });
      return worker.runUntil(async () => {
        const handle = await env.client.workflow.start('replayAudit', { taskQueue, workflowId: 'replay-audit-recorded-divergences', args: [AUDIT_INPUT] });
        const review = await openTask(env.db, handle.workflowId, 'reviewDivergences');
        await complete(env.client, handle.workflowId, review.id, actor('techsup'), { decision: 'fix-scheduled', comment: 'The pause goes behind patched()' });
        await handle.result();
        return handle.workflowId;
      });
    },
  },
});
