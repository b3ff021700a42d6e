import { label, SYSTEM_LABELS, type Label, type Vocabulary, type Wording } from '../../contracts/labels';
import type { AnyProcessDefinition } from './process-definition';

/** The wording of a yes/no decision: what each answer means, so the form offers them as two labelled choices. */
export const yesNo = (yes: Label, no: Label): Record<string, Label> => ({ true: yes, false: no });

/** Keys many processes' tasks carry, worded once; a process's own `labels` may word a key its own way. */
export const COMMON_LABELS = {
  year: { title: label('年度', 'Year') },
  title: { title: label('名称', 'Title') },
  name: { title: label('名称', 'Name') },
  comment: { title: label('意见', 'Comment') },
  comments: { title: label('意见', 'Comments') },
  note: { title: label('说明', 'Note') },
  reason: { title: label('理由', 'Reason') },
  round: { title: label('轮次', 'Round') },
  system: { title: label('系统', 'System'), options: SYSTEM_LABELS },
  location: { title: label('位置', 'Location') },
  buildingId: { title: label('楼栋', 'Building'), format: 'building' },
  unitId: { title: label('房号', 'Unit'), format: 'unit' },
  zoneId: { title: label('区域', 'Zone'), format: 'zone' },
  deviceId: { title: label('设备', 'Device'), format: 'device' },
  vendorId: { title: label('供应商', 'Supplier'), format: 'supplier' },
  vendorName: { title: label('供应商', 'Supplier') },
  contractId: { title: label('合同', 'Contract'), format: 'hidden' },
  projectId: { title: label('项目', 'Project'), format: 'hidden' },
  occurredAt: { title: label('发生时间', 'Occurred at'), format: 'date-time' },
  dueAt: { title: label('截止时间', 'Due'), format: 'date-time' },
  deadline: { title: label('期限', 'Deadline'), format: 'date-time' },
  rejection: { title: label('退回意见', 'Why it was sent back') },
} satisfies Vocabulary;

/** The security supervisor's task about a door still holding what should have left it (access revocation, face deletion). */
export const DOOR_CHECK_LABELS = {
  personId: { title: label('人员', 'Person'), format: 'hidden' },
  personName: { title: label('人员', 'Person') },
  deviceId: { title: label('门禁设备', 'Door'), format: 'device' },
  acknowledged: {
    title: label('处理', 'Acknowledge'),
    help: label('系统会持续重试，直到该门禁响应', 'Steward keeps retrying until the door answers'),
    options: { true: label('已知悉，将检查该门禁', 'Acknowledged: I will check the door') },
  },
  note: { title: label('说明', 'Note'), help: label('门禁现场情况，或已做的安排', 'What was found at the door, or what was arranged') },
} satisfies Vocabulary;

/** Everything a process's tasks are worded with: the common keys, then its own. */
export const processLabels = (definition: Pick<AnyProcessDefinition, 'labels'>): Vocabulary => ({ ...COMMON_LABELS, ...definition.labels });

/**
 * A form field's JSON Schema keywords from its wording: `title` and `description` in zh-CN (the default language)
 * for any reader of the schema, and the wording in both languages (`x-label`, `x-help`, `x-option-labels`) for
 * the task form. `extra` adds keywords of the field's own (`x-photo-upload`).
 */
export function fieldMeta(wording: Wording, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: wording.title['zh-CN'],
    ...(wording.help ? { description: wording.help['zh-CN'], 'x-help': wording.help } : {}),
    'x-label': wording.title,
    ...(wording.options ? { 'x-option-labels': wording.options } : {}),
    ...extra,
  };
}
