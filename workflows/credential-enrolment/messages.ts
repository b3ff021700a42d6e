import type { DeviceFailure, DeviceRetry } from '../lib/device-commands';

export { progressQuery } from '../lib/messages';

export type CredentialKind = 'card' | 'face' | 'fingerprint' | 'pin';

/** The credential row is written by the API first; the process carries ids only, never a face image. */
export interface CredentialEnrolmentInput {
  credentialId: string;
  personId: string;
  personName: string;
  kind: CredentialKind;
  /** The doors of the person's area, resolved when the request was made. */
  deviceIds: string[];
  requestedBy: { userId: string; displayName: string };
  retry: DeviceRetry;
}

export interface CredentialEnrolmentOutcome {
  status: 'active' | 'refused' | 'failed';
  /** Why a face was refused: no recorded consent of the person, or no non-face credential. */
  refusal?: 'FaceConsentMissing' | 'NoOtherWayIn';
  enrolled: string[];
  failed: DeviceFailure[];
}
