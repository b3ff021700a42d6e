import { z } from 'zod';
import { mobileNumber, pageOf } from './common';

/**
 * P4.1: notifications that reach people. In-app always; email, SMS and WeCom as each person chooses.
 * Quiet hours hold back what can wait; alarms and dispatches (URGENT_PRIORITY and above) go at once.
 */
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'wecom'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** A task's priority from which its notice ignores quiet hours: an alarm's dispatch (alarm-linkage's 90). */
export const URGENT_PRIORITY = 90;

export const notificationView = z.object({
  id: z.number().int(),
  message: z.string(),
  workflowId: z.string(),
  /** Where it leads in the UI: the task, else the process instance. */
  link: z.string().nullable(),
  urgent: z.boolean(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationPage = pageOf(notificationView).extend({ unread: z.number().int() });
export type NotificationPage = z.infer<typeof notificationPage>;

export const notificationFilters = z.object({
  unread: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type NotificationFilters = z.output<typeof notificationFilters>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time-of-day');

export const notificationPreferences = z
  .object({
    channels: z.array(z.enum(NOTIFICATION_CHANNELS)).max(NOTIFICATION_CHANNELS.length),
    email: z.email().max(254).nullable(),
    /** A mainland mobile number: SMS goes to it. */
    phone: mobileNumber.nullable().default(null),
    /** The person's WeCom account (成员 UserID) in the company's WeCom. */
    wecomUserId: z.string().trim().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'wecom-account-format').nullable().default(null),
    /** Local times (the community's time zone); both or neither. */
    quietFrom: clock.nullable(),
    quietTo: clock.nullable(),
  })
  .superRefine((value, ctx) => {
    if ((value.quietFrom === null) !== (value.quietTo === null)) ctx.addIssue({ code: 'custom', path: ['quietTo'], message: 'quiet-hours-both' });
    if (value.quietFrom !== null && value.quietFrom === value.quietTo) ctx.addIssue({ code: 'custom', path: ['quietTo'], message: 'quiet-hours-empty' });
    if (value.channels.includes('email') && !value.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'email-needed' });
    if (value.channels.includes('sms') && !value.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'phone-needed' });
    if (value.channels.includes('wecom') && !value.wecomUserId) ctx.addIssue({ code: 'custom', path: ['wecomUserId'], message: 'wecom-needed' });
  });
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

export const markReadRequest = z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).or(z.object({ all: z.literal(true) }));
export type MarkReadRequest = z.infer<typeof markReadRequest>;

/** A task's page in the UI (ui/src/app/routes.ts). */
export const taskPath = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;
