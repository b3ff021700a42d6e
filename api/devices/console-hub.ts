import type { Response } from 'express';
import type { ApiContext } from '../context';
import { listDeviceHealth, listIncidents } from '../use-cases/console';
import { CONSOLE_CHANNEL } from '../../domain/console-channel';
import type { ConsoleSnapshot } from '../../contracts/console';

const FLUSH_MS = 150;
const KEEPALIVE_MS = 15_000;

/**
 * The console's live stream (server-sent events). Projection writers `pg_notify` what changed; one
 * LISTEN per API process collects the ids, and every 150 ms the changed rows are read once and sent
 * to every open console, so a burst of repeats costs one read per flush, not one per event.
 */
export class ConsoleHub {
  private readonly clients = new Set<Response>();
  private readonly changed = { incident: new Set<string>(), device: new Set<string>() };
  private listening: Promise<{ unlisten(): Promise<void> }> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: ApiContext) {}

  async attach(res: Response): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    this.listening ??= this.ctx.db.$client.listen(CONSOLE_CHANNEL, (payload) => this.onNotify(payload));
    await this.listening;
    const [incidents, devices] = await Promise.all([listIncidents(this.ctx), listDeviceHealth(this.ctx)]);
    res.write(`event: snapshot\ndata: ${JSON.stringify({ incidents, devices } satisfies ConsoleSnapshot)}\n\n`);
    this.clients.add(res);
    this.keepAlive ??= setInterval(() => this.clients.forEach((client) => client.write(': keep-alive\n\n')), KEEPALIVE_MS);
    res.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) void this.idle();
    });
  }

  private onNotify(payload: string): void {
    try {
      const { kind, id } = JSON.parse(payload) as { kind: 'incident' | 'device'; id: string };
      this.changed[kind]?.add(id);
    } catch {
      return;
    }
    this.flushTimer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  private async flush(): Promise<void> {
    this.flushTimer = null;
    const incidentIds = [...this.changed.incident];
    const deviceIds = [...this.changed.device];
    this.changed.incident.clear();
    this.changed.device.clear();
    if (this.clients.size === 0) return;
    try {
      const [incidents, devices] = await Promise.all([
        incidentIds.length ? listIncidents(this.ctx, 'recent', incidentIds) : [],
        deviceIds.length ? listDeviceHealth(this.ctx, deviceIds) : [],
      ]);
      const message = [...incidents.map((row) => `event: incident\ndata: ${JSON.stringify(row)}\n\n`), ...devices.map((row) => `event: device\ndata: ${JSON.stringify(row)}\n\n`)].join('');
      if (message) this.clients.forEach((client) => client.write(message));
    } catch (error) {
      console.error(`[console] live update failed: ${(error as Error).message}`);
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
    this.clients.forEach((client) => client.end());
    this.clients.clear();
    await this.idle();
  }
}

const hubs = new WeakMap<ApiContext, ConsoleHub>();

export function consoleHub(ctx: ApiContext): ConsoleHub {
  let hub = hubs.get(ctx);
  if (!hub) {
    hub = new ConsoleHub(ctx);
    hubs.set(ctx, hub);
  }
  return hub;
}
