import type { DeviceFailure } from '../lib/device-commands';

export { progressQuery } from '../lib/messages';
export type { FaceDeletionInput } from './definition';

export interface FaceDeletionOutcome {
  status: 'completed' | 'incomplete';
  deletedFrom: string[];
  failed: DeviceFailure[];
  imagesErased: number;
}
