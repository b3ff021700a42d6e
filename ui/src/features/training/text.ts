import { useI18n } from '../../lib/i18n';

const TEXT = {
  filesTitle: ['培训档案', 'Training files'],
  fileTitle: ['{name} 的培训档案', 'Training file of {name}'],
  backToFiles: ['返回培训档案', 'Back to the training files'],
  name: ['员工', 'Staff member'],
  department: ['部门', 'Department'],
  security: ['信息安全培训', 'Security training'],
  securityValid: ['有效至 {date}', 'Valid until {date}'],
  securityExpired: ['已于 {date} 过期', 'Expired on {date}'],
  securityNone: ['尚未完成', 'Not completed'],
  securityBlocked: [
    '按信息安全制度（P5.3a），信息安全培训无效期间不能查看含个人信息的页面。请联系人事部门参加培训。',
    'Under the security policy (P5.3a) pages with personal data are closed while the security training is not valid. Ask HR for the course.',
  ],
  completionsCount: ['结业课程', 'Courses completed'],
  open: ['查看', 'Open'],
  startCycle: ['发起年度培训', 'Start a training cycle'],
  startCycleNote: ['每年年初按计划自动发起；也可在此为某一年手动发起（需求分析 → 培训计划 → 培训与考核）。', 'It starts by itself at the start of each year; start one by hand for a year here (needs analysis → plan → sessions and assessments).'],
  year: ['年度', 'Year'],
  start: ['发起', 'Start'],
  started: ['已发起 {year} 年度培训，需求分析任务已在人事的工作清单中。', 'The {year} cycle has started; the needs analysis is in HR’s worklist.'],
  viewProcess: ['查看流程', 'View the process'],
  sessions: ['培训出勤', 'Sessions'],
  certificates: ['证书', 'Certificates'],
  scores: ['考核成绩', 'Scores'],
  completions: ['结业课程', 'Completed courses'],
  skills: ['技能评定', 'Skills assessed'],
  course: ['课程', 'Course'],
  method: ['方式', 'Method'],
  date: ['时间', 'Date'],
  attended: ['出勤', 'Attendance'],
  present: ['已参加', 'Attended'],
  absent: ['缺席', 'Absent'],
  expiresAt: ['有效期至', 'Valid until'],
  noExpiry: ['长期有效', 'Does not expire'],
  expired: ['已过期', 'Expired'],
  file: ['证书文件', 'Certificate file'],
  download: ['打开', 'Open'],
  kind: ['考核', 'Assessment'],
  'kind.exam': ['理论考试', 'Theory exam'],
  'kind.practical': ['实操考核', 'Practical test'],
  score: ['成绩', 'Score'],
  passed: ['通过', 'Passed'],
  failed: ['未通过', 'Failed'],
  topic: ['类别', 'Kind'],
  'topic.security': ['信息安全（必修）', 'Security (mandatory)'],
  'topic.general': ['业务技能', 'Skills'],
  'method.lecture': ['内部讲座', 'Internal lecture'],
  'method.demonstration': ['现场演示', 'Demonstration'],
  'method.case-study': ['案例分析', 'Case study'],
  'method.external-course': ['外部培训', 'External course'],
  'method.online': ['在线学习', 'Online learning'],
  system: ['系统', 'System'],
  role: ['岗位', 'Role'],
  level: ['等级（1–5）', 'Level (1–5)'],
  need: ['培训需求', 'Training need'],
  none: ['暂无记录', 'Nothing recorded'],
} as const;

export type TrainingTextKey = keyof typeof TEXT;

/** The training pages' own words in zh-CN and English, kept with the feature. */
export function useTrainingText() {
  const { language } = useI18n();
  return (key: TrainingTextKey, vars?: Record<string, string | number>) =>
    TEXT[key][language === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
}

/** A method's or topic's words, or the value itself for one this page does not know. */
export function useTrainingOption() {
  const text = useTrainingText();
  return (prefix: 'method' | 'topic' | 'kind', value: string) => {
    const key = `${prefix}.${value}`;
    return key in TEXT ? text(key as TrainingTextKey) : value;
  };
}
