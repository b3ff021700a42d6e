import { z } from 'zod';
import { deviceRetry, requester } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { VISITOR_PASS_STEPS } from './steps';

export const visitorPassInput = z.lazy(() =>
  z.object({
    passId: z.string(),
    credentialId: z.string(),
    visitorName: z.string(),
    hostUnitId: z.string(),
    deviceIds: z.array(z.string()),
    /** The end of the pass's validity window (ISO date-time): the process's durable timer. */
    validUntil: z.string(),
    issuedBy: requester,
    retry: deviceRetry,
  }),
);
export type VisitorPassInput = z.infer<typeof visitorPassInput>;

export const visitorPassProcess = defineProcess({
  name: 'visitor-pass',
  workflowType: 'visitorPass',
  title: { 'zh-CN': '访客通行证', en: 'Visitor pass' },
  clauses: ['P4.2b'],
  startAction: 'visitor-pass.start',
  input: visitorPassInput,
  workflowId: (passId: string) => `visitor-pass-${passId}`,
  steps: VISITOR_PASS_STEPS,
  // No person's task: nothing to word beyond its steps.
  labels: {},
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
