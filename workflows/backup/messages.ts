export { progressQuery } from '../lib/messages';
export type { BackupInput } from './definition';

export interface BackupOutcome {
  kind: 'full' | 'incremental' | 'drill';
  status: 'succeeded' | 'failed';
  /** What failed, in words; empty when it succeeded. */
  problems: string[];
  /** The repair opened for the tech supervisor when it failed. */
  faultRepairWorkflowId: string | null;
}

/** The fault repair a failed backup or drill opens: one per run. */
export const backupFaultRepairId = (workflowId: string) => `fault-repair-${workflowId}`;
