import type { DeviceFailure } from '../lib/device-commands';

export { progressQuery } from '../lib/messages';
export { credentialKind, type CredentialEnrolmentInput, type CredentialKind } from './definition';

export interface CredentialEnrolmentOutcome {
  status: 'active' | 'refused' | 'failed';
  /** Why a face was refused: no recorded consent of the person, or no non-face credential. */
  refusal?: 'FaceConsentMissing' | 'NoOtherWayIn';
  enrolled: string[];
  failed: DeviceFailure[];
}
