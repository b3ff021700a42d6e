import type { DeviceFailure } from '../lib/device-commands';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export { doorCheckForm } from '../lib/door-outage';
export type { FaceDeletionInput } from './definition';

export interface FaceDeletionOutcome {
  status: 'completed' | 'incomplete';
  deletedFrom: string[];
  /** Doors that refused, or (type `ValidityEnded`) were still silent when the face's validity ended. */
  failed: DeviceFailure[];
  imagesErased: number;
}
