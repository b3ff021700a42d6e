import type { z } from 'zod';
import type { Label, Vocabulary } from '../../contracts/labels';
import type { StartAction } from '../../contracts/permissions';

/** One step of a process: its BPMN element id, kind, policy clause, title (the diagram's name) and what people read. */
export interface StepDefinition {
  id: string;
  kind: string;
  clause: string;
  title: string;
  label: Label;
}

/** What an instance recorded (its projection's title and data), that its title for readers is made from. */
export interface RecordedInstance {
  title: string;
  data: Record<string, unknown>;
}

/**
 * An instance's title in each language, from what it recorded: the alarm type's name and the zone rather than
 * `fielddetection @ z-b1-lobby`. Ids go in as title references (`titleReference('zone', id)`), which the API names.
 * Titles recorded before a process recorded a field are read from the recorded title. `keys`: the data keys it
 * reads (a list of instances reads only these).
 */
export interface InstanceTitle {
  keys: readonly string[];
  of(instance: RecordedInstance): Label;
}

/** A workflow function as the worker runs it: one input, one outcome. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each process's workflow has its own input type
export type WorkflowFunction = (input: any) => Promise<unknown>;

/** Another workflow a process's folder runs, such as the scheduled round that starts its instances. */
export interface CompanionWorkflow<Input = unknown> {
  workflowType: string;
  input: z.ZodType<Input>;
}

/**
 * Everything Steward knows about one process, in one place: every registry (the catalogue, the worker's
 * workflows, the API's starts, the UI's labels) is derived from the list of these in `workflows/processes.ts`.
 * A definition is cheap to evaluate: every workflow's sandbox evaluates the whole list, so its schemas are
 * built on first use (`z.lazy`): the API validates a start with them, a running workflow never does.
 */
export interface ProcessDefinition<Input = unknown, IdArgs extends unknown[] = [string]> {
  /** The catalogue name and the folder of the process (its diagram is `<name>/diagram.bpmn`). */
  name: string;
  /** The workflow function's name: the Temporal workflow type, recorded in every history. */
  workflowType: string;
  title: { 'zh-CN': string; en: string };
  /** The policy clauses the process implements. */
  clauses: readonly string[];
  /** Who may start it by hand: an action of the permission table. Absent: only Steward starts it (Schedules, devices, other processes). */
  startAction?: StartAction;
  input: z.ZodType<Input>;
  /** The workflow id of an instance, from its business key: one instance per key. */
  workflowId(...key: IdArgs): string;
  steps: Readonly<Record<string, StepDefinition>>;
  /** The wording of its forms' fields and its tasks' context values, by key (with `COMMON_LABELS`, see `processLabels`). */
  labels: Vocabulary;
  /** How its instances are titled for readers; absent: the title as recorded (a person typed it). */
  instanceTitle?: InstanceTitle;
  companions?: readonly CompanionWorkflow[];
  /** The process's workflow module: bundled eagerly, evaluated only when an instance runs. */
  load(): Promise<Record<string, unknown>>;
}

/** Any process's definition, as the list holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each process has its own input and key types
export type AnyProcessDefinition = ProcessDefinition<any, any>;

export function defineProcess<Input, IdArgs extends unknown[] = [string]>(definition: ProcessDefinition<Input, IdArgs>) {
  return definition;
}
