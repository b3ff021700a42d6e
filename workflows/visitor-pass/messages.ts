import { defineSignal } from '@temporalio/workflow';
import type { DeviceFailure, DeviceRetry } from '../lib/device-commands';

export { progressQuery } from '../lib/messages';

export interface VisitorPassInput {
  passId: string;
  credentialId: string;
  visitorName: string;
  hostUnitId: string;
  deviceIds: string[];
  /** The end of the pass's validity window (ISO date-time): the process's durable timer. */
  validUntil: string;
  issuedBy: { userId: string; displayName: string };
  retry: DeviceRetry;
}

export interface VisitorPassOutcome {
  ended: 'expired' | 'cancelled';
  enrolled: string[];
  revoked: string[];
  failed: DeviceFailure[];
}

/** The host or staff end the pass before it expires. */
export const cancelPassSignal = defineSignal<[{ by: string }]>('cancelPass');
