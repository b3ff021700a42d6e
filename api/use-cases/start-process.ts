import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { processInstances } from '../../db/schema';
import type { ApiContext } from '../context';

export interface ProcessStart {
  /** The workflow function's name, as `workflows/index.ts` exports it. */
  workflowType: string;
  workflowId: string;
  input: unknown;
  /** The catalogue name (`fault-repair`), for the instance lists. */
  process: string;
  title: string;
  startedBy: string | null;
}

/**
 * Starts a process once per id: a retried request joins the running process, and one whose process
 * already closed does not start it again. The instance row is written at once so lists show it;
 * the process's first transition fills in the rest.
 */
export async function startProcess(ctx: ApiContext, start: ProcessStart): Promise<{ workflowId: string }> {
  try {
    await ctx.temporal.workflow.start(start.workflowType, {
      taskQueue: ctx.taskQueue,
      workflowId: start.workflowId,
      args: [start.input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  await ctx.db
    .insert(processInstances)
    .values({ workflowId: start.workflowId, process: start.process, title: start.title, status: 'running', startedBy: start.startedBy, startedAt: new Date() })
    .onConflictDoNothing();
  return { workflowId: start.workflowId };
}
