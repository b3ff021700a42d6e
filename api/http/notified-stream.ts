import type { Response } from 'express';
import type { ApiContext } from '../context';

const FLUSH_MS = 150;
const KEEPALIVE_MS = 15_000;

/**
 * A live stream of server-sent events fed by a PostgreSQL channel: one LISTEN per API process while anyone
 * watches, the notified ids collected and flushed every 150 ms (one read per flush, not one per change), a
 * keep-alive comment every 15 s. Each stream says what a notification changed, what a new client gets first and
 * what each client is sent of a flush; `Viewer` is what it knows of a client (the signed-in user, or nothing).
 */
export abstract class NotifiedStream<Viewer> {
  protected readonly clients = new Map<Response, Viewer>();
  private listening: Promise<{ unlisten(): Promise<void> }> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(
    protected readonly ctx: ApiContext,
    private readonly channel: string,
  ) {}

  /** Records what a notification changed; false when there is nothing to flush. */
  protected abstract collect(payload: string): boolean;
  /** The first message of a new client, once listening: what it reads after it, it will not miss. */
  protected abstract opening(viewer: Viewer): Promise<string>;
  /** Takes what was collected and sends each client its part. */
  protected abstract flush(): Promise<void>;
  /** What the log calls this stream. */
  protected abstract readonly name: string;

  async attach(res: Response, viewer: Viewer): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    this.listening ??= this.ctx.db.$client.listen(this.channel, (payload) => {
      if (this.collect(payload)) this.flushTimer ??= setTimeout(() => void this.flushNow(), FLUSH_MS);
    });
    await this.listening;
    res.write(await this.opening(viewer));
    this.clients.set(res, viewer);
    this.keepAlive ??= setInterval(() => this.clients.forEach((_viewer, client) => client.write(': keep-alive\n\n')), KEEPALIVE_MS);
    res.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) void this.idle();
    });
  }

  private async flushNow(): Promise<void> {
    this.flushTimer = null;
    try {
      await this.flush();
    } catch (error) {
      console.error(`[${this.name}] live update failed: ${(error as Error).message}`);
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
    this.clients.forEach((_viewer, client) => client.end());
    this.clients.clear();
    await this.idle();
  }
}

/** One stream of a kind per API context (app), made on first use. */
export function streamOf<Stream>(streams: WeakMap<ApiContext, Stream>, ctx: ApiContext, make: () => Stream): Stream {
  let stream = streams.get(ctx);
  if (!stream) {
    stream = make();
    streams.set(ctx, stream);
  }
  return stream;
}
