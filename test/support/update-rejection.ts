import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { expect } from 'vitest';

/**
 * The typed rejection of a `completeTask` update (UnknownTask, TaskClosed, NotCandidate,
 * InvalidPayload …): asserts the failure's type chain and returns its type and the fields it names.
 */
export async function updateRejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  const { type, details } = cause as ApplicationFailure;
  const fields = (details as Array<{ field?: string }>).flatMap((detail) => (detail?.field ? [detail.field] : []));
  return { type, fields };
}
