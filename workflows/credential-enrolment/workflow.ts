import { allHandlersFinished, condition } from '@temporalio/workflow';
import { accessControlActivities, credentialOnEveryDevice, failureOf } from '../lib/device-commands';
import { ProcessTracker } from '../lib/progress';
import type { CredentialEnrolmentInput, CredentialEnrolmentOutcome } from './messages';
import { CREDENTIAL_ENROLMENT_STEPS as STEPS } from './steps';

/**
 * Credential enrolment, P4.2b: a card, fingerprint, PIN or face is enrolled on every door of the
 * person's area through the device adapter. A face needs the person's own recorded consent and a
 * non-face way in (PIPL art. 26, 29; SPC face-recognition provisions art. 2, 10).
 */
export async function credentialEnrolment(input: CredentialEnrolmentInput): Promise<CredentialEnrolmentOutcome> {
  const { credentialId, kind, deviceIds } = input;
  const tracker = new ProcessTracker(
    { process: 'credential-enrolment', title: `${kind}: ${input.personName}`, startedBy: input.requestedBy.userId },
    { credentialId, personId: input.personId, kind, deviceIds },
  );
  const access = accessControlActivities(input.retry);
  const finish = async (outcome: CredentialEnrolmentOutcome, endStep: string): Promise<CredentialEnrolmentOutcome> => {
    tracker.setData({ outcome });
    await tracker.finish(outcome.status === 'active' ? 'completed' : 'failed', endStep);
    await condition(allHandlersFinished);
    return outcome;
  };

  await tracker.pass(STEPS.credentialRequested.id, input.requestedBy.displayName, { kind });

  if (kind === 'face') {
    await tracker.enter(STEPS.checkFaceConsent.id);
    try {
      const { consentId } = await access.checkFaceConsent({ credentialId });
      await tracker.complete(STEPS.checkFaceConsent.id, null, { consentId });
    } catch (error) {
      const { type, error: message } = failureOf(error);
      await tracker.fail(STEPS.checkFaceConsent.id, { type, error: message });
      const refusal = type === 'NoOtherWayIn' ? 'NoOtherWayIn' : 'FaceConsentMissing';
      return finish({ status: 'refused', refusal, enrolled: [], failed: [] }, STEPS.enrolmentRefused.id);
    }
  }

  await tracker.enter(STEPS.enrolOnDoors.id, null, { devices: deviceIds.length });
  const { done, failed } = await credentialOnEveryDevice(access, 'enrol', credentialId, deviceIds);
  if (failed.length) await tracker.fail(STEPS.enrolOnDoors.id, { enrolled: done, failed });
  else await tracker.complete(STEPS.enrolOnDoors.id, null, { enrolled: done });
  const status = done.length ? 'active' : 'failed';
  await access.setCredentialStatus({ credentialId, status });
  return finish({ status, enrolled: done, failed }, STEPS.credentialActive.id);
}
