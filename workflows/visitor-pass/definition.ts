import { z } from 'zod';
import { deviceRetry, requester } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { VISITOR_PASS_STEPS } from './steps';
import { label, titleReference } from '../../contracts/labels';
import { recordedName, textField } from '../lib/labels';

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
  // No person's task: its labels word what its instances record, for the instance page.
  instanceTitle: {
    keys: ['hostUnitId'],
    of: ({ title, data }) => {
      const visitor = recordedName(title, 'Visitor ', ' → ');
      const unit = textField(data, 'hostUnitId') ?? title.split(' → ')[1] ?? '';
      return label(`访客 ${visitor} → ${titleReference('unit', unit)}`, `Visitor ${visitor} → ${titleReference('unit', unit)}`);
    },
  },
  labels: {
    passId: { title: label('通行证', 'Pass'), format: 'hidden' },
    hostUnitId: { title: label('被访房号', 'Host unit'), format: 'unit' },
    validUntil: { title: label('有效期至', 'Valid until'), format: 'date-time' },
  },
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
