import type { MarkReadRequest, NotificationChannel, NotificationPage, NotificationPreferences } from '../../../../../contracts/notifications';
import { apiRequest } from '../../../lib/api-client';

export function getNotifications(query: { unread?: boolean; cursor?: string }, signal?: AbortSignal): Promise<NotificationPage> {
  return apiRequest<NotificationPage>('/notifications', { query: { unread: query.unread ? 'true' : undefined, cursor: query.cursor }, signal });
}

export function markRead(request: MarkReadRequest): Promise<{ unread: number }> {
  return apiRequest<{ unread: number }>('/notifications/read', { method: 'POST', body: request });
}

export function getPreferences(signal?: AbortSignal): Promise<NotificationPreferences> {
  return apiRequest<NotificationPreferences>('/notifications/preferences', { signal });
}

export function setPreferences(preferences: NotificationPreferences): Promise<NotificationPreferences> {
  return apiRequest<NotificationPreferences>('/notifications/preferences', { method: 'PUT', body: preferences });
}

export type { NotificationChannel };
