import type { Database } from '../db/client';
import { createFaultRepairActivities } from './fault-repair';
import { createHumanTaskActivities } from './human-tasks';
import { createProcessProjectionActivities } from './process-projection';

export interface ActivityDependencies {
  db: Database;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(dependencies: ActivityDependencies) {
  return {
    ...createHumanTaskActivities(dependencies),
    ...createProcessProjectionActivities(dependencies),
    ...createFaultRepairActivities(dependencies),
  };
}
