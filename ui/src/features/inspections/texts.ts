import { useCallback } from 'react';
import { useI18n } from '../../lib/i18n';

/** This feature's own texts (zh-CN first), kept here so they change with the feature. */
const TEXTS = {
  title: ['巡检', 'Inspections'],
  plans: ['巡检计划', 'Inspection plans'],
  plan: ['计划', 'Plan'],
  cycle: ['周期', 'Cycle'],
  dueWithin: ['完成时限', 'Due within'],
  responsible: ['负责角色', 'Responsible'],
  items: ['检查项', 'Items'],
  active: ['启用', 'Active'],
  inactive: ['已停用', 'Inactive'],
  runNow: ['立即巡检', 'Run now'],
  runStarted: ['已发起巡检，任务已派给负责角色', 'Started: the responsible role has the task'],
  deactivate: ['停用', 'Deactivate'],
  activate: ['启用', 'Activate'],
  records: ['巡检记录', 'Inspection records'],
  noRecords: ['暂无巡检记录', 'No inspection records yet'],
  started: ['开始', 'Started'],
  due: ['到期', 'Due'],
  completed: ['完成', 'Completed'],
  inspector: ['巡检人', 'Inspector'],
  status: ['状态', 'Status'],
  open: ['进行中', 'Open'],
  done: ['已完成', 'Completed'],
  overdue: ['逾期', 'Overdue'],
  overdueTitle: ['逾期巡检', 'Overdue inspections'],
  noOverdue: ['没有逾期巡检', 'No overdue inspections'],
  overdueBy: ['逾期 {time}', 'overdue by {time}'],
  failed: ['不通过', 'Failed'],
  passed: ['通过', 'Passed'],
  failedItems: ['不通过项', 'Failed items'],
  result: ['结果', 'Result'],
  note: ['备注', 'Note'],
  photo: ['照片', 'Photo'],
  faultRepair: ['故障维修', 'Fault repair'],
  faultRepairs: ['已发起的故障维修', 'Fault repairs opened'],
  openTask: ['打开任务', 'Open the task'],
  backToInspections: ['返回巡检', 'Back to inspections'],
  record: ['巡检记录', 'Inspection record'],
  allPlans: ['全部计划', 'All plans'],
  newPlan: ['新建巡检计划', 'New inspection plan'],
  cancel: ['取消', 'Cancel'],
  create: ['创建并排程', 'Create and schedule'],
  planTitle: ['计划名称', 'Title'],
  every: ['每', 'Every'],
  hoursUnit: ['小时', 'hours'],
  daysUnit: ['天', 'days'],
  area: ['区域（可选）', 'Area (optional)'],
  itemText: ['检查内容', 'What to check'],
  system: ['系统', 'System'],
  device: ['设备（可选）', 'Device (optional)'],
  addItem: ['添加检查项', 'Add an item'],
  removeItem: ['删除', 'Remove'],
  created: ['计划已创建，排程已生效', 'Plan created and scheduled'],
  seconds: ['{n} 秒', '{n} s'],
  minutes: ['{n} 分钟', '{n} min'],
  hours: ['{n} 小时', '{n} h'],
  days: ['{n} 天', '{n} d'],
} as const;

export type InspectionText = keyof typeof TEXTS;

export function useInspectionTexts() {
  const { language } = useI18n();
  const text = useCallback(
    (key: InspectionText, vars: Record<string, string | number> = {}) =>
      TEXTS[key][language === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)),
    [language],
  );
  /** A duration in its largest whole unit (604800 → "7 d"); rounded down to the largest unit when approximate. */
  const duration = useCallback(
    (seconds: number, approximate = false) => {
      const units = [
        [86_400, 'days'],
        [3600, 'hours'],
        [60, 'minutes'],
      ] as const;
      for (const [size, unit] of units) {
        if (approximate ? seconds >= size : seconds % size === 0 && seconds > 0) return text(unit, { n: Math.floor(seconds / size) });
      }
      return text('seconds', { n: seconds });
    },
    [text],
  );
  return { text, duration };
}
