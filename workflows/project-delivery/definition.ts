import { z } from 'zod';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { acceptanceTimings } from '../project-acceptance/definition';
import { PROJECT_DELIVERY_STEPS } from './steps';

/** Every duration of delivery supervision (P2.3b); tests run a week's cadence in seconds. */
export const deliveryTimings = z.lazy(() =>
  z.object({
    planDueMs: durationMs(),
    /** How often the project lead reports progress. */
    reportEveryMs: durationMs(),
    /** While a report is missing, the lead is reminded this often... */
    reportReminderMs: durationMs(),
    /** ...until this long after it was asked for, when management is alerted. */
    reportDueMs: durationMs(),
    /** A milestone not reached this long after its due date alerts management. */
    milestoneGraceMs: durationMs(),
    overdueReviewDueMs: durationMs(),
    acceptance: acceptanceTimings,
  }),
);
export type DeliveryTimings = z.infer<typeof deliveryTimings>;

/**
 * The contract the procurement process starts delivery with (as a child, by the type name
 * `projectDelivery`). Without `timings` the worker's configured defaults apply.
 */
export const projectDeliveryInput = z.lazy(() =>
  z.object({
    contractId: z.string(),
    procurementWorkflowId: z.string().optional(),
    projectId: z.string(),
    vendorId: z.string(),
    title: z.string(),
    /** ISO date the contract sets for delivery. */
    deliveryDate: z.string(),
    timings: deliveryTimings.unwrap().partial().optional(),
  }),
);
export type ProjectDeliveryInput = z.infer<typeof projectDeliveryInput>;

export const projectDeliveryProcess = defineProcess({
  name: 'project-delivery',
  workflowType: 'projectDelivery',
  title: { 'zh-CN': '项目实施', en: 'Project delivery' },
  clauses: ['P2.3a–b'],
  startAction: 'project-delivery.start',
  input: projectDeliveryInput,
  /** One delivery per contract: the id follows from the contract, so a retried start joins it. */
  workflowId: (contractId: string) => `project-delivery-${contractId}`,
  steps: PROJECT_DELIVERY_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
