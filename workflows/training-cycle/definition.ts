import { z } from 'zod';
import { label, type Label, type Vocabulary } from '../../contracts/labels';
import { ROLE_TITLES } from '../../contracts/permissions';
import { durationMs } from '../lib/inputs';
import { defineProcess, type CompanionWorkflow } from '../lib/process-definition';
import { TRAINING_CYCLE_STEPS } from './steps';

export const trainingCycleTimings = z.lazy(() =>
  z.object({
    needsDueMs: durationMs(),
    planDueMs: durationMs(),
    approvalDueMs: durationMs(),
    /** After a course's start: its attendance (and certificates) recorded. */
    sessionDueMs: durationMs(),
    examDueMs: durationMs(),
    practicalDueMs: durationMs(),
  }),
);
export type TrainingCycleTimings = z.infer<typeof trainingCycleTimings>;

export const trainingCycleInput = z.lazy(() =>
  z.object({
    /** The year trained; by default the year the cycle starts in. */
    year: z.number().int().optional(),
    timings: trainingCycleTimings,
    /** Who started it by hand (null: the year-start Schedule). */
    requestedBy: z.string().nullable(),
  }),
);
export type TrainingCycleInput = z.infer<typeof trainingCycleInput>;

/** P5.3a: the daily round that reminds staff whose security course expires soon. */
export const securityTrainingReminder: CompanionWorkflow<{ warnMs: number }> = {
  workflowType: 'securityTrainingReminder',
  input: z.lazy(() => z.object({ warnMs: durationMs() })),
};

export const TRAINING_METHODS = ['lecture', 'demonstration', 'case-study', 'external-course', 'online'] as const;
export type TrainingMethod = (typeof TRAINING_METHODS)[number];

export const METHOD_LABELS: Record<TrainingMethod, Label> = {
  lecture: label('内部讲座', 'Internal lecture'),
  demonstration: label('现场演示', 'Demonstration'),
  'case-study': label('案例分析', 'Case study'),
  'external-course': label('外部培训', 'External course'),
  online: label('在线学习', 'Online learning'),
};

export const TOPIC_LABELS: Record<'security' | 'general', Label> = {
  security: label('信息安全培训（必修）', 'Security training (mandatory)'),
  general: label('业务技能培训', 'Skills training'),
};

const KIND_LABELS: Record<string, Label> = {
  attendance: label('出勤', 'Attendance'),
  certificate: label('证书', 'Certificate'),
  exam: label('理论考试', 'Theory exam'),
  practical: label('实操考核', 'Practical test'),
  completion: label('结业', 'Completed'),
};

