/** The engine baseline's workflows: no work at all besides 1 or 3 no-op activities in sequence. */
import { proxyActivities } from '@temporalio/workflow';
import type { createEngineBenchActivities } from './engine-activities';

const { noop } = proxyActivities<ReturnType<typeof createEngineBenchActivities>>({ startToCloseTimeout: '30 seconds' });

export async function oneActivity(): Promise<void> {
  await noop();
}

export async function threeActivities(): Promise<void> {
  await noop();
  await noop();
  await noop();
}
