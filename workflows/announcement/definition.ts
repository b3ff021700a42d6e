import { z } from 'zod';
import { ANNOUNCEMENT_AUDIENCE_LABELS, label, type Vocabulary } from '../../contracts/labels';
import { ANNOUNCEMENT_AUDIENCES } from '../../contracts/vocabulary';
import { durationMs, requester } from '../lib/inputs';
import { yesNo } from '../lib/labels';
import { defineProcess } from '../lib/process-definition';
import { ANNOUNCEMENT_STEPS } from './steps';

/** P4.1a: what an announcement says and who it is for, as drafted (or last corrected). */
export const announcementDraft = z.lazy(() =>
  z.object({
    title: z.string().trim().min(2).max(120),
    body: z.string().trim().min(2).max(10_000),
    audience: z.enum(ANNOUNCEMENT_AUDIENCES),
    /** The building of a building's announcement; null otherwise. */
    buildingId: z.string().min(1).nullable(),
    /** The units of a named units' announcement; empty otherwise. */
    unitIds: z.array(z.string().min(1)).max(500),
    pinned: z.boolean(),
    /** After this it is no longer listed; null: it stays. */
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
  }),
);
export type AnnouncementDraft = z.infer<typeof announcementDraft>;

/** Every wait of the process, so tests run days in seconds (config: ANNOUNCEMENT_*). */
export const announcementTimings = z.lazy(() => z.object({ approvalDueMs: durationMs(), correctionDueMs: durationMs() }));
export type AnnouncementTimings = z.infer<typeof announcementTimings>;

export const announcementInput = z.lazy(() =>
  z.object({
    announcementId: z.string().min(1),
    draft: announcementDraft,
    drafter: requester,
    timings: announcementTimings,
  }),
);
export type AnnouncementInput = z.infer<typeof announcementInput>;

/** The wording of the announcement's forms, tasks and records (P4.1a). */
export const ANNOUNCEMENT_LABELS = {
  announcementId: { title: label('公告编号', 'Announcement'), format: 'hidden' },
  draft: { title: label('公告', 'Announcement') },
  title: { title: label('标题', 'Title') },
  body: { title: label('正文', 'Text') },
  audience: { title: label('发布范围', 'Audience'), options: ANNOUNCEMENT_AUDIENCE_LABELS },
  buildingId: { title: label('楼栋', 'Building'), format: 'building' },
  unitIds: { title: label('房屋', 'Units'), format: 'unit' },
  pinned: { title: label('置顶', 'Pinned'), options: yesNo(label('置顶', 'Pinned'), label('不置顶', 'Not pinned')) },
  expiresAt: { title: label('有效期至', 'Expires at'), format: 'date-time', help: label('过期后不再显示；留空则长期有效', 'Not listed after this; empty: it stays') },
  drafter: { title: label('起草人', 'Drafted by') },
  userId: { title: label('用户', 'User'), format: 'hidden' },
  displayName: { title: label('姓名', 'Name') },
  makerId: { title: label('起草人', 'Drafted by'), format: 'hidden' },
  decision: { title: label('审批结论', 'Decision'), options: { approved: label('同意发布', 'Approve: publish it'), returned: label('退回修改', 'Return for correction') } },
  reasons: { title: label('退回理由', 'Reasons'), help: label('退回时必填：需要修改什么', 'Required when returning: what to change') },
  returnedBy: { title: label('退回人', 'Returned by') },
  returns: { title: label('退回次数', 'Times returned') },
  approvedBy: { title: label('批准人', 'Approved by') },
  audienceSize: { title: label('通知业主数', 'Owners told') },
  publishedAt: { title: label('发布时间', 'Published at'), format: 'date-time' },
} satisfies Vocabulary;

export const announcementProcess = defineProcess({
  name: 'announcement',
  workflowType: 'announcement',
  title: { 'zh-CN': '社区公告', en: 'Community announcement' },
  clauses: ['P4.1a'],
  startAction: 'announcement.start',
  input: announcementInput,
  workflowId: (announcementId: string) => `announcement-${announcementId}`,
  steps: ANNOUNCEMENT_STEPS,
  instanceTitle: {
    keys: ['draft'],
    of: ({ title, data }) => {
      const draft = data.draft as { title?: string } | undefined;
      if (!draft?.title) return label(title, title);
      return label(`公告：${draft.title}`, `Announcement: ${draft.title}`);
    },
  },
  labels: ANNOUNCEMENT_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
