import { onUserChanged, type SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { maySee, taskSummaries } from '../use-cases/worklist';
import { TASK_CHANNEL } from '../../domain/task-channel';
import { NotifiedStream, streamOf } from './notified-stream';

/**
 * The worklists' live stream (server-sent events). Every write of a task row `pg_notify`s its id; each flush reads
 * the changed rows once and sends each open worklist those its user may see (the worklist's own rule), so a new
 * task shows without a reload and nobody learns of another's.
 */
export class TaskStream extends NotifiedStream<SessionUser> {
  protected readonly name = 'tasks';
  private readonly changed = new Set<string>();

  constructor(ctx: ApiContext) {
    super(ctx, TASK_CHANNEL);
    // A user disabled or whose roles changed: their worklist's stream ends, and reconnects (or not) as who they are now.
    onUserChanged((userId) => this.clients.forEach((user, client) => user.id === userId && client.end()));
  }

  protected collect(taskId: string): boolean {
    this.changed.add(taskId);
    return true;
  }

  protected opening(): Promise<string> {
    return Promise.resolve('event: ready\ndata: {}\n\n');
  }

  protected async flush(): Promise<void> {
    const taskIds = [...this.changed];
    this.changed.clear();
    if (this.clients.size === 0) return;
    const changed = await taskSummaries(this.ctx, taskIds);
    for (const [client, user] of this.clients) {
      const message = changed
        .filter((task) => maySee(user, task))
        .map((task) => `event: task\ndata: ${JSON.stringify(task)}\n\n`)
        .join('');
      if (message) client.write(message);
    }
  }
}

const streams = new WeakMap<ApiContext, TaskStream>();

export const taskStream = (ctx: ApiContext): TaskStream => streamOf(streams, ctx, () => new TaskStream(ctx));
