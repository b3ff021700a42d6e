import type { DeviceFailure } from '../lib/device-commands';

export { progressQuery } from '../lib/messages';
export type { AccessRevocationInput } from './definition';

export interface AccessRevocationOutcome {
  credentialsRevoked: number;
  failed: Array<DeviceFailure & { credentialId: string }>;
  /** Visitor passes the person issued, ended by their own processes (which take the visitors' credentials off the doors). */
  visitorPassesEnded?: string[];
}
