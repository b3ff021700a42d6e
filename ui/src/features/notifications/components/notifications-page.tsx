import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { NotificationView } from '../../../../../contracts/notifications';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { unreadChanged, useNotifications } from '../../../lib/notification-stream';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { getNotifications, markRead } from '../api/notifications-api';
import { useNotificationsText } from '../text';
import { NotificationPreferencesForm } from './notification-preferences';

/**
 * P4.1: the notification centre: what the processes told the user, newest first, new ones as they come, each with
 * the way to what it is about; read marks; and how the user is reached (channels, quiet hours).
 */
export function NotificationsPage({ processInstanceLink }: { processInstanceLink?: (workflowId: string) => string }) {
  const text = useNotificationsText();
  const { formatDateTime } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const first = useApiResource((signal) => getNotifications({ unread: unreadOnly }, signal), [unreadOnly]);
  const [arrived, setArrived] = useState<NotificationView[]>([]);
  const [more, setMore] = useState<{ items: NotificationView[]; nextCursor: string | null } | null>(null);
  const [readNow, setReadNow] = useState<Set<number>>(new Set());
  const { error, busy, run } = useAction();
  const unread = useNotifications(useCallback((notification: NotificationView) => setArrived((list) => [notification, ...list]), []));

  if (!first.data) return first.error ? <ErrorBanner error={first.error} /> : <Loading />;
  const seen = new Set<number>();
  const items = [...arrived, ...first.data.items, ...(more?.items ?? [])].filter((item) => !seen.has(item.id) && seen.add(item.id));
  const nextCursor = more ? more.nextCursor : first.data.nextCursor;
  const isRead = (item: NotificationView) => item.read || readNow.has(item.id);

  const read = (ids: number[] | 'all') =>
    run(async () => {
      const answer = await markRead(ids === 'all' ? { all: true } : { ids });
      setReadNow((current) => new Set([...current, ...(ids === 'all' ? items.map((item) => item.id) : ids)]));
      unreadChanged(answer.unread);
    });
  const loadMore = () =>
    run(async () => {
      const page = await getNotifications({ unread: unreadOnly, cursor: nextCursor ?? undefined });
      setMore({ items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    });

  return (
    <section data-testid="notifications-page">
      <header className="page-header">
        <h1>{text('title')}</h1>
        <span data-testid="unread-count">{text('unreadCount', { n: unread })}</span>
      </header>
      <p className="muted">{text('intro')}</p>
      <div className="filters">
        <label>
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => {
              setUnreadOnly(event.target.checked);
              setMore(null);
              setArrived([]);
            }}
          />{' '}
          {text('unreadOnly')}
        </label>
        <button type="button" className="button-secondary" onClick={() => void read('all')} disabled={busy || unread === 0} data-testid="mark-all-read">
          {text('markAllRead')}
        </button>
      </div>
      <ErrorBanner error={error} />
      {items.length === 0 ? (
        <p className="muted">{text('none')}</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => {
            const target = item.link ?? processInstanceLink?.(item.workflowId);
            return (
              <li key={item.id} className={isRead(item) ? 'notification' : 'notification unread'} data-testid="notification" data-id={item.id} data-read={isRead(item)}>
                <div>
                  {!isRead(item) && <Badge tone="info">{text('unread')}</Badge>} {item.urgent && <Badge tone="danger">{text('urgent')}</Badge>}{' '}
                  <span className="notification-message">{item.message}</span>
                </div>
                <div className="muted">
                  {formatDateTime(item.createdAt)}
                  {target && (
                    <>
                      {' · '}
                      <Link to={target} onClick={() => !isRead(item) && void read([item.id])}>
                        {text('open')}
                      </Link>
                    </>
                  )}
                  {!isRead(item) && (
                    <>
                      {' · '}
                      <button type="button" className="button-link" onClick={() => void read([item.id])} disabled={busy}>
                        {text('markRead')}
                      </button>
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <LoadMoreButton hasMore={Boolean(nextCursor)} loading={busy} onLoadMore={() => void loadMore()} />
      <NotificationPreferencesForm />
    </section>
  );
}
