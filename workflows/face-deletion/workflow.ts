import { allHandlersFinished, condition } from '@temporalio/workflow';
import { accessControlActivities, failureOf, onEveryDevice } from '../lib/device-commands';
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
