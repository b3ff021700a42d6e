import { z } from 'zod';
import { defineProcess } from '../lib/process-definition';
import { PROCUREMENT_STEPS } from './steps';

export const PROCUREMENT_SYSTEMS = ['cctv', 'access-control', 'intrusion-alarm', 'network', 'elevator-monitoring', 'smart-home'] as const;

/**
 * How another process (the annual plan) starts a procurement, by workflow type `procurement`.
 * `estimate` is whole yuan (CNY). Durations are optional: the worker's configuration fills them in.
 */
export const procurementInput = z.lazy(() =>
  z.object({
    projectId: z.string(),
    planWorkflowId: z.string().optional(),
    title: z.string(),
    /** Whole yuan (CNY). */
    estimate: z.number().nonnegative(),
    system: z.enum(PROCUREMENT_SYSTEMS).optional(),
    requirements: z.string().optional(),
    /** The sealed-bid window, from the invitations to the opening (recorded histories carry seconds). */
    bidWindowSeconds: z.number().positive().optional(),
    /** Due time of each human step. */
    taskDueSeconds: z.number().positive().optional(),
    /** Start project delivery as a child after the contract (default: PROCUREMENT_START_DELIVERY, true). */
    startDelivery: z.boolean().optional(),
    /** Who asked for it (shown on the instance); the plan's starter when the plan starts it. */
    requestedBy: z.string().nullable().optional(),
  }),
);
export type ProcurementInput = z.infer<typeof procurementInput>;

export const procurementProcess = defineProcess({
  name: 'procurement',
  workflowType: 'procurement',
  title: { 'zh-CN': '采购', en: 'Procurement' },
  clauses: ['P2.2b'],
  startAction: 'procurement.start',
  input: procurementInput,
  workflowId: (projectId: string) => `procurement-${projectId}`,
  steps: PROCUREMENT_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
