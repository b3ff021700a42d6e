import type { Response } from 'express';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { maySee, taskSummaries } from '../use-cases/worklist';
import { TASK_CHANNEL } from '../../domain/task-channel';

const FLUSH_MS = 150;
const KEEPALIVE_MS = 15_000;

/**
 * The worklists' live stream (server-sent events). Every write of a task row `pg_notify`s its id; one LISTEN per
 * API process collects the ids, and every 150 ms the changed rows are read once and each open worklist is sent
 * those its user may see (the worklist's own rule), so a new task shows without a reload and nobody learns of
 * another's.
 */
export class TaskStream {
  private readonly clients = new Map<Response, SessionUser>();
  private readonly changed = new Set<string>();
  private listening: Promise<{ unlisten(): Promise<void> }> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: ApiContext) {}

  async attach(res: Response, user: SessionUser): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    this.listening ??= this.ctx.db.$client.listen(TASK_CHANNEL, (taskId) => this.onNotify(taskId));
    await this.listening;
    // Listening from here: what the client reads after `ready` it will not miss.
    res.write('event: ready\ndata: {}\n\n');
    this.clients.set(res, user);
    this.keepAlive ??= setInterval(() => this.clients.forEach((_user, client) => client.write(': keep-alive\n\n')), KEEPALIVE_MS);
    res.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) void this.idle();
    });
  }

  private onNotify(taskId: string): void {
    this.changed.add(taskId);
    this.flushTimer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  private async flush(): Promise<void> {
    this.flushTimer = null;
    const taskIds = [...this.changed];
    this.changed.clear();
    if (this.clients.size === 0) return;
    try {
      const changed = await taskSummaries(this.ctx, taskIds);
      for (const [client, user] of this.clients) {
        const message = changed
          .filter((task) => maySee(user, task))
          .map((task) => `event: task\ndata: ${JSON.stringify(task)}\n\n`)
          .join('');
        if (message) client.write(message);
      }
    } catch (error) {
      console.error(`[tasks] live update failed: ${(error as Error).message}`);
    }
  }

  private async idle(): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = null;
    const listening = this.listening;
    this.listening = null;
    if (listening) await (await listening).unlisten();
  }

  async close(): Promise<void> {
    this.clients.forEach((_user, client) => client.end());
    this.clients.clear();
    await this.idle();
  }
}

const streams = new WeakMap<ApiContext, TaskStream>();

export function taskStream(ctx: ApiContext): TaskStream {
  let stream = streams.get(ctx);
  if (!stream) {
    stream = new TaskStream(ctx);
    streams.set(ctx, stream);
  }
  return stream;
}
