import { z } from 'zod';
import { AREA_BOUNDS } from '../../contracts/data-review';
import { DELIVERY_STATUS_LABELS, DEPARTMENT_LABELS, label, RESIDENT_RELATION_LABELS, SYSTEM_LABELS, titleReference, UNIT_USE_LABELS, type Vocabulary } from '../../contracts/labels';
import { DATA_CHANGE_ACTIONS, DATA_CHANGE_KINDS } from '../../contracts/vocabulary';
import { deviceRetry, doorOutage, durationMs, requester } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { DATA_REVIEW_STEPS } from './steps';
import { optionLabel, textField } from '../lib/labels';

export const dataReviewTimings = z.lazy(() => z.object({ checkDueMs: durationMs(), approvalDueMs: durationMs(), correctionDueMs: durationMs() }));
export type DataReviewTimings = z.infer<typeof dataReviewTimings>;

/**
 * What a review starts with: which change (its draft row holds the proposal, an identity document only sealed, so
 * history never carries one), what it is about, and its maker. The checker and approver roles come from
 * DATA_STEWARDS (contracts/permissions.ts).
 */
export const dataReviewInput = z.lazy(() =>
  z.object({
    changeId: z.string(),
    kind: z.enum(DATA_CHANGE_KINDS),
    action: z.enum(DATA_CHANGE_ACTIONS),
    /** The unit a change of kind unit or unit-owner is about; for kind resident, the resident's unit (the record is the resident, in the change's row). */
    unitId: z.string().optional(),
    /** The staff user a change of kind user is about: they may not review it. */
    userId: z.string().optional(),
    /** The device a change of kind device is about. */
    deviceId: z.string().optional(),
    /** The zone a change of kind zone is about; for kind guard-shift, the zone the shift covers (its tasks name it). */
    zoneId: z.string().optional(),
    /** The shift a change of kind guard-shift is about. */
    shiftId: z.string().optional(),
    maker: requester,
    timings: dataReviewTimings,
    /**
     * How the access revocation of an owner who moves out runs (a removed owner's door credentials, P4.2b): given to
     * changes of units and their owners, and of residents (a move-out); reviews started without it start no revocation.
     */
    accessRevocation: z.object({ retry: deviceRetry, outage: doorOutage }).optional(),
  }),
);
export type DataReviewInput = z.infer<typeof dataReviewInput>;

const DIFF_FIELD_LABELS = {
  unitId: label('房号', 'Unit'),
  'unit.buildingId': label('楼栋', 'Building'),
  'unit.number': label('门牌号', 'Number'),
  'unit.exclusiveArea': label('专有面积（㎡）', 'Exclusive area (m²)'),
  'unit.use': label('用途', 'Use'),
  'unit.deliveryStatus': label('交付状态', 'Delivery status'),
  'unit.active': label('启用', 'Active'),
  owners: label('业主', 'Owners'),
  'owner.name': label('业主姓名', "Owner's name"),
  'owner.idDocument': label('证件', 'Identity document'),
  'owner.idDocument.number': label('证件号码', 'Document number'),
  'owner.mobile': label('手机号码', 'Mobile'),
  'owner.ownerId': label('业主', 'Owner'),
  owner: label('业主', 'Owner'),
  ownerId: label('业主', 'Owner'),
  unit: label('房屋', 'Unit'),
  user: label('用户', 'User'),
  userId: label('用户', 'User'),
  'user.displayName': label('姓名', 'Name'),
  'user.username': label('用户名', 'Username'),
  'user.department': label('部门', 'Department'),
  'user.roles': label('角色', 'Roles'),
  'user.vendorId': label('所属供应商', 'Supplier'),
  'user.active': label('启用', 'Active'),
  'user.password': label('密码', 'Password'),
  device: label('设备', 'Device'),
  'device.name': label('设备名称', 'Name'),
  'device.zoneId': label('区域', 'Zone'),
  'device.system': label('系统', 'System'),
  'connection.baseUrl': label('接入地址', 'Address'),
  'connection.username': label('设备用户名', "Device's username"),
  'connection.password': label('设备密码', "Device's password"),
  'connection.pushSecret': label('推送密钥', 'Push secret'),
  'connection.cameraChannel': label('视频通道', 'Camera channel'),
  resident: label('住户', 'Resident'),
  residentId: label('住户', 'Resident'),
  'resident.unitId': label('房屋', 'Unit'),
  'resident.name': label('住户姓名', "Resident's name"),
  'resident.relation': label('与业主关系', 'Relation'),
  'resident.phone': label('联系电话', 'Phone'),
  'resident.idDocument': label('证件', 'Identity document'),
  'resident.idDocument.number': label('证件号码', 'Document number'),
  'resident.moveInDate': label('入住日期', 'Moved in'),
  'resident.moveOutDate': label('搬离日期', 'Moved out'),
  moveOutDate: label('搬离日期', 'Moved out'),
  zone: label('区域', 'Zone'),
  zoneId: label('区域', 'Zone'),
  'zone.name': label('区域名称', "Zone's name"),
  'zone.buildingId': label('所在楼栋', 'Building'),
  'zone.active': label('启用', 'Active'),
  shift: label('班次', 'Shift'),
  shiftId: label('班次', 'Shift'),
  'shift.zoneId': label('值守区域', 'Zone covered'),
  'shift.guardUserId': label('值班保安', 'Guard'),
  'shift.date': label('日期', 'Date'),
  'shift.startTime': label('上班时间', 'Starts'),
  'shift.endTime': label('下班时间', 'Ends'),
  'shift.active': label('有效', 'In force'),
  'import.file': label('导入文件', 'File'),
  'import.rows': label('数据行数', 'Rows'),
  'import.units': label('新增房屋', 'New units'),
  'import.owners': label('新增业主', 'New owners'),
  'import.users': label('新增员工账号', 'New staff users'),
};

