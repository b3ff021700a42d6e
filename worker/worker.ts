import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { createActivities, type ActivitySettings } from '../activities';
import type { Database } from '../db/client';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles the workflow code once, so several workers (or tests) can share it. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export interface StewardWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Database;
  /** What the activities are configured with (config's `worker.activities`). */
  settings: ActivitySettings;
  /** A prebuilt bundle (tests share one); without it the worker bundles `workflows/` itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The code the nightly replay checks histories against; by default the code this worker runs. */
  replayBundle?: WorkerOptions['workflowBundle'];
  /** On shutdown, how long activities under way may run on before they are cancelled (and retried by another worker). */
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
}

/** The grace a stopping production worker gives its activities under way. */
export const ACTIVITY_GRACE_TIME = '10 seconds';

export async function createStewardWorker(options: StewardWorkerOptions): Promise<Worker> {
  // Bundled here rather than by Worker.create, so the replay audit checks histories against this very code.
  const workflowBundle = options.workflowBundle ?? (await bundleWorkflows());
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle,
    activities: createActivities({ db: options.db, replayBundle: options.replayBundle ?? workflowBundle, ...options.settings }),
    // Absent, not undefined: the SDK reads an undefined duration as an invalid one.
    ...(options.shutdownGraceTime ? { shutdownGraceTime: options.shutdownGraceTime } : {}),
  });
}
