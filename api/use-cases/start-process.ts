import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/workflow';
import type { z } from 'zod';
import { processInstances } from '../../db/schema';
import type { CompanionWorkflow, ProcessDefinition } from '../../workflows/lib/process-definition';
import type { ApiContext } from '../context';

type Starter = Pick<ApiContext, 'temporal' | 'db' | 'taskQueue'>;

export interface ProcessStart<Input> {
  /** From the definition's id scheme, so a retried start names the same instance. */
  workflowId: string;
  input: Input;
  /** Shown in the instance lists until the process's first transition fills in the rest. */
  title: string;
  startedBy: string | null;
  /** The instance's first data, for readers that look before the process's first transition. */
  data?: Record<string, unknown>;
}

/** The input as the definition accepts it: a start with an input the process cannot take is a defect, not a user error. */
function validated<Input>(workflow: { workflowType: string; input: z.ZodType<Input> }, input: Input): Input {
  const parsed = workflow.input.safeParse(input);
  if (!parsed.success) throw new TypeError(`${workflow.workflowType}: invalid input: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  // The input as given, not as parsed: recorded histories hold what callers sent.
  return input;
}

/**
 * Starts a process once per id: a retried request joins the running process, and one whose process
 * already closed does not start it again. The instance row is written at once so lists show it;
 * the process's first transition fills in the rest.
 */
export async function startProcess<Input>(ctx: Starter, definition: ProcessDefinition<Input, never>, start: ProcessStart<Input>): Promise<{ workflowId: string }> {
  const input = validated(definition, start.input);
  try {
    await ctx.temporal.workflow.start(definition.workflowType, {
      taskQueue: ctx.taskQueue,
      workflowId: start.workflowId,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  await ctx.db
    .insert(processInstances)
    .values({ workflowId: start.workflowId, process: definition.name, title: start.title, status: 'running', startedBy: start.startedBy, startedAt: new Date(), data: start.data ?? {} })
    .onConflictDoNothing();
  return { workflowId: start.workflowId };
}

/**
 * Signals a running instance, starting it with the signal when none runs under the id. Answers `closed`
 * when the instance under the id has already closed (ids are never reused), so the caller can move on.
 */
export async function signalOrStartProcess<Input, Signal>(
  ctx: Pick<ApiContext, 'temporal' | 'taskQueue'>,
  definition: ProcessDefinition<Input, never>,
  start: { workflowId: string; input: Input; signal: SignalDefinition<[Signal]>; signalArg: Signal },
): Promise<'delivered' | 'closed'> {
  const input = validated(definition, start.input);
  try {
    await ctx.temporal.workflow.signalWithStart<(input: Input) => Promise<unknown>, [Signal]>(definition.workflowType, {
      workflowId: start.workflowId,
      taskQueue: ctx.taskQueue,
      args: [input],
      signal: start.signal,
      signalArgs: [start.signalArg],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return 'delivered';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'closed';
    throw error;
  }
}

/** The action of a Schedule that starts a process (or its scheduled companion), with a checked input. */
export function scheduledStart<Input>(workflow: ProcessDefinition<Input, never> | CompanionWorkflow<Input>, start: { workflowId: string; input: Input; taskQueue: string }) {
  return { type: 'startWorkflow' as const, workflowType: workflow.workflowType, taskQueue: start.taskQueue, workflowId: start.workflowId, args: [validated(workflow, start.input)] };
}

