/** A training cycle's forms as HR, management and the attendees fill them in (tests and recorded histories). */

export const NEEDS = {
  skills: [
    { userId: 'u-tech1', system: 'cctv', role: 'technician', level: 2, need: '摄像机故障诊断 Camera fault diagnosis' },
    { userId: 'u-guard1', system: 'access-control', role: 'guard', level: 3 },
  ],
  summary: '监控维修返工偏多，需加强诊断培训；全员信息安全培训 More CCTV rework: diagnosis training; security training for all',
};

/** A tiny but real PDF: its first bytes say what it is. */
export const CERTIFICATE_PDF = `data:application/pdf;base64,${Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64')}`;

export const SECURITY_COURSE = {
  title: '信息安全与个人信息保护',
  topic: 'security',
  content: '公司信息安全制度、个人信息保护法要点、访问日志',
  method: 'lecture',
  trainers: '安保主管 林峰',
  validityMonths: 12,
  passMark: 60,
  questions: [
    { question: '查看业主个人信息前需要什么？', options: ['工作需要', '好奇'], answer: 1 },
    { question: '个人信息的查阅会被记录吗？', options: ['会', '不会'], answer: 1 },
  ],
  practical: true,
};

export const EXTERNAL_COURSE = {
  title: '门禁系统厂家认证',
  topic: 'general',
  content: '门禁控制器安装与调试',
  method: 'external-course',
  trainers: '厂家讲师',
};

/** The plan: the security course for `securityAttendees`, the external course for `externalAttendees`. */
export function trainingPlan(securityAttendees: string[], externalAttendees: string[], startsAt = new Date().toISOString()) {
  return {
    objectives: ['全员通过信息安全培训', '提升监控维修一次修复率'],
    courses: [
      { ...SECURITY_COURSE, startsAt, attendees: securityAttendees },
      { ...EXTERNAL_COURSE, startsAt, attendees: externalAttendees },
    ],
  };
}
