import type { DeviceFailure, DeviceRetry } from '../lib/device-commands';

export { progressQuery } from '../lib/messages';

export interface PlateListInput {
  plate: string;
  /** The list the plate is now on; null when it was removed from both. */
  list: 'allow' | 'refuse' | null;
  requestedBy: { userId: string; displayName: string };
  retry: DeviceRetry;
}

export interface PlateListOutcome {
  pushedTo: string[];
  failed: DeviceFailure[];
}
