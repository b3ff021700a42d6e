import { eq, sql } from 'drizzle-orm';
import { deviceHealth } from '../../db/schema';
import type { Database } from '../../db/client';
import { loadDeviceConnection } from '../../integrations/devices/connections';
import type { DeviceAdapter, DeviceEventRecord } from '../../integrations/devices/device-adapter';
import type { DeviceDirectory, KnownDevice } from './device-directory';
import { normaliseAlert, type NormalisedEvent } from './normalise';

const BACKFILL_PAGE = 200;

/** Fills a device's sequence gaps from its own event log; what it fetches is ingested like a pushed event. */
export class EventBackfill {
  private readonly backfilling = new Map<string, Promise<boolean>>();

  constructor(
    private readonly db: Database,
    private readonly directory: DeviceDirectory,
    private readonly adapter: DeviceAdapter,
    private readonly ingest: (device: KnownDevice, event: NormalisedEvent) => Promise<unknown>,
  ) {}

  /**
   * Fetches the missing serial numbers from the device (AcsEvent search) and ingests them; duplicates are dropped as
   * always. Resolves to whether the device answered.
   */
  backfill(deviceId: string): Promise<boolean> {
    const running = this.backfilling.get(deviceId);
    if (running) return running;
    const run = this.runBackfill(deviceId)
      .then(() => true)
      .catch((error: unknown) => {
        console.error(`[devices] backfill of ${deviceId} failed: ${(error as Error).message}`);
        return false;
      })
      .finally(() => this.backfilling.delete(deviceId));
    this.backfilling.set(deviceId, run);
    return run;
  }

  private async runBackfill(deviceId: string): Promise<void> {
    const device = await this.directory.device(deviceId);
    if (!device) return;
    const connection = await loadDeviceConnection(this.db, deviceId);
    for (;;) {
      const [health] = await this.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, deviceId));
      if (!health || health.contiguousSequence >= health.highestSequence) return;
      const from = health.contiguousSequence + 1;
      const to = health.highestSequence;
      for (let position = 0; ; ) {
        const page = await this.adapter.searchEvents(connection, { fromSequence: from, toSequence: to, position, maxResults: BACKFILL_PAGE });
        for (const record of page.events) {
          const result = normaliseAlert(alertOf(record), deviceId, new Date());
          if (result.ok && result.event.kind !== 'heartbeat') await this.ingest(device, result.event);
        }
        position += page.events.length;
        if (!page.more || page.events.length === 0) break;
      }
      // What the device no longer holds is gone for good; the range counts as searched either way.
      await this.db
        .update(deviceHealth)
        .set({ contiguousSequence: sql`greatest(${deviceHealth.contiguousSequence}, ${to})` })
        .where(eq(deviceHealth.deviceId, deviceId));
    }
  }

  /** Waits for the backfills under way. */
  async settled(): Promise<void> {
    await Promise.all(this.backfilling.values());
  }
}

/** An AcsEvent search entry in the shape of a pushed alert, so backfilled events normalise exactly like pushed ones. */
function alertOf(record: DeviceEventRecord): Record<string, unknown> {
  return {
    eventType: record.eventType,
    eventState: record.state,
    dateTime: record.occurredAt,
    serialNo: record.sequence,
    majorEventType: record.major,
    subEventType: record.minor,
    channelID: record.channel,
    ...(record.door !== undefined || record.subject ? { AccessControllerEvent: { doorNo: record.door, employeeNoString: record.subject, serialNo: record.sequence, majorEventType: record.major, subEventType: record.minor } } : {}),
  };
}
