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
} as const;

export type ProcessTextKey = keyof typeof TEXT;

/** The process search's and downloads' own words in zh-CN and English, kept with the feature. */
export function useProcessText() {
  const { language } = useI18n();
  return (key: ProcessTextKey) => TEXT[key][language === 'en' ? 1 : 0];
}