/** The wording of the cycle's forms, its tasks' context and what its instances record (P6.1a–P6.3a). */
export const TRAINING_CYCLE_LABELS = {
  evidence: { title: label('已有依据', 'Evidence Steward has') },
  repairs: { title: label('维修记录（近一年，按人员和系统）', 'Repairs (last 12 months, per person and system)') },
  technician: { title: label('维修人员', 'Repaired by') },
  repairCount: { title: label('维修次数', 'Repairs'), format: 'number' },
  reworked: { title: label('返工次数', 'Reworked'), format: 'number' },
  escalated: { title: label('升级次数', 'Escalated'), format: 'number' },
  overdueTasks: { title: label('逾期任务（近一年）', 'Overdue tasks (last 12 months)') },
  person: { title: label('人员', 'Person') },
  overdue: { title: label('逾期数', 'Overdue'), format: 'number' },
  failedAssessments: { title: label('未通过的考核', 'Failed assessments') },
  expiringCertificates: { title: label('已过期或即将过期的证书', 'Certificates expired or expiring') },
  courseTitle: { title: label('课程', 'Course') },
  kind: { title: label('类别', 'Kind'), options: KIND_LABELS },
  skills: { title: label('技能矩阵', 'Skills matrix'), help: label('每位员工按系统和岗位评定技能等级（1–5）', 'Each staff member’s level (1–5) per system and role') },
  userId: { title: label('员工', 'Staff member'), format: 'user' },
  role: { title: label('岗位', 'Role'), options: ROLE_TITLES },
  level: { title: label('技能等级（1–5）', 'Level (1–5)'), format: 'number' },
  need: { title: label('培训需求', 'Training need') },
  summary: { title: label('需求分析结论', 'Needs analysis conclusion') },
  needs: { title: label('培训需求分析', 'Needs analysis') },
  objectives: { title: label('培训目标', 'Objectives') },
  courses: { title: label('培训课程', 'Courses') },
  topic: { title: label('课程类别', 'Kind of course'), options: TOPIC_LABELS },
  content: { title: label('培训内容', 'Content') },
  method: { title: label('培训方式', 'Method'), options: METHOD_LABELS },
  startsAt: { title: label('培训时间', 'Time'), format: 'date-time' },
  trainers: { title: label('培训讲师', 'Trainers') },
  attendees: { title: label('参训人员', 'Attendees') },
  validityMonths: { title: label('有效期（月）', 'Valid for (months)'), help: label('安全培训必填；外部培训以证书有效期为准', 'Required for a security course; an external course’s certificate has its own') },
  passMark: { title: label('及格分', 'Pass mark'), format: 'number' },
  questions: { title: label('理论考试题目', 'Exam questions') },
  question: { title: label('题目', 'Question') },
  options: { title: label('选项', 'Options') },
  answer: { title: label('正确答案（选项序号）', 'Answer (option number)') },
  practical: { title: label('实操考核', 'Practical test'), options: { true: label('有', 'Yes'), false: label('无', 'No') } },
  expiresAt: { title: label('有效期至', 'Valid until'), format: 'date-time' },
  decision: { title: label('审批', 'Decision'), options: { approved: label('批准', 'Approve'), returned: label('退回修改', 'Return for changes') } },
  comments: { title: label('意见', 'Comments'), help: label('退回时必填：需要修改什么', 'Required when returned: what to change') },
  returned: { title: label('退回意见', 'Returned with comments') },
  previous: { title: label('上一版', 'Previous version') },
  plan: { title: label('培训计划', 'Training plan') },
  course: { title: label('课程', 'Course') },
  attendance: { title: label('出勤', 'Attendance') },
  attended: { title: label('出勤', 'Attended'), options: { true: label('已参加', 'Attended'), false: label('缺席', 'Absent') } },
  certificateId: { title: label('证书文件', 'Certificate file') },
  certificateExpiresAt: { title: label('证书有效期至', 'Certificate valid until'), format: 'date-time' },
  materials: { title: label('培训资料', 'Materials') },
  scores: { title: label('实操成绩', 'Practical scores') },
  score: { title: label('成绩', 'Score'), format: 'number' },
  comment: { title: label('评语', 'Comment') },
  results: { title: label('成绩', 'Results') },
  completed: { title: label('结业人数', 'Completed'), format: 'number' },
  requestedBy: { title: label('发起人', 'Started by'), format: 'user' },
} satisfies Vocabulary;

export const trainingCycleProcess = defineProcess({
  name: 'training-cycle',
  workflowType: 'trainingCycle',
  title: { 'zh-CN': '年度培训与考核', en: 'Training and assessment cycle' },
  clauses: ['P6.1a', 'P6.1b', 'P6.2a–c', 'P6.3a', 'P5.3a'],
  startAction: 'training-cycle.start',
  input: trainingCycleInput,
  workflowId: (cycleId: string) => `training-cycle-${cycleId}`,
  steps: TRAINING_CYCLE_STEPS,
  instanceTitle: {
    keys: ['year'],
    of: ({ title, data }) => {
      const year = typeof data.year === 'number' ? String(data.year) : title.split(' ')[0];
      return label(`${year} 年度培训`, `Training cycle ${year}`);
    },
  },
  labels: TRAINING_CYCLE_LABELS,
  companions: [securityTrainingReminder],
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
