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
  startProcurement: ['发起采购', 'Start a procurement'],
  startExplain: [
    '发起后：采购部按预算确定采购方式并邀请合格供应商，密封投标至截止，开标、评标、定标、签约（P2.2b）。',
    'Once started: procurement chooses the method by the estimate and invites qualified suppliers; bids stay sealed to the deadline; opening, evaluation, award, contract (P2.2b).',
  ],
  system: ['系统', 'System'],
  noSystem: ['不限系统', 'Any system'],
  requirements: ['采购需求', 'Requirements'],
  requirementsHelp: ['规格、数量、交付与售后要求', 'Specifications, quantities, delivery and after-sales needs'],
  bidWindowDays: ['投标期（天）', 'Bid window (days)'],
  bidWindowHelp: ['留空则按默认投标期', 'Leave empty for the default window'],
  start: ['发起', 'Start'],
  cancel: ['取消', 'Cancel'],
  started: ['已发起采购：', 'Procurement started: '],
  openProcurement: ['查看采购', 'Open it'],
  'system.cctv': ['视频监控', 'CCTV'],
  'system.access-control': ['门禁', 'Access control'],
  'system.intrusion-alarm': ['入侵报警', 'Intrusion alarm'],
  'system.network': ['网络', 'Network'],
  'system.elevator-monitoring': ['电梯监控', 'Elevator monitoring'],
  'system.smart-home': ['智能家居', 'Smart home'],
} as const;

export type ProcurementTextKey = keyof typeof TEXT;

/** The procurement pages' own words in zh-CN and English, kept with the feature. */
export function useProcurementText() {
  const { language } = useI18n();
  const text = (key: ProcurementTextKey) => TEXT[key][language === 'en' ? 1 : 0];
  /** A status or method the API returns, in words; an unknown value as it came. */
  const value = (group: 'method' | 'status' | 'system', id: string | null) => (id === null ? null : `${group}.${id}` in TEXT ? text(`${group}.${id}` as ProcurementTextKey) : id);
  return Object.assign(text, { value });
}
