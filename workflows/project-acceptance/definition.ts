import { z } from 'zod';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { PROJECT_ACCEPTANCE_STEPS } from './steps';

export const acceptanceTimings = z.lazy(() =>
  z.object({
    teamDueMs: durationMs(),
    inspectionDueMs: durationMs(),
    signatureDueMs: durationMs(),
    /** The supplier's deadline to rectify failed items; reminded every `rectificationReminderMs`. */
    rectificationDueMs: durationMs(),
    rectificationReminderMs: durationMs(),
    settlementDueMs: durationMs(),
    /** The warranty period that starts on a pass. */
    warrantyMs: durationMs(),
  }),
);
export type AcceptanceTimings = z.infer<typeof acceptanceTimings>;

export const projectAcceptanceInput = z.lazy(() =>
  z.object({
    deliveryWorkflowId: z.string().optional(),
    contractId: z.string(),
    projectId: z.string(),
    vendorId: z.string(),
    title: z.string(),
    system: z.string(),
    /** Face recognition or other biometrics: the data-security check adds the biometric items. */
    biometric: z.boolean(),
    timings: acceptanceTimings,
  }),
);
export type ProjectAcceptanceInput = z.infer<typeof projectAcceptanceInput>;

export const projectAcceptanceProcess = defineProcess({
  name: 'project-acceptance',
  workflowType: 'projectAcceptance',
  title: { 'zh-CN': '项目验收', en: 'Project acceptance' },
  clauses: ['P2.3c'],
  input: projectAcceptanceInput,
  /** The acceptance of a delivery follows from the delivery's id, so a retried start finds the same process. */
  workflowId: (deliveryWorkflowId: string) =>
    deliveryWorkflowId.startsWith('project-delivery-') ? deliveryWorkflowId.replace(/^project-delivery-/, 'project-acceptance-') : `project-acceptance-${deliveryWorkflowId}`,
  steps: PROJECT_ACCEPTANCE_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
