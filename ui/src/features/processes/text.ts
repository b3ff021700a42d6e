import { useI18n } from '../../lib/i18n';

const TEXT = {
  owner: ['业主', 'Owner'],
  ownerHint: ['姓名或编号', 'Name or id'],
  unit: ['房号', 'Unit'],
  reporter: ['报告人 / 发起人', 'Reported or started by'],
  actor: ['经办人', 'Handled by'],
  personHint: ['姓名或账号', 'Name or username'],
  processHint: ['流程名称，如 故障报修', 'Process name, e.g. Fault repair'],
  from: ['开始日期 自', 'Started from'],
  to: ['至', 'to'],
  clear: ['清除筛选', 'Clear filters'],
  matched: ['匹配', 'Matched'],
  'matched.owner': ['业主', 'owner'],
  'matched.reporter': ['报告人', 'reporter'],
  'matched.actor': ['经办人', 'handled by'],
  timelineCsv: ['时间线 CSV', 'Timeline CSV'],
  timelinePdf: ['时间线 PDF', 'Timeline PDF'],
  historyJson: ['原始历史 JSON', 'Raw history JSON'],
  heatmap: ['热力图', 'Heatmap'],
  heatmapHint: [
    '按所选期间内启动的全部实例着色：颜色越深，步骤平均停留时间（中位数）越长；数字为进入次数。',
    'Over every instance started in the period: the darker a step, the longer its median time spent; the number is how often it was entered.',
  ],
  heatmapFrom: ['实例启动 自', 'Instances started from'],
  heatmapTo: ['至', 'to'],
  heatmapInstances: ['{n} 个实例', '{n} instances'],
  heatmapVisits: ['进入次数', 'Times entered'],
  heatmapMedian: ['停留时间中位数', 'Median time spent'],
  heatmapShort: ['较短', 'Shorter'],
  heatmapLong: ['较长', 'Longer'],
} as const;

export type ProcessTextKey = keyof typeof TEXT;

/** The process search's and downloads' own words in zh-CN and English, kept with the feature. */
export function useProcessText() {
  const { language } = useI18n();
  return (key: ProcessTextKey, vars: Record<string, string | number> = {}) =>
    TEXT[key][language === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
