import { useI18n } from '../../lib/i18n';

const TEXT = {
  registry: ['供应商名录', 'Supplier registry'],
  expiring: ['即将到期或已过期的证照', 'Documents expired or expiring soon'],
  name: ['供应商', 'Supplier'],
  status: ['资格', 'Qualification'],
  qualifiedAt: ['合格日期', 'Qualified on'],
  requalifyDue: ['复审日期', 'Re-qualification due'],
  flagged: ['证照提醒', 'Flagged documents'],
  document: ['证照', 'Document'],
  kind: ['类别', 'Kind'],
  number: ['编号', 'Number'],
  expiresOn: ['有效期至', 'Expires on'],
  state: ['状态', 'State'],
  reviews: ['资格评审', 'Qualification reviews'],
  total: ['平均分', 'Average'],
  decision: ['结论', 'Verdict'],
  scores: ['资质 / 信誉 / 技术 / 售后', 'Qualification / reputation / technical / after-sales'],
  processes: ['评审流程', 'Qualification processes'],
  requalify: ['发起复审', 'Start a re-qualification'],
  started: ['已发起复审', 'Re-qualification started'],
  none: ['无', 'None'],
  register: ['登记供应商', 'Register a supplier'],
  supplierId: ['编码（v-…）', 'Id (v-…)'],
  licenceNumber: ['营业执照编号', 'Business licence number'],
  licenceExpires: ['营业执照有效期至', 'Business licence expires on'],
  certificate: ['资质证书', 'Certificate'],
  certificateExpires: ['证书有效期至', 'Certificate expires on'],
  registered: ['已登记，资格评审已发起', 'Registered; its qualification review has started'],
  'status.pending': ['待评审', 'Pending'],
  'status.qualified': ['合格', 'Qualified'],
  'status.rejected': ['不合格', 'Rejected'],
  'state.valid': ['有效', 'Valid'],
  'state.expiring': ['即将到期', 'Expiring'],
  'state.expired': ['已过期', 'Expired'],
  newStaffAccount: ['新增供应商员工账号', "Enter a supplier's staff account"],
  staffAccountNote: ['账号角色为供应商人员，提交后由管理员审核、管理层复核后生效；新账号由管理员重置密码后交给本人。', "The account's role is supplier staff; it applies once an administrator and management have approved it, and an administrator then resets its password to hand over."],
  displayName: ['姓名', 'Name'],
  username: ['用户名', 'Username'],
  submit: ['提交审核', 'Submit for review'],
  submitted: ['已提交审核', 'Submitted for review'],
  viewChange: ['查看变更', 'View the change'],
} as const;

export type SupplierTextKey = keyof typeof TEXT;

/** The registry's own words in zh-CN and English, kept with the feature. */
export function useSupplierText() {
  const { language } = useI18n();
  return (key: SupplierTextKey) => TEXT[key][language === 'en' ? 1 : 0];
}
