import { useI18n } from '../../lib/i18n';

const TEXT = {
  title: ['指标看板', 'Indicators'],
  intro: [
    '按期间统计的服务质量、系统稳定、工程建设、业主满意度和平台使用指标（P7.2a、P3.3c）。期间按小区时区的整日计，含首尾两天。',
    'Service quality, system stability, construction, owner satisfaction and platform use over a period (P7.2a, P3.3c): whole days in the community’s time zone, both ends included.',
  ],
  from: ['开始日期', 'From'],
  to: ['结束日期', 'To'],
  building: ['楼栋', 'Building'],
  allBuildings: ['全部楼栋', 'All buildings'],
  exportCsv: ['导出 CSV', 'Export CSV'],
  exportXlsx: ['导出 Excel', 'Export Excel'],
  serviceQuality: ['服务质量', 'Service quality'],
  cycleChart: ['流程周期（小时）', 'Cycle time (hours)'],
  ratesChart: ['SLA 达标率、返工率、升级率', 'SLA compliance, rework and escalation rates'],
  p50: ['中位数 p50', 'Median p50'],
  p90: ['p90', 'p90'],
  sla: ['SLA 达标率', 'SLA compliance'],
  rework: ['返工率', 'Rework rate'],
  escalation: ['升级率', 'Escalation rate'],
  instances: ['实例数', 'Instances'],
  process: ['流程', 'Process'],
  step: ['步骤', 'Step'],
  wholeProcess: ['整个流程', 'Whole process'],
  stepsOf: ['各步骤', 'Steps'],
  noInstances: ['该期间没有流程实例。', 'No process started in this period.'],
  stability: ['系统稳定', 'System stability'],
  availability: ['设备可用率', 'Device availability'],
  faults: ['故障数', 'Faults'],
  mttr: ['平均修复时间', 'Mean time to repair'],
  devices: ['设备数', 'Devices'],
  system: ['系统', 'System'],
  construction: ['工程建设', 'Construction'],
  onTime: ['按期交付率', 'Delivered on time'],
  onBudget: ['预算内', 'On budget'],
  budgetNotRecorded: ['未记录：合同只记录价格，交付不记录最终成本。', 'Not recorded: a contract keeps its price, a delivery no final cost.'],
  noBuilding: ['不按楼栋区分', 'Not per building'],
  satisfaction: ['业主满意度', 'Owner satisfaction'],
  ratingsChart: ['维修评价分布', 'Repair ratings'],
  meanRating: ['平均评分', 'Mean rating'],
  ratings: ['评价数', 'Ratings'],
  stars: ['{n} 星', '{n} stars'],
  platformUse: ['平台使用', 'Platform use'],
  activeUsers: ['活跃用户', 'Active users'],
  ofAccounts: ['{count} / {of} 个账号', '{count} of {of} accounts'],
  none: ['—', '—'],
  hours: ['{n} 小时', '{n} h'],
  minutes: ['{n} 分钟', '{n} min'],
  chartError: ['图表无法显示。', 'The chart cannot be shown.'],
} as const;

export type KpiTextKey = keyof typeof TEXT;

/** The dashboard's own words in zh-CN and English, kept with the feature. */
export function useKpiText() {
  const { language } = useI18n();
  return (key: KpiTextKey, vars: Record<string, string | number> = {}) =>
    TEXT[key][language === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
