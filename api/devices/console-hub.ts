import { onUserChanged } from '../auth/session';
import type { ApiContext } from '../context';
import { NotifiedStream, streamOf } from '../http/notified-stream';
import { listDeviceHealth, listIncidents } from '../use-cases/console';
import { CONSOLE_CHANNEL } from '../../domain/console-channel';
import type { ConsoleSnapshot } from '../../contracts/console';

/**
 * The console's live stream (server-sent events). Projection writers `pg_notify` what changed; each flush reads
 * the changed rows once and sends them to every open console, so a burst of repeats costs one read per flush,
 * not one per event. A console opens with a snapshot; each open console is its viewer's (by user id).
 */
export class ConsoleHub extends NotifiedStream<string> {
  protected readonly name = 'console';
  private readonly changed = { incident: new Set<string>(), device: new Set<string>() };

  constructor(ctx: ApiContext) {
    super(ctx, CONSOLE_CHANNEL);
    // A viewer disabled or whose roles changed: their console ends with their session, and reconnects (or not) as who they are now.
    onUserChanged((userId) => this.clients.forEach((viewerId, client) => viewerId === userId && client.end()));
  }

  protected collect(payload: string): boolean {
    try {
      const { kind, id } = JSON.parse(payload) as { kind: 'incident' | 'device'; id: string };
      this.changed[kind]?.add(id);
      return true;
    } catch {
      return false;
    }
  }

  protected async opening(): Promise<string> {
    const [incidents, devices] = await Promise.all([listIncidents(this.ctx), listDeviceHealth(this.ctx)]);
    return `event: snapshot\ndata: ${JSON.stringify({ incidents, devices } satisfies ConsoleSnapshot)}\n\n`;
  }

  protected async flush(): Promise<void> {
    const incidentIds = [...this.changed.incident];
    const deviceIds = [...this.changed.device];
    this.changed.incident.clear();
    this.changed.device.clear();
    if (this.clients.size === 0) return;
    const [incidents, devices] = await Promise.all([
      incidentIds.length ? listIncidents(this.ctx, 'recent', incidentIds) : [],
      deviceIds.length ? listDeviceHealth(this.ctx, deviceIds) : [],
    ]);
    const message = [...incidents.map((row) => `event: incident\ndata: ${JSON.stringify(row)}\n\n`), ...devices.map((row) => `event: device\ndata: ${JSON.stringify(row)}\n\n`)].join('');
    if (message) this.clients.forEach((_viewer, client) => client.write(message));
  }
}

const hubs = new WeakMap<ApiContext, ConsoleHub>();

export const consoleHub = (ctx: ApiContext): ConsoleHub => streamOf(hubs, ctx, () => new ConsoleHub(ctx));
