import type { DeviceFailure, DeviceRetry } from '../lib/device-commands';

export { progressQuery } from '../lib/messages';

export interface AccessRevocationInput {
  personId: string;
  personName: string;
  /** `moved-out` / `left` revoke everything and close the person; `credential` revokes the ones named. */
  reason: 'moved-out' | 'left' | 'credential';
  credentialIds?: string[];
  requestedBy: { userId: string; displayName: string };
  retry: DeviceRetry;
}

export interface AccessRevocationOutcome {
  credentialsRevoked: number;
  failed: Array<DeviceFailure & { credentialId: string }>;
  /** Visitor passes the person issued, ended by their own processes (which take the visitors' credentials off the doors). */
  visitorPassesEnded?: string[];
}