/** The values a diff shows that are not text of their own: uses, delivery statuses, a unit in use or not. */
const VALUE_LABELS = {
  ...UNIT_USE_LABELS,
  ...DELIVERY_STATUS_LABELS,
  true: label('启用', 'In use'),
  false: label('停用', 'Disabled'),
  ...DEPARTMENT_LABELS,
  ...SYSTEM_LABELS,
  ...RESIDENT_RELATION_LABELS,
  'reset-requested': label('用户申请重置（忘记密码）：核实本人后由管理员重置', 'Reset asked for by the user (forgotten password): an administrator resets it once they know it is them'),
  reset: label('已重置为一次性密码', 'Reset to a one-time password'),
};

/** The collection standard's checks (P5.1a), as the checker reads them. */
const RULE_LABELS = {
  required: label('必填项齐全', 'Required fields present'),
  'area-bounds': label(`专有面积在 ${AREA_BOUNDS.min}–${AREA_BOUNDS.max} ㎡ 之间`, `Exclusive area within ${AREA_BOUNDS.min}–${AREA_BOUNDS.max} m²`),
  'id-document-invalid': label('证件号码有效', 'Identity document valid'),
  'already-owner': label('同一房屋不重复登记业主', 'A unit not owned twice by the same person'),
  'not-an-owner': label('是该房屋的业主', 'An owner of the unit'),
  'no-such-unit': label('房屋存在', 'The unit exists'),
  'unit-disabled': label('房屋在用', 'The unit is in use'),
  'no-such-building': label('楼栋存在', 'The building exists'),
  'no-such-owner': label('业主已登记', 'The owner is registered'),
  taken: label('编号未被占用', 'Not already taken'),
  'change-something': label('确有修改', 'Something changes'),
  'no-such-user': label('用户存在', 'The user exists'),
  'user-disabled': label('用户在用', 'The user is active'),
  'user-active': label('用户已停用', 'The user is disabled'),
  'no-such-zone': label('区域存在', 'The zone exists'),
  'zone-disabled': label('区域在用', 'The zone is in use'),
  'zone-has-devices': label('区域内没有在用设备', 'No device in use in the zone'),
  'zone-has-shifts': label('区域没有未结束的班次', 'No shift to come in the zone'),
  'no-such-supplier': label('供应商已登记', 'The supplier is registered'),
  'not-a-guard': label('值班人是在用的保安', 'An active guard'),
  'shift-overlaps': label('保安同一时间只有一个班次', 'One shift at a time per guard'),
  'no-such-shift': label('班次存在', 'The shift exists'),
  'shift-cancelled': label('班次未取消', 'The shift is not cancelled'),
  'no-such-resident': label('住户已登记', 'The resident is registered'),
  'resident-moved-out': label('住户未搬离', 'The resident has not moved out'),
  'move-out-after-move-in': label('搬离不早于入住', 'Moved out no earlier than in'),
  'repeated-in-sheet': label('表格内不重复', 'Nothing entered twice in the sheet'),
  'same-person-two-names': label('同一证件只对应一个姓名', 'One name per identity document'),
};

