import { onUserChanged, type SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { notificationsById } from '../use-cases/notifications';
import { NOTIFICATION_CHANNEL } from '../../domain/notifications';
import { NotifiedStream, streamOf } from './notified-stream';

/**
 * The notification centres' live stream (server-sent events): each new notification goes to the open centres of
 * those it is addressed to (by role or by name), so the header's unread count moves without a reload.
 */
export class NotificationStream extends NotifiedStream<SessionUser> {
  protected readonly name = 'notifications';
  private readonly added = new Set<number>();

  constructor(ctx: ApiContext) {
    super(ctx, NOTIFICATION_CHANNEL);
    // A user disabled or whose roles changed: their stream ends, and reconnects (or not) as who they are now.
    onUserChanged((userId) => this.clients.forEach((user, client) => user.id === userId && client.end()));
  }

  protected collect(payload: string): boolean {
    for (const id of payload.split(',')) if (/^\d+$/.test(id)) this.added.add(Number(id));
    return this.added.size > 0;
  }

  protected opening(): Promise<string> {
    return Promise.resolve('event: ready\ndata: {}\n\n');
  }

  protected async flush(): Promise<void> {
    const ids = [...this.added];
    this.added.clear();
    if (this.clients.size === 0) return;
    const added = await notificationsById(this.ctx, ids);
    for (const [client, user] of this.clients) {
      const message = added
        .filter(({ recipientRoles, recipientUsers }) => recipientUsers.includes(user.id) || recipientRoles.some((role) => user.roles.includes(role)))
        .map(({ view }) => `event: notification\ndata: ${JSON.stringify(view)}\n\n`)
        .join('');
      if (message) client.write(message);
    }
  }
}

const streams = new WeakMap<ApiContext, NotificationStream>();

export const notificationStream = (ctx: ApiContext): NotificationStream => streamOf(streams, ctx, () => new NotificationStream(ctx));
