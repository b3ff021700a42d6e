import { useEffect, useRef, useState } from 'react';
import type { NotificationPage, NotificationView } from '../../../contracts/notifications';
import { apiRequest, apiUrl } from './api-client';

type Listener = { onUnread: (unread: number) => void; onNotification: (notification: NotificationView) => void };

/**
 * The signed-in user's unread count and new notifications, for the header and the notifications page: one stream
 * however many follow it, opened with the first listener and closed with the last.
 */
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let unread = 0;

function setUnread(next: number) {
  unread = next;
  listeners.forEach((listener) => listener.onUnread(next));
}

/** Asks the API for the count: at start, and when the stream comes back after a break (what came during it was not sent). */
function recount() {
  apiRequest<NotificationPage>('/notifications', { query: { unread: 'true', limit: 1 } }).then(
    (page) => setUnread(page.unread),
    () => undefined,
  );
}

function open() {
  source = new EventSource(apiUrl('/notifications/stream'), { withCredentials: true });
  source.addEventListener('ready', recount);
  source.addEventListener('notification', (message) => {
    const notification = JSON.parse((message as MessageEvent<string>).data) as NotificationView;
    setUnread(unread + 1);
    listeners.forEach((listener) => listener.onNotification(notification));
  });
}

/** A page that marked notifications read tells the header the count the API answered. */
export const unreadChanged = (next: number) => setUnread(next);

/** Follows the unread count (and each new notification, for a page that lists them). */
export function useNotifications(onNotification?: (notification: NotificationView) => void): number {
  const [count, setCount] = useState(unread);
  const handler = useRef(onNotification);
  useEffect(() => {
    handler.current = onNotification;
  });
  useEffect(() => {
    const listener: Listener = { onUnread: setCount, onNotification: (notification) => handler.current?.(notification) };
    listeners.add(listener);
    if (!source) open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        source?.close();
        source = null;
      }
    };
  }, []);
  return count;
}
