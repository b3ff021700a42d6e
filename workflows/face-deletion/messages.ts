import type { DeviceFailure, DeviceRetry } from '../lib/device-commands';

export { progressQuery } from '../lib/messages';

export interface FaceDeletionInput {
  deletionId: string;
  personId: string;
  personName: string;
  requestedBy: { userId: string; displayName: string };
  retry: DeviceRetry;
}

export interface FaceDeletionOutcome {
  status: 'completed' | 'incomplete';
  deletedFrom: string[];
  failed: DeviceFailure[];
  imagesErased: number;
}
