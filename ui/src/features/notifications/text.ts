import { useI18n } from '../../lib/i18n';

const TEXT = {
  title: ['通知', 'Notifications'],
  intro: ['流程发给您的通知：新任务、催办、升级、表决公告等。报警派遣不受免打扰时段限制。', 'What the processes tell you: new tasks, reminders, escalations, vote notices. Alarm dispatches come through quiet hours.'],
  unreadOnly: ['只看未读', 'Unread only'],
  markAllRead: ['全部标为已读', 'Mark all read'],
  markRead: ['标为已读', 'Mark read'],
  unread: ['未读', 'Unread'],
  urgent: ['紧急', 'Urgent'],
  open: ['打开', 'Open'],
  none: ['没有通知', 'No notifications'],
  unreadCount: ['{n} 条未读', '{n} unread'],
  preferences: ['接收方式', 'How you are reached'],
  preferencesNote: ['站内通知总是显示。选择邮件、短信或企业微信后，通知也会发到那里；免打扰时段内的非紧急通知在时段结束后发送。', 'Notifications always show here. With email, SMS or WeCom chosen they are also sent there; outside an emergency, those that come in your quiet hours are sent when they end.'],
  channels: ['通知渠道', 'Channels'],
  byEmail: ['邮件', 'Email'],
  bySms: ['短信', 'SMS'],
  byWecom: ['企业微信', 'WeCom'],
  email: ['邮箱地址', 'Email address'],
  phone: ['手机号码（短信）', 'Mobile number (SMS)'],
  wecomUserId: ['企业微信账号', 'WeCom account'],
  quietHours: ['免打扰时段', 'Quiet hours'],
  quietFrom: ['开始', 'From'],
  quietTo: ['结束', 'To'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
} as const;

export type NotificationsTextKey = keyof typeof TEXT;

/** The notification centre's own words in zh-CN and English, kept with the feature. */
export function useNotificationsText() {
  const { language } = useI18n();
  return (key: NotificationsTextKey, vars?: Record<string, string | number>) =>
    TEXT[key][language === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
}
