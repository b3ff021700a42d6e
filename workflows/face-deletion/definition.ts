import { z } from 'zod';
import { deviceRetry, doorOutage, requester } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { FACE_DELETION_STEPS } from './steps';

export const faceDeletionInput = z.lazy(() =>
  z.object({
    deletionId: z.string(),
    personId: z.string(),
    personName: z.string(),
    requestedBy: requester,
    retry: deviceRetry,
    /** A door that does not answer is retried until it does (absent in processes started before: they gave up after `retry`). */
    outage: doorOutage.optional(),
  }),
);
export type FaceDeletionInput = z.infer<typeof faceDeletionInput>;

export const faceDeletionProcess = defineProcess({
  name: 'face-deletion',
  workflowType: 'faceDeletion',
  title: { 'zh-CN': '人脸数据删除', en: 'Face deletion' },
  clauses: ['P4.2b', 'PIPL art. 47'],
  startAction: 'face-deletion.start',
  input: faceDeletionInput,
  workflowId: (deletionId: string) => `face-deletion-${deletionId}`,
  steps: FACE_DELETION_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
