import { NavLink } from 'react-router';
import { useI18n } from '../lib/i18n';
import { useNotifications } from '../lib/notification-stream';

/** The header's way to the notification centre, with the unread count as it changes. */
export function NotificationBell({ to }: { to: string }) {
  const { t } = useI18n();
  const unread = useNotifications();
  return (
    <NavLink to={to} className="button-link notification-bell" data-testid="notification-bell" data-unread={unread} aria-label={t('nav.notificationsUnread', { n: String(unread) })}>
      {t('nav.notifications')}
      {unread > 0 && <span className="unread-count">{unread > 99 ? '99+' : unread}</span>}
    </NavLink>
  );
}