/** The wording of a review's tasks (P5.1b): the change, its diff and checks, the decision. */
export const DATA_REVIEW_LABELS = {
  makerId: { title: label('提交人', 'Submitted by'), format: 'user' },
  checkerId: { title: label('审核人', 'Checked by'), format: 'user' },
  changeId: { title: label('变更', 'Change'), format: 'hidden' },
  unitId: { title: label('房屋', 'Unit'), format: 'unit' },
  subjectUserId: { title: label('账号', 'Account'), format: 'user' },
  kind: { title: label('数据类别', 'Kind of data'), options: { unit: label('房屋', 'Unit'), 'unit-owner': label('房屋业主', 'Owner of a unit'), user: label('员工账号', 'Staff user'), device: label('设备', 'Device'), resident: label('住户', 'Resident'), zone: label('区域', 'Zone'), 'guard-shift': label('保安排班', 'Guard roster') } },
  deviceId: { title: label('设备', 'Device'), format: 'device' },
  zoneId: { title: label('区域', 'Zone'), format: 'zone' },
  shiftId: { title: label('班次', 'Shift') },
  action: {
    title: label('变更类型', 'Change'),
    options: {
      create: label('新增', 'Create'),
      change: label('修改', 'Change'),
      disable: label('停用', 'Disable'),
      'add-owner': label('增加业主', 'Add an owner'),
      'remove-owner': label('移除业主', 'Remove an owner'),
      enable: label('启用', 'Enable'),
      'reset-password': label('重置密码', 'Reset the password'),
      import: label('批量导入', 'Import'),
      'move-out': label('搬离', 'Move out'),
    },
  },
  importRows: { title: label('导入明细', 'Rows imported'), format: 'link', linkText: label('逐行查看变更前后对比', 'See each row before and after') },
  revision: { title: label('版本', 'Revision'), format: 'number' },
  diff: { title: label('变更前后对比', 'Before and after') },
  field: { title: label('项目', 'Field'), options: DIFF_FIELD_LABELS },
  before: { title: label('变更前', 'Before') },
  after: { title: label('变更后', 'After') },
  choices: { title: label('选项变更', 'Changed choices') },
  from: { title: label('变更前', 'Before'), options: VALUE_LABELS },
  to: { title: label('变更后', 'After'), options: VALUE_LABELS },
  checks: { title: label('采集标准校验', 'Collection standard checks') },
  rule: { title: label('规则', 'Rule'), options: RULE_LABELS },
  passed: { title: label('通过', 'Passed'), options: { true: label('通过', 'Passed'), false: label('未通过', 'Failed') } },
  needsSecondApproval: { title: label('需管理层复核', 'Needs a second approval'), options: { true: label('是', 'Yes'), false: label('否', 'No') } },
  returnedBy: { title: label('退回人', 'Returned by') },
  reasons: { title: label('退回理由', 'Reasons'), help: label('退回时必填：哪里需要修改', 'Required when returned: what to correct') },
  decision: {
    title: label('决定', 'Decision'),
    options: {
      approved: label('批准', 'Approve'),
      returned: label('退回修改', 'Return for correction'),
      resubmit: label('重新提交', 'Resubmit'),
      withdraw: label('撤回', 'Withdraw'),
    },
  },
  revocations: { title: label('已启动的门禁撤销', 'Access revocations started'), format: 'process' },
  // What a review records (the instance page's data).
  userId: { title: label('账号', 'Account'), format: 'user' },
  maker: { title: label('提交人', 'Submitted by') },
  returned: { title: label('退回', 'Returned') },
  checkedBy: { title: label('审核人', 'Checked by') },
  approvedBy: { title: label('复核人', 'Approved by') },
} satisfies Vocabulary;

export const dataReviewProcess = defineProcess({
  name: 'data-review',
  workflowType: 'dataReview',
  title: { 'zh-CN': '数据录入审核', en: 'Data entry review' },
  clauses: ['P5.1a', 'P5.1b'],
  startAction: 'data-review.start',
  input: dataReviewInput,
  /** One review per change: the change id is the client's, so a retried submit joins it. */
  workflowId: (changeId: string) => `data-review-${changeId}`,
  steps: DATA_REVIEW_STEPS,
  instanceTitle: {
    keys: ['kind', 'action', 'unitId', 'userId', 'deviceId', 'zoneId'],
    // Recorded as `b1-101 数据变更 Data change`: the change and the unit or account, named.
    of: ({ title, data }) => {
      const kind = optionLabel(DATA_REVIEW_LABELS.kind.options, textField(data, 'kind') ?? '');
      const action = optionLabel(DATA_REVIEW_LABELS.action.options, textField(data, 'action') ?? '');
      if (textField(data, 'action') === 'import') return label(`${action['zh-CN']}${kind['zh-CN']}`, `${action.en} · ${kind.en}`);
      const userId = textField(data, 'userId');
      const deviceId = textField(data, 'deviceId');
      const zoneId = textField(data, 'zoneId');
      const record = userId
        ? titleReference('user', userId)
        : deviceId
          ? titleReference('device', deviceId)
          : zoneId
            ? titleReference('zone', zoneId)
            : titleReference('unit', textField(data, 'unitId') ?? title.split(' ')[0]);
      return label(`${action['zh-CN']}${kind['zh-CN']}：${record}`, `${action.en} · ${kind.en}: ${record}`);
    },
  },
  labels: DATA_REVIEW_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
