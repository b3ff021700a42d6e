import { z } from 'zod';
import { deviceRetry, requester } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { PLATE_LIST_STEPS } from './steps';

export const plateListInput = z.lazy(() =>
  z.object({
    plate: z.string(),
    /** The list the plate is now on; null when it was removed from both. */
    list: z.enum(['allow', 'refuse']).nullable(),
    requestedBy: requester,
    retry: deviceRetry,
  }),
);
export type PlateListInput = z.infer<typeof plateListInput>;

export const plateListProcess = defineProcess({
  name: 'plate-list',
  workflowType: 'plateList',
  title: { 'zh-CN': '车牌名单', en: 'Vehicle plate list' },
  clauses: ['P4.2b'],
  startAction: 'plate-list.start',
  input: plateListInput,
  workflowId: (changeId: string) => `plate-list-${changeId}`,
  steps: PLATE_LIST_STEPS,
  // No person's task: nothing to word beyond its steps.
  labels: {},
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
