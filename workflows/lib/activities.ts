import { proxyActivities, type ActivityOptions, type LocalActivityOptions, type RetryPolicy } from '@temporalio/workflow';
import type { createFaultRepairActivities } from '../../activities/fault-repair';
import type { createProcessProjectionActivities } from '../../activities/process-projection';

/**
 * How every process retries what it asks of PostgreSQL and devices. An infrastructure failure (the database
 * restarting, a connection lost, a worker gone) is retried until it passes, however long the outage: a capped
 * attempt count would fail the process for good and orphan its open tasks. Only business refusals end the
 * retries: an ApplicationFailure thrown non-retryable, or an error of one of the named types.
 */
export function retryPolicy(...nonRetryableErrorTypes: string[]): RetryPolicy {
  return {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    // A try at least every 30 s, so a process carries on within half a minute of the database's return.
    maximumInterval: '30 seconds',
    ...(nonRetryableErrorTypes.length > 0 ? { nonRetryableErrorTypes } : {}),
  };
}

/** How a process calls its activities unless it has reason to differ: 30 s a try, retried as `retryPolicy` says. */
export function activityOptions(...nonRetryableErrorTypes: string[]): ActivityOptions {
  return { startToCloseTimeout: '30 seconds', retry: retryPolicy(...nonRetryableErrorTypes) };
}

/**
 * The same for local activities (a row or two, written from the worker itself): 10 s a try. A blip is retried in
 * the worker; once the pause between tries passes 10 s, the process waits for the next try on a durable timer
 * instead, so an outage does not hold a workflow task slot per process and heartbeat it every few seconds.
 */
export function localActivityOptions(...nonRetryableErrorTypes: string[]): LocalActivityOptions {
  return { startToCloseTimeout: '10 seconds', localRetryThreshold: '10 seconds', retry: retryPolicy(...nonRetryableErrorTypes) };
}

/** A notification to people or roles, once per dedupe key. */
export const { notify } = proxyActivities<Pick<ReturnType<typeof createFaultRepairActivities>, 'notify'>>(activityOptions());

/** Records that one process led to another (the related instances on the instance page). */
export const { linkProcesses } = proxyActivities<Pick<ReturnType<typeof createProcessProjectionActivities>, 'linkProcesses'>>(activityOptions());
