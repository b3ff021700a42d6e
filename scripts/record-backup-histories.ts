import { backupRunInput } from '../api/use-cases/backups';
import { TEST_TIMINGS } from '../test/support/fault-scenarios';
import { recordHistories } from './history-recording';

/**
 * Records a history of the backup process into test/replay/backup/ (npm run record-histories:backup): a drill on a
 * worker without the backup tools fails and opens a fault repair, the path every failure takes.
 */
recordHistories({
  scenarios: {
    'backup/drill-failed': async (env) => {
      const input = backupRunInput({ backups: { ...env.config.api.backups, toolsTaskQueue: env.taskQueue }, faultRepair: TEST_TIMINGS }, 'drill', null);
      const handle = await env.client.workflow.start('backup', { taskQueue: env.taskQueue, workflowId: 'backup-drill-recorded-failed', args: [input] });
      await handle.result();
      return handle.workflowId;
    },
  },
});
