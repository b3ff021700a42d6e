import { label, SYSTEM_LABELS, type Label, type Vocabulary, type Wording } from '../../contracts/labels';
import type { AnyProcessDefinition } from './process-definition';

/** The wording of a yes/no decision: what each answer means, so the form offers them as two labelled choices. */
export const yesNo = (yes: Label, no: Label): Record<string, Label> => ({ true: yes, false: no });

/** States an instance's outcome records (`status`), across processes. */
const STATUS_LABELS: Record<string, Label> = {
  active: label('已生效', 'Active'),
  refused: label('被拒绝', 'Refused'),
  failed: label('失败', 'Failed'),
  completed: label('已完成', 'Completed'),
  incomplete: label('未完成', 'Incomplete'),
  recorded: label('已记录', 'Recorded'),
  'plan-inactive': label('计划已停用', 'Plan deactivated'),
  contracted: label('已签约', 'Contracted'),
  cancelled: label('已取消', 'Cancelled'),
  acknowledged: label('已签收', 'Acknowledged'),
  returned: label('已退回', 'Returned'),
  applied: label('已生效', 'Applied'),
  withdrawn: label('已撤回', 'Withdrawn'),
};

/** Why a door did not take a command (`DeviceFailure.type`). */
const DEVICE_FAILURE_LABELS: Record<string, Label> = {
  Refused: label('设备拒绝', 'Refused by the device'),
  Unreachable: label('设备无法连接', 'Unreachable'),
  ValidityEnded: label('有效期结束时仍未响应', 'Still silent when the validity ended'),
};

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
  // What instances record (the instance page's data), where several processes record the same key.
  outcome: { title: label('结果', 'Outcome') },
  status: { title: label('状态', 'Status'), options: STATUS_LABELS },
  by: { title: label('经办人', 'By') },
  reviewedBy: { title: label('审核人', 'Reviewed by') },
  reviewedAt: { title: label('审核时间', 'Reviewed at'), format: 'date-time' },
  verifiedBy: { title: label('验收人', 'Verified by') },
  review: { title: label('审核', 'Review') },
  receiptNumber: { title: label('回执编号', 'Receipt number') },
  personId: { title: label('人员', 'Person'), format: 'hidden' },
  credentialId: { title: label('凭证', 'Credential'), format: 'hidden' },
  deviceIds: { title: label('门禁设备', 'Doors'), format: 'device' },
  failed: { title: label('未成功的设备', 'Devices that failed') },
  type: { title: label('原因', 'Reason'), options: DEVICE_FAILURE_LABELS },
  error: { title: label('说明', 'Detail') },
  planWorkflowId: { title: label('年度计划流程', 'Plan process'), format: 'process' },
  workflowId: { title: label('流程实例', 'Instance'), format: 'process' },
  faultRepairWorkflowId: { title: label('维修流程', 'Repair process'), format: 'process' },
  faultRepairWorkflowIds: { title: label('维修流程', 'Repair processes'), format: 'process' },
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

/** A recorded string field, or undefined when it is missing or of another kind. */
export const textField = (data: Record<string, unknown>, key: string): string | undefined => (typeof data[key] === 'string' ? (data[key] as string) : undefined);

/**
 * The part of a recorded title between its fixed wording (`Delete face: 王芳` → 王芳): a name an instance keeps only
 * in its title. The whole title when it is worded otherwise.
 */
export function recordedName(title: string, prefix: string, suffix?: string): string {
  if (!title.startsWith(prefix)) return title;
  const rest = title.slice(prefix.length);
  const end = suffix ? rest.lastIndexOf(suffix) : -1;
  return end > 0 ? rest.slice(0, end) : rest;
}

/** An option's name in both languages, or the value itself when it has none. */
export const optionLabel = (options: Record<string, Label>, value: string): Label => options[value] ?? label(value, value);
