import { z } from 'zod';
import { DEPARTMENT_LABELS, FEEDBACK_CATEGORY_LABELS, FEEDBACK_RESOLUTION_LABELS, label, type Vocabulary } from '../../contracts/labels';
import { DEPARTMENTS, FEEDBACK_CATEGORIES } from '../../contracts/vocabulary';
import { durationMs, requester } from '../lib/inputs';
import { optionLabel, yesNo } from '../lib/labels';
import { defineProcess } from '../lib/process-definition';
import { OWNER_FEEDBACK_STEPS } from './steps';

/** P4.1a–b: what an owner submits, as the process receives it. Photos are attachments; history carries their ids only. */
export const feedbackSubmission = z.lazy(() =>
  z.object({
    category: z.enum(FEEDBACK_CATEGORIES),
    text: z.string().trim().min(3).max(4000),
    place: z.object({ buildingId: z.string().min(1), unitId: z.string().min(1).optional() }),
    photoIds: z.array(z.string()).max(3),
    owner: requester,
  }),
);
export type FeedbackSubmission = z.infer<typeof feedbackSubmission>;

/** Every wait of the process, so tests run days in seconds (config: FEEDBACK_*). */
export const ownerFeedbackTimings = z.lazy(() =>
  z.object({
    /** The first reply (or a suggestion's assessment) is due this long after submission; late, the supervisors join. */
    firstReplyDueMs: durationMs(),
    /** Still no reply this long after the supervisors were told: management joins. */
    managementAfterMs: durationMs(),
    followUpDueMs: durationMs(),
    /** The owner's confirmation; unanswered this long, the feedback closes unconfirmed. */
    confirmationDueMs: durationMs(),
  }),
);
export type OwnerFeedbackTimings = z.infer<typeof ownerFeedbackTimings>;

export const ownerFeedbackInput = z.lazy(() =>
  z.object({
    feedback: feedbackSubmission,
    /** The department responsible for the category (FEEDBACK_DEPARTMENTS): its staff reply. */
    department: z.enum(DEPARTMENTS),
    /** The first rung of the escalation ladder (FEEDBACK_SUPERVISOR_ROLES); they also reply for a department with nobody in it. */
    supervisorRoles: z.array(z.string()).min(1),
    timings: ownerFeedbackTimings,
  }),
);
export type OwnerFeedbackInput = z.infer<typeof ownerFeedbackInput>;

/** The wording of owner feedback's forms, tasks and records (P4.1b). */
export const OWNER_FEEDBACK_LABELS = {
  feedback: { title: label('业主反馈', 'Feedback') },
  category: { title: label('类别', 'Category'), options: FEEDBACK_CATEGORY_LABELS },
  text: { title: label('反馈内容', 'What the owner wrote') },
  place: { title: label('位置', 'Place') },
  photoIds: { title: label('照片', 'Photos'), format: 'hidden' },
  photos: { title: label('照片', 'Photos'), format: 'image' },
  owner: { title: label('业主', 'Owner') },
  userId: { title: label('用户', 'User'), format: 'hidden' },
  displayName: { title: label('姓名', 'Name') },
  department: { title: label('责任部门', 'Department'), options: DEPARTMENT_LABELS },
  submittedAt: { title: label('提交时间', 'Submitted at'), format: 'date-time' },
  reply: { title: label('答复内容', 'Reply'), help: label('业主会在反馈页面看到这段答复', 'The owner reads this on the feedback page') },
  resolved: {
    title: label('处理状态', 'State'),
    options: yesNo(label('已解决，请业主确认', 'Resolved: ask the owner to confirm'), label('仍在跟进，稍后再答复', 'Still following up: reply again later')),
  },
  lastReply: { title: label('上次答复', 'Last reply') },
  reopenReason: { title: label('业主重新打开的原因', 'Why the owner reopened it') },
  confirmed: {
    title: label('处理结果', 'Outcome'),
    options: yesNo(label('问题已解决，确认办结', 'Resolved: confirm'), label('没有解决，重新打开', 'Not resolved: reopen')),
  },
  rating: { title: label('服务评价（1–5 星）', 'Rating (1–5 stars)'), help: label('确认办结时必填', 'Required when you confirm') },
  comment: { title: label('意见', 'Comment'), help: label('重新打开时必填：还有什么问题', 'Required when reopening: what is still wrong') },
  decision: { title: label('评估结论', 'Decision'), options: { adopt: label('采纳', 'Adopt'), decline: label('不采纳', 'Decline') } },
  reason: { title: label('答复业主的理由', 'Reason given to the owner'), help: label('为什么采纳或不采纳', 'Why it is adopted or declined') },
  improvementTitle: { title: label('改进事项名称', 'Improvement item'), help: label('采纳时必填：列入年度评估与计划的改进事项', 'Required when adopting: the item the annual evaluation and plan see') },
  improvementId: { title: label('改进事项', 'Improvement item'), format: 'hidden' },
  replies: { title: label('答复次数', 'Replies') },
  reopenCount: { title: label('重新打开次数', 'Times reopened') },
  escalated: { title: label('升级', 'Escalated'), options: { supervisor: label('已升级至主管', 'To the supervisor'), management: label('已升级至管理层', 'To management') } },
  resolution: { title: label('办结方式', 'Closed as'), options: FEEDBACK_RESOLUTION_LABELS },
  ratingComment: { title: label('评价意见', 'Comment with the rating') },
  assessment: { title: label('评估', 'Assessment') },
} satisfies Vocabulary;

export const ownerFeedbackProcess = defineProcess({
  name: 'owner-feedback',
  workflowType: 'ownerFeedback',
  title: { 'zh-CN': '业主投诉、咨询与建议', en: 'Owner complaints, inquiries and suggestions' },
  clauses: ['P4.1a', 'P4.1b'],
  startAction: 'owner-feedback.start',
  input: ownerFeedbackInput,
  workflowId: (feedbackId: string) => `owner-feedback-${feedbackId}`,
  steps: OWNER_FEEDBACK_STEPS,
  instanceTitle: {
    keys: ['feedback'],
    of: ({ title, data }) => {
      const feedback = data.feedback as { category?: string; text?: string } | undefined;
      if (!feedback?.category || feedback.text === undefined) return label(title, title);
      const category = optionLabel(FEEDBACK_CATEGORY_LABELS, feedback.category);
      const text = feedback.text.slice(0, 60);
      return label(`${category['zh-CN']}：${text}`, `${category.en}: ${text}`);
    },
  },
  labels: OWNER_FEEDBACK_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
