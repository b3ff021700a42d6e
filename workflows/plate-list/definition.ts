import { z } from 'zod';
import { deviceRetry, requester } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { PLATE_LIST_STEPS } from './steps';
import { label, type Label } from '../../contracts/labels';
import { textField, recordedName } from '../lib/labels';

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

/** The list a plate is put on, or taken off both (`removed`). */
const PLATE_LIST_OPTIONS: Record<string, Label> = {
  allow: label('放行名单', 'Allow list'),
  refuse: label('禁行名单', 'Refuse list'),
  removed: label('已移出名单', 'Removed'),
};

export const plateListProcess = defineProcess({
  name: 'plate-list',
  workflowType: 'plateList',
  title: { 'zh-CN': '车牌名单', en: 'Vehicle plate list' },
  clauses: ['P4.2b'],
  startAction: 'plate-list.start',
  input: plateListInput,
  workflowId: (changeId: string) => `plate-list-${changeId}`,
  steps: PLATE_LIST_STEPS,
  // No person's task: its labels word what its instances record, for the instance page.
  instanceTitle: {
    keys: ['plate', 'list'],
    of: ({ title, data }) => {
      const plate = textField(data, 'plate') ?? recordedName(title, 'Plate ', ':');
      const list = PLATE_LIST_OPTIONS[textField(data, 'list') ?? 'removed'] ?? PLATE_LIST_OPTIONS.removed;
      return label(`车牌 ${plate}：${list['zh-CN']}`, `Plate ${plate}: ${list.en}`);
    },
  },
  labels: {
    plate: { title: label('车牌', 'Plate') },
    list: { title: label('名单', 'List'), options: PLATE_LIST_OPTIONS },
    pushedTo: { title: label('已下发的道闸', 'Pushed to'), format: 'device' },
  },
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
