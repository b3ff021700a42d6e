import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import { titleReference } from '../../contracts/labels';
import { accessControlActivities, failureOf, onEveryDevice, type DeviceFailure } from '../lib/device-commands';
import { DoorAlerts, untilDoorAnswers } from '../lib/door-outage';
import { HumanTasks } from '../lib/human-task';
import type { DoorOutage } from '../lib/inputs';
import { ProcessTracker } from '../lib/progress';
import type { FaceDeletionInput, FaceDeletionOutcome } from './messages';
import { FACE_DELETION_STEPS as STEPS } from './steps';

/**
 * Face deletion, P4.2b with PIPL art. 47 and the SPC face-recognition provisions: the person's face
 * is deleted from every door controller and from Steward's own store, and each deletion is recorded.
 */
export async function faceDeletion(input: FaceDeletionInput): Promise<FaceDeletionOutcome> {
  const { deletionId, personId } = input;
  const tracker = new ProcessTracker(
    { process: 'face-deletion', title: `Delete face: ${input.personName}`, startedBy: input.requestedBy.userId },
    { deletionId, personId },
  );
  const access = accessControlActivities(input.retry);
  await tracker.pass(STEPS.deletionRequested.id, input.requestedBy.displayName);
  // Processes started with an outage policy wait offline doors out; histories from before give up after `retry`.
  if (input.outage && patched('face-deletion-until-doors-answer')) return deleteUntilDoorsAnswer(input, input.outage, tracker, access);

  await tracker.enter(STEPS.deleteFaceOnDevices.id);
  const deviceIds = await access.faceDevices();
  const { done, failed } = await onEveryDevice(deviceIds, async (deviceId) => {
    try {
      await access.deleteFaceOnDevice({ deletionId, personId, deviceId });
    } catch (error) {
      await access.recordFaceDeletionFailure({ deletionId, deviceId, error: failureOf(error).error });
      throw error;
    }
  });
  if (failed.length) await tracker.fail(STEPS.deleteFaceOnDevices.id, { deletedFrom: done, failed });
  else await tracker.complete(STEPS.deleteFaceOnDevices.id, null, { deletedFrom: done });

  await tracker.enter(STEPS.eraseStoredFace.id);
  const { imagesErased } = await access.eraseStoredFace({ personId, requestedBy: input.requestedBy.userId });
  await tracker.complete(STEPS.eraseStoredFace.id, null, { imagesErased });

  await tracker.enter(STEPS.storeDeletionRecord.id);
  const status = failed.length ? 'incomplete' : 'completed';
  await access.closeFaceDeletion({ deletionId, status, imagesErased });
  await tracker.complete(STEPS.storeDeletionRecord.id, null, { status });

  const outcome: FaceDeletionOutcome = { status, deletedFrom: done, failed, imagesErased };
  tracker.setData({ outcome });
  await tracker.finish(failed.length ? 'failed' : 'completed', STEPS.faceDeleted.id);
  await condition(allHandlersFinished);
  return outcome;
}

/**
 * PIPL art. 47 with P4.2b: Steward's own copy is erased at once while every door is told on its own; a door
 * that does not answer is logged failed with the reason and retried until it answers or the face's validity
 * ends, and the security supervisor is told of a door still silent after the limit, or refusing.
 */
async function deleteUntilDoorsAnswer(
  input: FaceDeletionInput,
  outage: DoorOutage,
  tracker: ProcessTracker,
  access: ReturnType<typeof accessControlActivities>,
): Promise<FaceDeletionOutcome> {
  const { deletionId, personId } = input;
  const since = new Date().toISOString();
  const alerts = new DoorAlerts(new HumanTasks('face-deletion', tracker), tracker, {
    steps: { raised: STEPS.doorStillOffline.id, task: STEPS.checkOfflineDoor.id, acknowledged: STEPS.doorCheckAcknowledged.id },
    title: (deviceId) => `人脸仍在门禁设备上：${input.personName} · ${titleReference('device', deviceId)}`,
    context: (deviceId) => ({ personId, personName: input.personName, deletionId, deviceId, deletionRequestedAt: since }),
    // As long again as the door has been silent: the check is due within the next limit.
    dueInMs: outage.alertAfterMs,
  });
  const validUntil = await access.faceValidUntil({ personId });

  await tracker.enter(STEPS.deleteFaceOnDevices.id);
  const deviceIds = await access.faceDevices();
  let settled = false;
  const deletions = Promise.all(
    deviceIds.map((deviceId) =>
      alerts.track(deviceId, 'face', async () => {
        const door = await untilDoorAnswers(deviceId, (command) => command.deleteFaceOnDevice({ deletionId, personId, deviceId }), {
          retry: input.retry,
          outage,
          validUntilMs: validUntil === null ? null : Date.parse(validUntil),
        });
        if (!door.done) await access.recordFaceDeletionFailure({ deletionId, deviceId, error: door.error, personId, state: door.lapsed ? 'lapsed' : 'revoke-failed' });
        return door;
      }),
    ),
  ).then((doors) => {
    settled = true;
    return doors;
  });

  await tracker.enter(STEPS.eraseStoredFace.id);
  const { imagesErased } = await access.eraseStoredFace({ personId, requestedBy: input.requestedBy.userId, devicesPending: true });
  await tracker.complete(STEPS.eraseStoredFace.id, null, { imagesErased });

  if (!(await condition(() => settled, outage.alertAfterMs))) await alerts.passLimit();
  const doors = await deletions;
  const done = doors.flatMap((door) => (door.done ? [door.deviceId] : []));
  const failed = doors.flatMap((door): DeviceFailure[] => (door.done ? [] : [{ deviceId: door.deviceId, type: door.type, error: door.error }]));
  if (failed.length) await tracker.fail(STEPS.deleteFaceOnDevices.id, { deletedFrom: done, failed });
  else await tracker.complete(STEPS.deleteFaceOnDevices.id, null, { deletedFrom: done });

  await tracker.enter(STEPS.storeDeletionRecord.id);
  const status = failed.length ? 'incomplete' : 'completed';
  // A door that refused keeps the face credential `revoking`; one that let the validity run out leaves it expired.
  if (!doors.some((door) => !door.done && !door.lapsed)) await access.closeFaceCredentials({ personId, status: failed.length ? 'expired' : 'revoked' });
  await access.closeFaceDeletion({ deletionId, status, imagesErased });
  await tracker.complete(STEPS.storeDeletionRecord.id, null, { status });

  const outcome: FaceDeletionOutcome = { status, deletedFrom: done, failed, imagesErased };
  tracker.setData({ outcome });
  await alerts.acknowledged();
  await tracker.finish(failed.length ? 'failed' : 'completed', STEPS.faceDeleted.id);
  await condition(allHandlersFinished);
  return outcome;
}
