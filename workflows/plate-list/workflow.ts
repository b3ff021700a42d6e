import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';
import { accessControlActivities, onEveryDevice } from '../lib/device-commands';
import { ProcessTracker } from '../lib/progress';
import type { PlateListInput, PlateListOutcome } from './messages';
import { PLATE_LIST_STEPS as STEPS } from './steps';

/** Plate list, P4.2b (strict control of vehicles): a plate's allow / refuse entry reaches every barrier. */
export async function plateList(input: PlateListInput): Promise<PlateListOutcome> {
  const { plate } = input;
  const tracker = new ProcessTracker(
    { process: 'plate-list', title: `Plate ${plate}: ${input.list ?? 'removed'}`, startedBy: input.requestedBy.userId },
    { plate, list: input.list },
  );
  const access = accessControlActivities(input.retry);
  await tracker.pass(STEPS.plateChanged.id, input.requestedBy.displayName, { list: input.list });

  await tracker.enter(STEPS.pushToBarriers.id);
  const barriers = await access.barrierDevices();
  // The activity pushes the plate's entry as stored when it runs, so a later change is never undone.
  const { done, failed } = await onEveryDevice(barriers, (deviceId) => access.pushPlateToBarrier({ plate, deviceId }));
  if (failed.length) await tracker.fail(STEPS.pushToBarriers.id, { pushedTo: done, failed });
  else await tracker.complete(STEPS.pushToBarriers.id, null, { pushedTo: done });
  await access.setPlateSyncState({ plate, workflowId: workflowInfo().workflowId, syncState: failed.length ? 'failed' : 'synced' });

  const outcome: PlateListOutcome = { pushedTo: done, failed };
  tracker.setData({ outcome });
  await tracker.finish(failed.length ? 'failed' : 'completed', STEPS.plateListApplied.id);
  await condition(allHandlersFinished);
  return outcome;
}
