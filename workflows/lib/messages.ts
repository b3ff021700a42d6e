import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FieldFault } from '../../contracts/problem-texts';

/** The person (or system) acting on a process; the API fills it from the signed-in session. */
export interface Actor {
  userId: string;
  displayName: string;
  roles: string[];
}

export type StepStatus = 'active' | 'completed' | 'failed';

export interface StepProgress {
  status: StepStatus;
  visits: number;
  lastAt: string;
  lastActor: string | null;
}

/** Answered by every process: which steps ran, how often, and where the process stands now. */
export interface ProcessProgress {
  process: string;
  status: 'running' | 'completed' | 'failed';
  steps: Record<string, StepProgress>;
  seq: number;
}

export const progressQuery = defineQuery<ProcessProgress>('progress');

export interface CompleteTaskInput {
  taskId: string;
  actor: Actor;
  payload: unknown;
}

export interface CompleteTaskResult {
  taskId: string;
  stepId: string;
  completedAt: string;
}

/**
 * Completes a human task. The validator rejects, before anything reaches history: an unknown or
 * closed task (`TaskClosed`), an actor who is not a candidate (`NotCandidate`), and a payload that
 * fails the step's schema (`InvalidPayload`, with the fields at fault as details).
 */
export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');

export type TaskRejection = 'UnknownTask' | 'TaskClosed' | 'NotCandidate' | 'InvalidPayload';

/** A field at fault: its message is a key of contracts/problem-texts.ts, which the API renders in the caller's language. */
export type FieldError = FieldFault;
