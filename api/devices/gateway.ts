import { WorkflowNotFoundError } from '@temporalio/client';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CONSOLE_CHANNEL } from '../../domain/console-channel';
import type { DeviceAdapter, DeviceEventRecord } from '../../integrations/devices/device-adapter';
import { loadDeviceConnection } from '../../integrations/devices/connections';
import { IsapiAdapter } from '../../integrations/devices/isapi-adapter';
import { alarmCorrelations, deviceConnections, deviceEvents, deviceHealth, devices } from '../../db/schema';
import { openDeviceSecrets } from '../../db/sealed/records';
import { alarmLinkageProcess } from '../../workflows/alarm-linkage/definition';
import { alarmEventsSignal, type AlarmEvents, type AlarmLinkageInput } from '../../workflows/alarm-linkage/messages';
import { faultRepairProcess, type FaultRepairInput } from '../../workflows/fault-repair/definition';
import type { ApiContext } from '../context';
import { badRequest } from '../http/problem';
import { answerAnprDeviceEvent, isAnprEvent } from '../use-cases/access-control/plates';
import { signalOrStartProcess, startProcess } from '../use-cases/start-process';
import { normaliseAlert, type Heartbeat, type NormalisedEvent } from './normalise';
import type { DeviceSettings } from './settings';

interface KnownDevice {
  id: string;
  name: string;
  zoneId: string;
  system: string;
  /** The device's push key, opened from its seal: the SHA-256 of its push secret, keying its signatures. */
  pushKey: string;
  loadedAt: number;
}

interface AlarmHit {
  eventId: number;
  deviceId: string;
  zoneId: string;
  system: string;
  type: string;
  sequence: number | null;
  occurredAt: string;
  state: 'active' | 'inactive';
}

export interface IngestResult {
  status: 'accepted' | 'duplicate' | 'heartbeat';
  sequence: number | null;
  incidentWorkflowId: string | null;
}

const DEVICE_CACHE_MS = 30_000;
/** `incident_workflow_id` of an alarm whose signal is on its way. */
const PENDING = 'pending';
/** `incident_workflow_id` of an inactive report that found no open incident (nothing to signal). */
const NO_INCIDENT = 'none';
const BACKFILL_PAGE = 200;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}


/**
 * Where device events enter Steward (HTTP listener and MQTT alike): authenticate, normalise, drop
 * duplicates on (device, sequence), keep device health, backfill sequence gaps, and correlate alarms
 * into one alarm-linkage incident per zone and type. Repeats of one incident are batched: while one
 * signal is on its way, later repeats wait and go together in the next, so a burst costs a few signals.
 */
