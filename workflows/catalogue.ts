import { FAULT_REPAIR_STEPS } from './fault-repair/steps';

interface StepDefinition {
  id: string;
  kind: string;
  clause: string;
  title: string;
}

/** Every process Steward runs: its folder (diagram) and its steps. Read by the API, not by workflows. */
export const PROCESS_CATALOGUE: Record<string, { title: string; folder: string; steps: Record<string, StepDefinition> }> = {
  'fault-repair': { title: 'Fault repair (P3.2)', folder: 'fault-repair', steps: FAULT_REPAIR_STEPS },
};
