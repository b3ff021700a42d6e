import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { accessControlActivities, credentialOnEveryDevice } from '../lib/device-commands';
import { ProcessTracker } from '../lib/progress';
import { cancelPassSignal, type VisitorPassInput, type VisitorPassOutcome } from './messages';
import { VISITOR_PASS_STEPS as STEPS } from './steps';

/**
 * Visitor pass, P4.2b: the visitor's card or PIN is enrolled on the host's doors for the pass's
 * window, and a durable timer revokes it on every door when the window closes, by itself.
 */
export async function visitorPass(input: VisitorPassInput): Promise<VisitorPassOutcome> {
  const { credentialId, deviceIds } = input;
  const tracker = new ProcessTracker(
    { process: 'visitor-pass', title: `Visitor ${input.visitorName} → ${input.hostUnitId}`, startedBy: input.issuedBy.userId },
    { passId: input.passId, credentialId, hostUnitId: input.hostUnitId, validUntil: input.validUntil, deviceIds },
  );
  const access = accessControlActivities(input.retry);
  let cancelledBy: string | null = null;
  setHandler(cancelPassSignal, ({ by }) => {
    cancelledBy ??= by;
  });

  await tracker.pass(STEPS.passIssued.id, input.issuedBy.displayName, { validUntil: input.validUntil });

  await tracker.enter(STEPS.enrolVisitorCredential.id);
  const enrolment = await credentialOnEveryDevice(access, 'enrol', credentialId, deviceIds);
  if (enrolment.failed.length) await tracker.fail(STEPS.enrolVisitorCredential.id, enrolment);
  else await tracker.complete(STEPS.enrolVisitorCredential.id, null, { enrolled: enrolment.done });
  await access.setCredentialStatus({ credentialId, status: enrolment.done.length ? 'active' : 'failed' });

  const remainingMs = Math.max(0, Date.parse(input.validUntil) - Date.now());
  const cancelled = await condition(() => cancelledBy !== null, remainingMs);
  if (cancelled) await tracker.pass(STEPS.passCancelled.id, cancelledBy);
  else await tracker.pass(STEPS.passExpired.id, null, { validUntil: input.validUntil });

  // Revoke on every door of the pass, including those the enrolment failed on: the device may hold it anyway.
  await tracker.enter(STEPS.revokeVisitorCredential.id);
  await access.setCredentialStatus({ credentialId, status: 'revoking' });
  const revocation = await credentialOnEveryDevice(access, 'revoke', credentialId, deviceIds);
  if (revocation.failed.length) await tracker.fail(STEPS.revokeVisitorCredential.id, revocation);
  else await tracker.complete(STEPS.revokeVisitorCredential.id, null, { revoked: revocation.done });
  const ended = cancelled ? 'cancelled' : 'expired';
  await access.setCredentialStatus({ credentialId, status: 'revoked', reason: `visitor pass ${ended}` });
  await access.closeVisitorPass({ passId: input.passId, status: cancelled ? 'revoked' : 'expired' });

  const outcome: VisitorPassOutcome = { ended, enrolled: enrolment.done, revoked: revocation.done, failed: [...enrolment.failed, ...revocation.failed] };
  tracker.setData({ outcome });
  await tracker.finish(revocation.failed.length ? 'failed' : 'completed', STEPS.passEnded.id);
  await condition(allHandlersFinished);
  return outcome;
}
