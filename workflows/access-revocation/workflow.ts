import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, workflowInfo } from '@temporalio/workflow';
import { titleReference } from '../../contracts/labels';
import { accessControlActivities, credentialOnEveryDevice, onEveryDevice, type DeviceFailure } from '../lib/device-commands';
import { DoorAlerts, untilDoorAnswers } from '../lib/door-outage';
import { HumanTasks } from '../lib/human-task';
import type { DoorOutage } from '../lib/inputs';
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
  // Processes started with an outage policy wait offline doors out; histories from before give up after `retry`.
  const { perCredential, alerts } =
    input.outage && patched('revoke-until-doors-answer')
      ? await revokeUntilDoorsAnswer(input, input.outage, tracker, access, held)
      : { perCredential: await revokeOnce(input, access, held), alerts: null };
  const failed = perCredential.flat();
  const credentialsRevoked = perCredential.filter((failures) => !failures.length).length;
  // P4.2b with PIPL art. 47: a person who leaves leaves no entry on a door that no longer holds anything of theirs.
  // Processes recorded before this replay without it.
  const removal = reason !== 'credential' && patched('remove-person-from-doors') ? await removePersonFromDoors(access, personId, held, failed) : null;
  const removed = removal ? { personRemovedFrom: removal.done, ...(removal.failed.length ? { personRemovalFailed: removal.failed } : {}) } : {};
  if (failed.length) await tracker.fail(STEPS.revokeOnDevices.id, { credentialsRevoked, failed, ...removed });
  else await tracker.complete(STEPS.revokeOnDevices.id, null, { credentialsRevoked, ...removed });

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
  await alerts?.acknowledged();
  await tracker.finish(failed.length ? 'failed' : 'completed', STEPS.accessRevoked.id);
  await condition(allHandlersFinished);
  return outcome;
}

type Access = ReturnType<typeof accessControlActivities>;
type Held = Awaited<ReturnType<Access['credentialsOnDevices']>>;
type CredentialFailures = Array<DeviceFailure & { credentialId: string }>;

/** The person's entry is deleted from every door that held their credentials and gave up none of them. */
function removePersonFromDoors(access: Access, personId: string, held: Held, failed: CredentialFailures) {
  const stillHolding = new Set(failed.map((failure) => failure.deviceId));
  const doors = [...new Set(held.flatMap((credential) => credential.deviceIds))].filter((deviceId) => !stillHolding.has(deviceId)).sort();
  return onEveryDevice(doors, (deviceId) => access.removePersonFromDevice({ personId, deviceId }));
}

/** Each credential on each device, tried as every device command is; a device that still fails is recorded and given up. */
function revokeOnce(input: AccessRevocationInput, access: Access, held: Held): Promise<CredentialFailures[]> {
  return Promise.all(
    held.map(async ({ credentialId, deviceIds }) => {
      await access.setCredentialStatus({ credentialId, status: 'revoking' });
      const result = await credentialOnEveryDevice(access, 'revoke', credentialId, deviceIds);
      // A credential is revoked once no device is known to hold it; a failed device keeps it `revoking`.
      if (!result.failed.length) await access.setCredentialStatus({ credentialId, status: 'revoked', reason: input.reason });
      return result.failed.map((failure): DeviceFailure & { credentialId: string } => ({ ...failure, credentialId }));
    }),
  );
}

/**
 * P4.2b: each credential on each device, every door on its own: a door that answers is done at once, a silent
 * one is retried until it answers or the credential's validity ends (the person's record shows it pending
 * meanwhile), and the security supervisor is told of a door still silent after the limit, or refusing.
 */
async function revokeUntilDoorsAnswer(input: AccessRevocationInput, outage: DoorOutage, tracker: ProcessTracker, access: Access, held: Held) {
  const since = new Date().toISOString();
  const alerts = new DoorAlerts(new HumanTasks('access-revocation', tracker), tracker, {
    steps: { raised: STEPS.doorStillOffline.id, task: STEPS.checkOfflineDoor.id, acknowledged: STEPS.doorCheckAcknowledged.id },
    title: (deviceId) => `门禁凭证仍有效：${input.personName} · ${titleReference('device', deviceId)}`,
    context: (deviceId, kinds) => ({ personId: input.personId, personName: input.personName, reason: input.reason, deviceId, credentialKinds: kinds, revocationRequestedAt: since }),
    // As long again as the door has been silent: the check is due within the next limit.
    dueInMs: outage.alertAfterMs,
  });
  let settled = false;
  const revocations = Promise.all(
    held.map(async ({ credentialId, kind, deviceIds, validUntil }) => {
      await access.setCredentialStatus({ credentialId, status: 'revoking' });
      const doors = await Promise.all(
        deviceIds.map((deviceId) =>
          alerts.track(deviceId, kind, async () => {
            const door = await untilDoorAnswers(deviceId, (command) => command.revokeOnDevice({ credentialId, deviceId }), {
              retry: input.retry,
              outage,
              validUntilMs: Date.parse(validUntil),
            });
            if (!door.done) await access.recordDeviceFailure({ credentialId, deviceId, state: door.lapsed ? 'lapsed' : 'revoke-failed', error: door.error });
            return door;
          }),
        ),
      );
      const undone = doors.flatMap((door) => (door.done ? [] : [door]));
      // Revoked once no door holds it; expired when the only doors left let its validity run out; else still `revoking`.
      if (!undone.length) await access.setCredentialStatus({ credentialId, status: 'revoked', reason: input.reason });
      else if (undone.every((door) => door.lapsed)) await access.setCredentialStatus({ credentialId, status: 'expired', reason: input.reason });
      return undone.map(({ deviceId, type, error }) => ({ deviceId, type, error, credentialId }));
    }),
  ).then((perCredential) => {
    settled = true;
    return perCredential;
  });
  if (!(await condition(() => settled, outage.alertAfterMs))) await alerts.passLimit();
  return { perCredential: await revocations, alerts };
}
