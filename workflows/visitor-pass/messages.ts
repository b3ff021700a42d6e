import { defineSignal } from '@temporalio/workflow';
import type { DeviceFailure } from '../lib/device-commands';

export { progressQuery } from '../lib/messages';
export type { VisitorPassInput } from './definition';

export interface VisitorPassOutcome {
  ended: 'expired' | 'cancelled';
  enrolled: string[];
  revoked: string[];
  failed: DeviceFailure[];
}

/** The host or staff end the pass before it expires. */
export const cancelPassSignal = defineSignal<[{ by: string }]>('cancelPass');
