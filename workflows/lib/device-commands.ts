import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { createAccessControlActivities } from '../../activities/access-control';
import type { DeviceRetry } from './inputs';

export type { DeviceRetry } from './inputs';

/** The access-control rules themselves (P4.2b; PIPL art. 26): never retried. */
export const ACCESS_RULE_FAILURES = ['FaceConsentMissing', 'NoOtherWayIn', 'UnknownCredential', 'PersonLeft'];

/** Every access-control activity, each device command retried with backoff through the adapter. */
export function accessControlActivities(retry: DeviceRetry) {
  return proxyActivities<ReturnType<typeof createAccessControlActivities>>({
    startToCloseTimeout: '30 seconds',
    retry: {
      maximumAttempts: retry.maximumAttempts,
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      // Device errors say themselves whether a retry helps (see activities/devices/connections.ts).
      nonRetryableErrorTypes: ACCESS_RULE_FAILURES,
    },
  });
}

export interface DeviceFailure {
  deviceId: string;
  type: string;
  error: string;
}

/** The type and message of an activity's failure, as recorded against the device. */
export function failureOf(error: unknown): { type: string; error: string } {
  if (!(error instanceof ActivityFailure)) throw error;
  const cause = error.cause;
  return { type: cause instanceof ApplicationFailure ? (cause.type ?? 'Error') : 'Error', error: cause?.message ?? error.message };
}

/**
 * Runs one command per device, in parallel; one device failing (after its retries) never stops the
 * others. Returns the devices done and those that failed, so the process can record both.
 */
export async function onEveryDevice(deviceIds: readonly string[], command: (deviceId: string) => Promise<unknown>): Promise<{ done: string[]; failed: DeviceFailure[] }> {
  const results = await Promise.all(
    deviceIds.map(async (deviceId) => {
      try {
        await command(deviceId);
        return { deviceId };
      } catch (error) {
        return { deviceId, ...failureOf(error) };
      }
    }),
  );
  return {
    done: results.filter((result) => !('error' in result)).map((result) => result.deviceId),
    failed: results.filter((result): result is DeviceFailure => 'error' in result),
  };
}
