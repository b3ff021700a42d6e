/**
 * Announcement steps (P4.1a: community announcements). Each id is the BPMN element id in diagram.bpmn; each carries
 * its policy clause.
 */
export const ANNOUNCEMENT_STEPS = {
  announcementDrafted: { id: 'announcementDrafted', kind: 'startEvent', clause: 'P4.1a', title: 'Announcement drafted', label: { 'zh-CN': '公告已起草', en: 'Drafted' } },
  approveAnnouncement: { id: 'approveAnnouncement', kind: 'userTask', clause: 'P4.1a', title: 'Management approves or returns the announcement', label: { 'zh-CN': '管理层审批公告', en: 'Management approves' } },
  correctAnnouncement: { id: 'correctAnnouncement', kind: 'userTask', clause: 'P4.1a', title: 'The drafter corrects and resubmits', label: { 'zh-CN': '起草人修改后重新提交', en: 'The drafter corrects it' } },
  publishAnnouncement: { id: 'publishAnnouncement', kind: 'serviceTask', clause: 'P4.1a', title: 'Publish and tell every owner in the audience', label: { 'zh-CN': '发布并通知业主', en: 'Published and owners told' } },
  announcementPublished: { id: 'announcementPublished', kind: 'endEvent', clause: 'P4.1a', title: 'Announcement published', label: { 'zh-CN': '已发布', en: 'Published' } },
} as const;

export type AnnouncementStepId = keyof typeof ANNOUNCEMENT_STEPS;