export class DeviceGateway {
  private readonly known = new Map<string, KnownDevice>();
  private readonly queued = new Map<string, { hits: AlarmHit[]; waiters: Array<{ resolve: (id: string | null) => void; reject: (error: unknown) => void }> }>();
  private readonly inFlight = new Set<string>();
  private readonly backfilling = new Map<string, Promise<void>>();
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: ApiContext,
    readonly settings: DeviceSettings,
    private readonly adapter: DeviceAdapter = new IsapiAdapter(),
  ) {}

  /** The device whose push secret this is (compared in constant time through its push key), or null. */
  async authenticate(deviceId: string, secret: string): Promise<KnownDevice | null> {
    const device = await this.device(deviceId);
    return device && sameHash(device.pushKey, hashSecret(secret)) ? device : null;
  }

  /** The device if its signature over an MQTT payload (HMAC-SHA256 keyed with its push key) holds. */
  async verifySignature(deviceId: string, payload: string, signature: string): Promise<KnownDevice | null> {
    const device = await this.device(deviceId);
    if (!device) return null;
    return sameHash(createHmac('sha256', device.pushKey).update(payload).digest('hex'), signature) ? device : null;
  }

  private async device(deviceId: string): Promise<KnownDevice | null> {
    const cached = this.known.get(deviceId);
    if (cached && Date.now() - cached.loadedAt < DEVICE_CACHE_MS) return cached;
    const [row] = await this.ctx.db
      .select({ device: { id: devices.id, name: devices.name, zoneId: devices.zoneId, system: devices.system }, connection: deviceConnections })
      .from(devices)
      .innerJoin(deviceConnections, eq(deviceConnections.deviceId, devices.id))
      .where(eq(devices.id, deviceId));
    if (!row) return null;
    const { pushKey } = await openDeviceSecrets(this.ctx.db, row.connection);
    const device = { ...row.device, pushKey, loadedAt: Date.now() };
    this.known.set(deviceId, device);
    await this.ctx.db.insert(deviceHealth).values({ deviceId }).onConflictDoNothing();
    return device;
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
    await this.touch(beat.deviceId, null, beat.lastSequence);
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
    const touched: Promise<unknown> = source !== 'backfill' ? this.touch(event.deviceId, event.sequence, null).then(() => null, (error: unknown) => error ?? new Error('health update failed')) : Promise.resolve(null);
    let incident: string | null = null;
    if (event.kind === 'alarm') {
      incident = await this.correlate({
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

  // ---- correlation: one incident per zone and alarm type ----

  private correlate(hit: AlarmHit): Promise<string | null> {
    const key = `${hit.zoneId}|${hit.type}`;
    return new Promise((resolve, reject) => {
      let pending = this.queued.get(key);
      if (!pending) {
        pending = { hits: [], waiters: [] };
        this.queued.set(key, pending);
      }
      pending.hits.push(hit);
      pending.waiters.push({ resolve, reject });
      if (!this.inFlight.has(key)) void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    this.inFlight.add(key);
    try {
      for (let batch = this.queued.get(key); batch; batch = this.queued.get(key)) {
        this.queued.delete(key);
        try {
          const workflowId = await this.deliver(batch.hits);
          if (workflowId) await this.countRepeats(workflowId, batch.hits);
          else {
            await this.ctx.db
              .update(deviceEvents)
              .set({ incidentWorkflowId: NO_INCIDENT })
              .where(inArray(deviceEvents.id, batch.hits.map((hit) => hit.eventId)));
          }
          for (const waiter of batch.waiters) waiter.resolve(workflowId);
        } catch (error) {
          // Unclaimed again, so the device's retry (it got a 5xx) signals these events.
          await this.ctx.db
            .update(deviceEvents)
            .set({ incidentWorkflowId: null })
            .where(inArray(deviceEvents.id, batch.hits.map((hit) => hit.eventId)))
            .catch(() => undefined);
          for (const waiter of batch.waiters) waiter.reject(error);
        }
      }
    } finally {
      this.inFlight.delete(key);
    }
  }

  /**
   * Marks the batch's events as the incident's and recounts the console's live repeat count: the incident's
   * stored active events (batches of one incident never overlap, so the count only grows). The row is created
   * here if the workflow has not projected it yet; the workflow never overwrites these three columns.
   * One statement: the marking, the count and the console's notification land together.
   */
  private async countRepeats(workflowId: string, hits: AlarmHit[]): Promise<void> {
    const last = hits[hits.length - 1];
    const ids = sql.join(
      hits.map((hit) => sql`${hit.eventId}`),
      sql`, `,
    );
    // The statement's snapshot still shows this batch as pending, so the earlier batches and this one are added up.
    await this.ctx.db.execute(sql`
      with marked as (
        update device_events set incident_workflow_id = ${workflowId} where id in (${ids}) returning state, occurred_at),
      events as (
        select state, occurred_at from device_events where incident_workflow_id = ${workflowId}
        union all select state, occurred_at from marked),
      counted as (
        insert into alarm_incidents (workflow_id, zone_id, alarm_type, status, repeat_count, detector_state, opened_at, last_event_at)
        select ${workflowId}, ${last.zoneId}, ${last.type}, 'open', count(*) filter (where state = 'active'), ${last.state}, min(occurred_at), max(occurred_at)
        from events
        on conflict (workflow_id) do update set
          repeat_count = excluded.repeat_count,
          detector_state = excluded.detector_state,
          last_event_at = greatest(alarm_incidents.last_event_at, excluded.last_event_at)
        returning workflow_id)
      select pg_notify(${CONSOLE_CHANNEL}, ${JSON.stringify({ kind: 'incident', id: workflowId })}) from counted`);
  }

  /** Read per batch, not cached: a closing incident moves the number on itself, and its next alarm must not reach it. */
  private async currentIncidentNo(zoneId: string, alarmType: string): Promise<number> {
    // One round trip: the zone's first alarm of the type creates the row, later ones read it.
    const rows = await this.ctx.db.execute<{ incident_no: number }>(sql`
      with created as (
        insert into alarm_correlations (zone_id, alarm_type, incident_no) values (${zoneId}, ${alarmType}, 1)
        on conflict do nothing returning incident_no)
      select incident_no from created
      union all select incident_no from alarm_correlations where zone_id = ${zoneId} and alarm_type = ${alarmType}`);
    if (rows[0]) return rows[0].incident_no;
    // Another gateway created it after this statement's snapshot was taken: it is committed now.
    const [row] = await this.ctx.db
      .select({ incidentNo: alarmCorrelations.incidentNo })
      .from(alarmCorrelations)
      .where(and(eq(alarmCorrelations.zoneId, zoneId), eq(alarmCorrelations.alarmType, alarmType)));
    return row.incidentNo;
  }

  /** The zone's incident of this type is closed: the next alarm opens incident n+1 (compare-and-set, so concurrent gateways agree). */
  private async nextIncident(zoneId: string, alarmType: string, closedNo: number): Promise<void> {
    await this.ctx.db
      .update(alarmCorrelations)
      .set({ incidentNo: closedNo + 1 })
      .where(and(eq(alarmCorrelations.zoneId, zoneId), eq(alarmCorrelations.alarmType, alarmType), eq(alarmCorrelations.incidentNo, closedNo)));
  }

  /** signalWithStart on the current incident; a closed one (REJECT_DUPLICATE) moves on to the next. Inactive-only batches never open one. */
  private async deliver(hits: AlarmHit[]): Promise<string | null> {
    const last = hits[hits.length - 1];
    const sequences = hits.map((hit) => hit.sequence).filter((sequence): sequence is number => sequence !== null);
    const events: AlarmEvents = {
      deviceId: last.deviceId,
      activeCount: hits.filter((hit) => hit.state === 'active').length,
      firstSequence: sequences.length ? Math.min(...sequences) : null,
      lastSequence: sequences.length ? Math.max(...sequences) : null,
      lastOccurredAt: hits.reduce((latest, hit) => (hit.occurredAt > latest ? hit.occurredAt : latest), hits[0].occurredAt),
      lastState: last.state,
    };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const incidentNo = await this.currentIncidentNo(last.zoneId, last.type);
      const workflowId = alarmLinkageProcess.workflowId(this.settings.workflowIdPrefix, last.zoneId, last.type, incidentNo);
      if (events.activeCount === 0) {
        try {
          await this.ctx.temporal.workflow.getHandle(workflowId).signal(alarmEventsSignal, events);
          return workflowId;
        } catch (error) {
          if (error instanceof WorkflowNotFoundError) return null;
          throw error;
        }
      }
      const input: AlarmLinkageInput = {
        zoneId: last.zoneId,
        alarmType: last.type,
        system: last.system,
        firstEvent: events,
        timings: this.settings.alarm,
        faultRepairTimings: this.ctx.settings.faultRepair,
      };
      if ((await signalOrStartProcess(this.ctx, alarmLinkageProcess, { workflowId, input, signal: alarmEventsSignal, signalArg: events })) === 'delivered') return workflowId;
      await this.nextIncident(last.zoneId, last.type, incidentNo);
    }
    throw new Error(`could not correlate ${last.type} in ${last.zoneId}`);
  }

  // ---- health and sequence gaps ----

  /** Marks the device streaming and tracks its sequence numbers; a gap starts a backfill. */
  private async touch(deviceId: string, sequence: number | null, reportedLast: number | null): Promise<void> {
    const now = new Date().toISOString();
    const rows = await this.ctx.db.execute<{ previous: string; contiguous: number; highest: number }>(sql`
      with old as (select status, highest_sequence, contiguous_sequence from device_health where device_id = ${deviceId} for update)
      update device_health h set
        last_seen_at = ${now}::timestamptz,
        status = 'streaming',
        status_since = case when old.status = 'streaming' then h.status_since else ${now}::timestamptz end,
        highest_sequence = greatest(old.highest_sequence, coalesce(${sequence}::int, 0), coalesce(${reportedLast}::int, 0)),
        contiguous_sequence = case
          when old.highest_sequence = 0 then greatest(coalesce(${sequence}::int, 0), coalesce(${reportedLast}::int, 0))
          when ${sequence}::int is not null and old.contiguous_sequence = old.highest_sequence and ${sequence}::int = old.contiguous_sequence + 1 then ${sequence}::int
          else old.contiguous_sequence end
      from old where h.device_id = ${deviceId}
      returning old.status as previous, h.contiguous_sequence as contiguous, h.highest_sequence as highest`);
    const [row] = rows;
    if (!row) return;
    if (row.previous !== 'streaming') await this.notifyConsole('device', deviceId);
    if (row.contiguous < row.highest) void this.backfill(deviceId);
  }

  /** Fetches the missing serial numbers from the device (AcsEvent search) and ingests them; duplicates are dropped as always. */
  backfill(deviceId: string): Promise<void> {
    const running = this.backfilling.get(deviceId);
    if (running) return running;
    const run = this.runBackfill(deviceId)
      .catch((error: unknown) => console.error(`[devices] backfill of ${deviceId} failed: ${(error as Error).message}`))
      .finally(() => this.backfilling.delete(deviceId));
    this.backfilling.set(deviceId, run);
    return run;
  }

  private async runBackfill(deviceId: string): Promise<void> {
    const device = await this.device(deviceId);
    if (!device) return;
    const connection = await loadDeviceConnection(this.ctx.db, deviceId);
    for (;;) {
      const [health] = await this.ctx.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, deviceId));
      if (!health || health.contiguousSequence >= health.highestSequence) return;
      const from = health.contiguousSequence + 1;
      const to = health.highestSequence;
      for (let position = 0; ; ) {
        const page = await this.adapter.searchEvents(connection, { fromSequence: from, toSequence: to, position, maxResults: BACKFILL_PAGE });
        for (const record of page.events) {
          const result = normaliseAlert(alertOf(record), deviceId, new Date());
          if (result.ok && result.event.kind !== 'heartbeat') await this.ingest(device, result.event, 'backfill');
        }
        position += page.events.length;
        if (!page.more || page.events.length === 0) break;
      }
      // What the device no longer holds is gone for good; the range counts as searched either way.
      await this.ctx.db
        .update(deviceHealth)
        .set({ contiguousSequence: sql`greatest(${deviceHealth.contiguousSequence}, ${to})` })
        .where(eq(deviceHealth.deviceId, deviceId));
    }
  }

  /** P3.1b: streaming → stale → down by silence; a device newly down opens a fault repair, reported by monitoring. */
  async sweep(): Promise<void> {
    const now = Date.now();
    const staleBefore = new Date(now - this.settings.staleAfterMs);
    const downBefore = new Date(now - this.settings.downAfterMs);
    const stale = await this.ctx.db
      .update(deviceHealth)
      .set({ status: 'stale', statusSince: new Date(now) })
      .where(and(eq(deviceHealth.status, 'streaming'), lt(deviceHealth.lastSeenAt, staleBefore)))
      .returning({ deviceId: deviceHealth.deviceId });
    const down = await this.ctx.db
      .update(deviceHealth)
      .set({ status: 'down', statusSince: new Date(now), outageCount: sql`${deviceHealth.outageCount} + 1`, faultWorkflowId: null })
      .where(and(inArray(deviceHealth.status, ['streaming', 'stale']), lt(deviceHealth.lastSeenAt, downBefore)))
      .returning({ deviceId: deviceHealth.deviceId });
    for (const { deviceId } of [...stale, ...down]) await this.notifyConsole('device', deviceId);
    // Also retries repairs a previous sweep could not start (Temporal unreachable): the id makes it start once.
    const unrepaired = await this.ctx.db
      .select({ deviceId: deviceHealth.deviceId, outageCount: deviceHealth.outageCount, lastSeenAt: deviceHealth.lastSeenAt, name: devices.name, zoneId: devices.zoneId, system: devices.system })
      .from(deviceHealth)
      .innerJoin(devices, eq(devices.id, deviceHealth.deviceId))
      .where(and(eq(deviceHealth.status, 'down'), isNull(deviceHealth.faultWorkflowId)));
    for (const device of unrepaired) {
      const workflowId = `${this.settings.workflowIdPrefix}${faultRepairProcess.workflowId(`device-${device.deviceId}-${device.outageCount}`)}`;
      const lastSeen = device.lastSeenAt?.toISOString() ?? new Date(now).toISOString();
      const input: FaultRepairInput = {
        report: {
          occurredAt: lastSeen,
          location: { zoneId: device.zoneId, deviceId: device.deviceId },
          system: device.system,
          symptoms: `设备离线 Device down: ${device.name} (${device.deviceId}) has not reported since ${lastSeen}`,
          source: 'monitoring',
          reporter: { userId: null, displayName: '监控系统 Steward monitoring' },
        },
        timings: this.ctx.settings.faultRepair,
        priority: 70,
      };
      await startProcess(this.ctx, faultRepairProcess, { workflowId, input, title: `${device.system}: ${input.report.symptoms.slice(0, 60)}`, startedBy: null });
      await this.ctx.db
        .update(deviceHealth)
        .set({ faultWorkflowId: workflowId })
        .where(and(eq(deviceHealth.deviceId, device.deviceId), eq(deviceHealth.outageCount, device.outageCount)));
      await this.notifyConsole('device', device.deviceId);
    }
  }

  private async notifyConsole(kind: 'device' | 'incident', id: string): Promise<void> {
    await this.ctx.db.execute(sql`select pg_notify(${CONSOLE_CHANNEL}, ${JSON.stringify({ kind, id })})`);
  }

  /** Runs the health sweeper until `stop`. */
  start(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      this.sweeping = this.sweeping
        .then(() => this.sweep())
        .catch((error: unknown) => console.error(`[devices] health sweep failed: ${(error as Error).message}`));
    }, this.settings.sweepEveryMs);
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.sweeping;
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
