import type { DeviceFailure } from '../lib/device-commands';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export { doorCheckForm } from '../lib/door-outage';
export type { AccessRevocationInput } from './definition';

export interface AccessRevocationOutcome {
  credentialsRevoked: number;
  /** Doors that refused, or (type `ValidityEnded`) were still silent when the credential's validity ended. */
  failed: Array<DeviceFailure & { credentialId: string }>;
  /** Visitor passes the person issued, ended by their own processes (which take the visitors' credentials off the doors). */
  visitorPassesEnded?: string[];
}
