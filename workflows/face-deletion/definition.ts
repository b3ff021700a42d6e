import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
import { deviceRetry, doorOutage, requester } from '../lib/inputs';
import { DOOR_CHECK_LABELS } from '../lib/labels';
import { defineProcess } from '../lib/process-definition';
import { FACE_DELETION_STEPS } from './steps';
import { recordedName } from '../lib/labels';

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

/** The wording of the door check (P4.2b, PIPL art. 47). */
export const FACE_DELETION_LABELS = {
  ...DOOR_CHECK_LABELS,
  deletionId: { title: label('删除申请', 'Deletion request'), format: 'hidden' },
  deletionRequestedAt: { title: label('申请删除时间', 'Deletion requested'), format: 'date-time' },
  deletedFrom: { title: label('已删除的门禁', 'Deleted from'), format: 'device' },
  imagesErased: { title: label('已删除图像数', 'Images erased') },
} satisfies Vocabulary;

export const faceDeletionProcess = defineProcess({
  name: 'face-deletion',
  workflowType: 'faceDeletion',
  title: { 'zh-CN': '人脸数据删除', en: 'Face deletion' },
  clauses: ['P4.2b', 'PIPL art. 47'],
  startAction: 'face-deletion.start',
  input: faceDeletionInput,
  workflowId: (deletionId: string) => `face-deletion-${deletionId}`,
  steps: FACE_DELETION_STEPS,
  instanceTitle: {
    keys: [],
    of: ({ title }) => {
      const person = recordedName(title, 'Delete face: ');
      return label(`删除人脸：${person}`, `Delete face: ${person}`);
    },
  },
  labels: FACE_DELETION_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
