import { and, eq, isNull } from 'drizzle-orm';
import { deviceEvents } from '../../db/schema';
import type { DeviceAdapter } from '../../integrations/devices/device-adapter';
import { IsapiAdapter } from '../../integrations/devices/isapi-adapter';
import type { ApiContext } from '../context';
import { badRequest } from '../http/problem';
import { answerAnprDeviceEvent, isAnprEvent } from '../use-cases/access-control/plates';
import { AlarmCorrelation } from './alarm-correlation';
import { DeviceDirectory, type KnownDevice } from './device-directory';
import { DeviceHealth } from './device-health';
import { EventBackfill } from './event-backfill';
import { normaliseAlert, type Heartbeat, type NormalisedEvent } from './normalise';
import type { DeviceSettings } from './settings';

export interface IngestResult {
  status: 'accepted' | 'duplicate' | 'heartbeat';
  sequence: number | null;
  incidentWorkflowId: string | null;
}

/** `incident_workflow_id` of an alarm whose signal is on its way. */
const PENDING = 'pending';

/**
 * Where device events enter Steward (HTTP listener and MQTT alike): authenticate, normalise, drop
 * duplicates on (device, sequence) and store; then device health, backfill of sequence gaps and the
 * correlation of alarms into incidents, each in its own module.
 */
export class DeviceGateway {
  private readonly directory: DeviceDirectory;
  private readonly correlation: AlarmCorrelation;
  private readonly health: DeviceHealth;
  private readonly backfills: EventBackfill;

  constructor(
    private readonly ctx: ApiContext,
    readonly settings: DeviceSettings,
    adapter: DeviceAdapter = new IsapiAdapter(),
  ) {
    this.directory = new DeviceDirectory(ctx.db);
    this.correlation = new AlarmCorrelation(ctx, settings);
    this.backfills = new EventBackfill(ctx.db, this.directory, adapter, (device, event) => this.ingest(device, event, 'backfill'));
    this.health = new DeviceHealth(ctx, settings, (deviceId) => void this.backfill(deviceId));
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
    if (!result.ok) throw badRequest('the event is invalid', result.problems);
    if (result.event.kind === 'heartbeat') {
      await this.heartbeat(result.event);
      return { status: 'heartbeat', sequence: null, incidentWorkflowId: null };
    }
    return this.ingest(device, result.event, source);
  }

  private async heartbeat(beat: Heartbeat): Promise<void> {
    await this.health.touch(beat.deviceId, null, beat.lastSequence);
  }

  private async ingest(device: KnownDevice, event: NormalisedEvent, source: 'http' | 'mqtt' | 'backfill'): Promise<IngestResult> {
    // An alarm is stored as `pending` until its signal is through, so a concurrent duplicate never signals it twice.
    const [inserted] = await this.ctx.db
      .insert(deviceEvents)
      .values({ ...event, source, incidentWorkflowId: event.kind === 'alarm' ? PENDING : null })
      .onConflictDoNothing({ target: [deviceEvents.deviceId, deviceEvents.sequence] })
      .returning({ id: deviceEvents.id });
    let eventId = inserted?.id;
    // P4.2b: a barrier's plate read is answered allowed / refused (idempotent per device and sequence).
    if (isAnprEvent(event)) await answerAnprDeviceEvent(this.ctx.db, event);
    if (eventId === undefined) {
      // Seen before. If its signal failed (the device retries after our 5xx), this retry claims it and signals it now.
      const [claimed] = await this.ctx.db
        .update(deviceEvents)
        .set({ incidentWorkflowId: PENDING })
        .where(and(eq(deviceEvents.deviceId, event.deviceId), eq(deviceEvents.sequence, event.sequence!), eq(deviceEvents.kind, 'alarm'), isNull(deviceEvents.incidentWorkflowId)))
        .returning({ id: deviceEvents.id });
      if (!claimed) return { status: 'duplicate', sequence: event.sequence, incidentWorkflowId: null };
      eventId = claimed.id;
    }
    // Health and correlation are independent: the alarm's signal does not wait for the health row.
    // Settled into a value at once, so a failure waits for the correlation without being an unhandled rejection.
    const touched: Promise<unknown> = source !== 'backfill' ? this.health.touch(event.deviceId, event.sequence, null).then(() => null, (error: unknown) => error ?? new Error('health update failed')) : Promise.resolve(null);
    let incident: string | null = null;
    if (event.kind === 'alarm') {
      incident = await this.correlation.correlate({
        eventId,
        deviceId: event.deviceId,
        zoneId: device.zoneId,
        system: device.system,
        type: event.type,
        sequence: event.sequence,
        occurredAt: event.occurredAt.toISOString(),
        state: event.state,
      });
    }
    const touchError = await touched;
    if (touchError) throw touchError;
    return { status: inserted ? 'accepted' : 'duplicate', sequence: event.sequence, incidentWorkflowId: incident };
  }

  /** Fetches the missing serial numbers from the device and ingests them. */
  backfill(deviceId: string): Promise<void> {
    return this.backfills.backfill(deviceId);
  }

  /** One pass of the health sweeper (P3.1b). */
  sweep(): Promise<void> {
    return this.health.sweep();
  }

  /** Runs the health sweeper until `stop`. */
  start(): void {
    this.health.start();
  }

  async stop(): Promise<void> {
    await this.health.stop();
    await this.backfills.settled();
  }
}
