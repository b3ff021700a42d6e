import type { DeviceAdapter } from '../../integrations/devices/device-adapter';
import { IsapiAdapter } from '../../integrations/devices/isapi-adapter';
import type { ApiContext } from '../context';
import { badRequest } from '../http/problem';
import { answerAnprDeviceEvent, isAnprEvent } from '../use-cases/access-control/plates';
import { AlarmCorrelation } from './alarm-correlation';
import { DeviceDirectory, type KnownDevice } from './device-directory';
import { DeviceHealth } from './device-health';
import { AlarmOutbox } from './alarm-outbox';
import { EventBackfill } from './event-backfill';
import { DeviceEventStore } from './event-store';
import { normaliseAlert, type Heartbeat, type NormalisedEvent } from './normalise';
import type { DeviceSettings } from './settings';

export interface IngestResult {
  status: 'accepted' | 'duplicate' | 'heartbeat';
  sequence: number | null;
}

/**
 * Where device events enter Steward (HTTP listener and MQTT alike): authenticate, normalise, store once
 * (a resend is a duplicate, a restarted numbering is recognised); then device health, backfill of sequence
 * gaps and the correlation of alarms into incidents, each in its own module. A stored alarm is delivered to
 * its incident at least once: by this gateway at once, else by the outbox.
 */
export class DeviceGateway {
  private readonly directory: DeviceDirectory;
  private readonly correlation: AlarmCorrelation;
  private readonly health: DeviceHealth;
  private readonly backfills: EventBackfill;
  private readonly events: DeviceEventStore;
  private readonly outbox: AlarmOutbox;

  constructor(
    private readonly ctx: ApiContext,
    readonly settings: DeviceSettings,
    adapter: DeviceAdapter = new IsapiAdapter(),
  ) {
    this.directory = new DeviceDirectory(ctx.db);
    this.correlation = new AlarmCorrelation(ctx, settings);
    this.events = new DeviceEventStore(ctx.db, settings.outboxLeaseMs);
    this.outbox = new AlarmOutbox(ctx.db, settings, this.correlation);
    this.backfills = new EventBackfill(ctx.db, this.directory, adapter, (device, event) => this.ingest(device, event, 'backfill'));
    this.health = new DeviceHealth(ctx, settings, (deviceId) => this.backfill(deviceId));
  }

  authenticate(deviceId: string, secret: string): Promise<KnownDevice | null> {
    return this.directory.authenticate(deviceId, secret);
  }

  verifySignature(deviceId: string, payload: string, signature: string): Promise<KnownDevice | null> {
    return this.directory.verifySignature(deviceId, payload, signature);
  }

  /** Accepts one alert from an authenticated device; a malformed one is refused with the field named. */
  async accept(device: KnownDevice, alert: Record<string, unknown>, source: 'http' | 'mqtt'): Promise<IngestResult> {
    const result = normaliseAlert(alert, device.id, new Date());
    if (!result.ok) throw badRequest('device.event-invalid', result.problems);
    if (result.event.kind === 'heartbeat') {
      await this.heartbeat(result.event);
      return { status: 'heartbeat', sequence: null };
    }
    return this.ingest(device, result.event, source);
  }

  private async heartbeat(beat: Heartbeat): Promise<void> {
    await this.health.touch(beat.deviceId, null, beat.lastSequence);
  }

  private async ingest(device: KnownDevice, event: NormalisedEvent, source: 'http' | 'mqtt' | 'backfill'): Promise<IngestResult> {
    const stored = await this.events.store(event, source);
    // P4.2b: a barrier's plate read is answered allowed / refused (idempotent per device and sequence).
    if (isAnprEvent(event)) await answerAnprDeviceEvent(this.ctx.db, event);
    if (stored.status === 'duplicate' && !stored.claimed) return { status: 'duplicate', sequence: event.sequence };
    if (event.kind === 'alarm') {
      const signalled = this.correlation.correlate({
        eventId: stored.eventId,
        deviceId: event.deviceId,
        zoneId: device.zoneId,
        system: device.system,
        type: event.type,
        sequence: event.sequence,
        occurredAt: event.occurredAt.toISOString(),
        state: event.state,
      });
      // Acknowledged once stored, over HTTP as over MQTT: a device pushes its events one at a time, so waiting
      // for Temporal would hold up its next alarm. Each incident's batches keep their order; the outbox signals
      // what this gateway could not.
      signalled.catch((error: unknown) => console.warn(`[devices] alarm ${stored.eventId} left to the outbox: ${(error as Error).message}`));
    }
    // The device is answered once its event is stored: its health row follows with the next write of all devices'
    // touches (a failed write is written again by the device's next event or heartbeat).
    if (source !== 'backfill') this.health.touch(event.deviceId, event.sequence, null).catch((error: unknown) => console.warn(`[devices] health of ${event.deviceId} not written: ${(error as Error).message}`));
    return { status: stored.status, sequence: event.sequence };
  }

  /** Fetches the missing serial numbers from the device and ingests them; false if the device could not be asked. */
  backfill(deviceId: string): Promise<boolean> {
    return this.backfills.backfill(deviceId);
  }

  /** One pass of the health sweeper (P3.1b). */
  sweep(): Promise<void> {
    return this.health.sweep();
  }

  /** One pass of the outbox: signals the stored alarms that no gateway has signalled. */
  redeliver(): Promise<number> {
    return this.outbox.redeliver();
  }

  /** Runs the health sweeper and the outbox until `stop`. */
  start(): void {
    this.health.start();
    this.outbox.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.health.stop(), this.outbox.stop()]);
    await this.backfills.settled();
  }
}
