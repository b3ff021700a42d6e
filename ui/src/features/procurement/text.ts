import { useI18n } from '../../lib/i18n';

const TEXT = {
  procurements: ['采购', 'Procurements'],
  title: ['项目', 'Project'],
  estimate: ['预算（元）', 'Estimate (yuan)'],
  method: ['采购方式', 'Method'],
  status: ['状态', 'Status'],
  deadline: ['投标截止', 'Bid deadline'],
  openedAt: ['开标时间', 'Opened at'],
  plan: ['年度计划', 'Annual plan'],
  process: ['流程实例', 'Process instance'],
  invited: ['受邀供应商', 'Invited suppliers'],
  sealed: ['投标文件密封至开标，任何人（含管理层、采购及其他供应商）开标前均无法查看。', 'Bids stay sealed until the opening: nobody, management and procurement included, can read one before it.'],
  bids: ['投标', 'Bids'],
  supplier: ['供应商', 'Supplier'],
  price: ['报价（元）', 'Price (yuan)'],
  proposal: ['技术方案', 'Technical proposal'],
  deliveryDate: ['交付日期', 'Delivery date'],
  afterSales: ['售后条款', 'After-sales terms'],
  hash: ['回执摘要', 'Receipt hash'],
  panel: ['评标委员会', 'Evaluation panel'],
  conflict: ['利益冲突', 'Conflict of interest'],
  scores: ['评分（价格 / 技术 / 售后 → 加权）', 'Scores (price / technical / after-sales → weighted)'],
  contract: ['合同', 'Contract'],
  rights: ['权利义务', 'Rights and obligations'],
  specs: ['产品规格', 'Specifications'],
  sla: ['维修时限（秒）', 'Repair SLA (seconds)'],
  approvedBy: ['审批人', 'Approved by'],
  myBid: ['我方投标', 'Our bid'],
  submitBid: ['提交密封投标', 'Submit the sealed bid'],
  receipt: ['已收到投标（回执）', 'Bid received (receipt)'],
  submittedAt: ['提交时间', 'Submitted at'],
  awarded: ['中标', 'Awarded'],
  none: ['无', 'None'],
  'method.inquiry': ['询价', 'Inquiry'],
  'method.tender': ['招标', 'Public tender'],
  'method.negotiation': ['谈判', 'Negotiation'],
  'status.planning': ['确定方式', 'Choosing the method'],
  'status.bidding': ['投标中', 'Bidding'],
  'status.opened': ['已开标', 'Opened'],
  'status.evaluating': ['评标中', 'Evaluating'],
  'status.contracting': ['合同拟定', 'Contracting'],
  'status.contracted': ['已签约', 'Contracted'],
  'status.cancelled': ['已取消', 'Cancelled'],
} as const;

export type ProcurementTextKey = keyof typeof TEXT;

/** The procurement pages' own words in zh-CN and English, kept with the feature. */
export function useProcurementText() {
  const { language } = useI18n();
  const text = (key: ProcurementTextKey) => TEXT[key][language === 'en' ? 1 : 0];
  /** A status or method the API returns, in words; an unknown value as it came. */
  const value = (group: 'method' | 'status', id: string | null) => (id === null ? null : `${group}.${id}` in TEXT ? text(`${group}.${id}` as ProcurementTextKey) : id);
  return Object.assign(text, { value });
}
