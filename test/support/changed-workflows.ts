/**
 * The workflow code after a careless change: fault repair now pauses before its first step, and the
 * change is not behind patched(). The replay tests bundle it on its own, as "the current code" that
 * real histories are replayed against; everything else is the code the worker runs.
 */
import { sleep } from '@temporalio/workflow';
import { faultRepair as releasedFaultRepair } from '../../workflows/fault-repair/workflow';

// The SDK takes a named export before the default (which runs every other process as released).
export { default } from '../../workflows/index';

export async function faultRepair(...args: Parameters<typeof releasedFaultRepair>): ReturnType<typeof releasedFaultRepair> {
  await sleep('1 second');
  return releasedFaultRepair(...args);
}
