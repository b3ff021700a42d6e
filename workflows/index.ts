/**
 * Every workflow the worker runs; the bundler starts here.
 *
 * One dynamic workflow serves every workflow type of the process list: the SDK calls the default export
 * for a type it finds no named export for. The SDK evaluates this module graph afresh for every workflow it
 * starts, so the list holds definitions only (cheap), and each process's workflow module is loaded when a
 * workflow of that process runs: an alarm incident does not build the forms of every other process first.
 * The definitions' `webpackMode: "eager"` imports keep everything in the one bundle; the import only defers
 * the evaluation, and it is the same on replay.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { WorkflowFunction } from './lib/process-definition';
import { PROCESSES } from './processes';

export default async function runProcess(...args: unknown[]): Promise<unknown> {
  const { workflowType } = workflowInfo();
  const definition = PROCESSES.find((process) => process.workflowType === workflowType || process.companions?.some((companion) => companion.workflowType === workflowType));
  // An unknown type fails the workflow task (as the SDK's own lookup does), so a worker with the code can take it.
  if (!definition) throw new TypeError(`no process runs workflows of type ${workflowType}`);
  const workflow = (await definition.load())[workflowType] as WorkflowFunction;
  return workflow(...(args as [unknown]));
}
