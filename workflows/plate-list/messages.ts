import type { DeviceFailure } from '../lib/device-commands';

export { progressQuery } from '../lib/messages';
export type { PlateListInput } from './definition';

export interface PlateListOutcome {
  pushedTo: string[];
  failed: DeviceFailure[];
}
