import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, workflowInfo } from '@temporalio/workflow';
import { accessControlActivities, credentialOnEveryDevice, type DeviceFailure } from '../lib/device-commands';
import { ProcessTracker } from '../lib/progress';
import { cancelPassSignal } from '../visitor-pass/messages';
import type { AccessRevocationInput, AccessRevocationOutcome } from './messages';
import { ACCESS_REVOCATION_STEPS as STEPS } from './steps';

/**
 * Access revocation, P4.2b: an owner who moves out or a staff member who leaves loses every
 * credential on every device, each device retried on its own, and the visitor passes they issued
 * end; the result is recorded.
 */
export async function accessRevocation(input: AccessRevocationInput): Promise<AccessRevocationOutcome> {
  const { personId, reason } = input;
  const tracker = new ProcessTracker(
    { process: 'access-revocation', title: `Revoke access: ${input.personName} (${reason})`, startedBy: input.requestedBy.userId },
    { personId, reason },
  );
  const access = accessControlActivities(input.retry);
  let visitorPassesEnded: string[] | undefined;

  /** A person who leaves takes their guests' access with them: each pass's own process revokes it on the doors. */
  const endVisitorPasses = async (): Promise<string[]> => {
    await tracker.enter(STEPS.endVisitorPasses.id);
    const passes = await access.visitorPassesIssuedBy({ personId });
    const ended = await Promise.all(
      passes.map(async ({ passId, workflowId }) => {
        try {
          await getExternalWorkflowHandle(workflowId).signal(cancelPassSignal, { by: input.requestedBy.displayName });
          return passId;
        } catch {
          return null; // the pass's process has just closed: it expired by itself
        }
      }),
    );
    const passIds = ended.filter((passId): passId is string => passId !== null);
    await tracker.complete(STEPS.endVisitorPasses.id, null, { passes: passIds });
    return passIds;
  };

  await tracker.pass(STEPS.revocationRequested.id, input.requestedBy.displayName, { reason });

  if (reason !== 'credential') {
    await tracker.enter(STEPS.closePersonAccess.id);
    await access.markPersonLeft({ personId });
    await tracker.complete(STEPS.closePersonAccess.id);
    // Histories from before this step replay without it.
    if (patched('end-visitor-passes')) visitorPassesEnded = await endVisitorPasses();
  }

  await tracker.enter(STEPS.revokeOnDevices.id);
  const held = await access.credentialsOnDevices({ personId, credentialIds: reason === 'credential' ? input.credentialIds : undefined });
  const perCredential = await Promise.all(
    held.map(async ({ credentialId, deviceIds }) => {
      await access.setCredentialStatus({ credentialId, status: 'revoking' });
      const result = await credentialOnEveryDevice(access, 'revoke', credentialId, deviceIds);
      // A credential is revoked once no device is known to hold it; a failed device keeps it `revoking`.
      if (!result.failed.length) await access.setCredentialStatus({ credentialId, status: 'revoked', reason });
      return result.failed.map((failure): DeviceFailure & { credentialId: string } => ({ ...failure, credentialId }));
    }),
  );
  const failed = perCredential.flat();
  const credentialsRevoked = perCredential.filter((failures) => !failures.length).length;
  if (failed.length) await tracker.fail(STEPS.revokeOnDevices.id, { credentialsRevoked, failed });
  else await tracker.complete(STEPS.revokeOnDevices.id, null, { credentialsRevoked });

  await tracker.enter(STEPS.storeRevocationRecord.id);
  await access.storeRevocationRecord({
    workflowId: workflowInfo().workflowId,
    personId,
    reason,
    requestedBy: input.requestedBy.userId,
    credentialsRevoked,
    devicesFailed: [...new Set(failed.map((failure) => failure.deviceId))].sort(),
  });
  await tracker.complete(STEPS.storeRevocationRecord.id);

  const outcome: AccessRevocationOutcome = { credentialsRevoked, failed, ...(visitorPassesEnded && { visitorPassesEnded }) };
  tracker.setData({ outcome });
  await tracker.finish(failed.length ? 'failed' : 'completed', STEPS.accessRevoked.id);
  await condition(allHandlersFinished);
  return outcome;
}
