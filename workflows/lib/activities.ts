import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { createFaultRepairActivities } from '../../activities/fault-repair';
import type { createProcessProjectionActivities } from '../../activities/process-projection';

/**
 * How a process calls its activities unless it has reason to differ: 30 s a try, and five tries to ride
 * out a worker or database restart. Errors of the named types fail at once: a retry cannot mend them.
 */
export function activityOptions(...nonRetryableErrorTypes: string[]): ActivityOptions {
  return {
    startToCloseTimeout: '30 seconds',
    retry: nonRetryableErrorTypes.length > 0 ? { maximumAttempts: 5, nonRetryableErrorTypes } : { maximumAttempts: 5 },
  };
}

/** A notification to people or roles, once per dedupe key. */
export const { notify } = proxyActivities<Pick<ReturnType<typeof createFaultRepairActivities>, 'notify'>>(activityOptions());

/** Records that one process led to another (the related instances on the instance page). */
export const { linkProcesses } = proxyActivities<Pick<ReturnType<typeof createProcessProjectionActivities>, 'linkProcesses'>>(activityOptions());
