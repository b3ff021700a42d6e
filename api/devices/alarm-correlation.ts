import { WorkflowNotFoundError } from '@temporalio/client';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { executePrepared } from '../../db/client';
import { CONSOLE_CHANNEL } from '../../domain/console-channel';
import { alarmCorrelations, deviceEvents } from '../../db/schema';
import { alarmLinkageProcess } from '../../workflows/alarm-linkage/definition';
import { alarmEventsSignal, type AlarmEvents, type AlarmLinkageInput } from '../../workflows/alarm-linkage/messages';
import type { ApiContext } from '../context';
import { signalOrStartProcess } from '../use-cases/start-process';
import { PENDING } from './event-store';
import type { DeviceSettings } from './settings';

/** One stored alarm event on its way to its incident. */
export interface AlarmHit {
  eventId: number;
  deviceId: string;
  zoneId: string;
  system: string;
  type: string;
  sequence: number | null;
  occurredAt: string;
  state: 'active' | 'inactive';
}

/** `incident_workflow_id` of an inactive report that found no open incident (nothing to signal). */
const NO_INCIDENT = 'none';

/**
 * Correlates alarms into one alarm-linkage incident per zone and type (P4.2c). Repeats of one incident are
 * batched: while one signal is on its way, and for the batch time after it, later repeats wait and go together
 * in the next, so a burst costs a few signals.
 */
export class AlarmCorrelation {
  private readonly queued = new Map<string, { hits: AlarmHit[]; waiters: Array<{ resolve: (id: string | null) => void; reject: (error: unknown) => void }> }>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly ctx: ApiContext,
    private readonly settings: DeviceSettings,
  ) {}

  /** The incident the alarm went to, once its signal is through; null for an inactive report with no open incident. */
  correlate(hit: AlarmHit): Promise<string | null> {
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
      for (let batch = this.queued.get(key), sentAt = 0; batch; batch = this.queued.get(key)) {
        // A repeating detector is signalled a few times a second at most, however many devices repeat: Temporal's
        // capacity goes to new incidents, and a repeat reaches the console count within the batch time.
        const wait = sentAt + this.settings.repeatBatchMs - Date.now();
        if (sentAt && wait > 0) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          batch = this.queued.get(key) ?? batch;
        }
        sentAt = Date.now();
        this.queued.delete(key);
        try {
          const workflowId = await this.deliver(batch.hits);
          if (workflowId) await this.countRepeats(workflowId, batch.hits);
          else {
            await this.ctx.db
              .update(deviceEvents)
              .set({ incidentWorkflowId: NO_INCIDENT })
              .where(and(inArray(deviceEvents.id, batch.hits.map((hit) => hit.eventId)), eq(deviceEvents.incidentWorkflowId, PENDING)));
          }
          for (const waiter of batch.waiters) waiter.resolve(workflowId);
        } catch (error) {
          // Still pending and released at once: the device's retry (it got a 5xx) or the outbox signals these events.
          await this.ctx.db
            .update(deviceEvents)
            .set({ claimedAt: null })
            .where(and(inArray(deviceEvents.id, batch.hits.map((hit) => hit.eventId)), eq(deviceEvents.incidentWorkflowId, PENDING)))
            .catch(() => undefined);
          for (const waiter of batch.waiters) waiter.reject(error);
        }
      }
    } finally {
      this.inFlight.delete(key);
    }
  }

  /**
   * Marks the batch's events as the incident's and adds those it marked to the console's live repeat count.
   * One statement: the marking, the count and the console's notification land together. A row moves from
   * pending to its incident once (a concurrent update of it waits and finds it no longer pending), so a batch
   * signalled twice (the outbox after a stalled gateway, another instance) is counted once, without a lock and
   * without recounting the incident's events. The row is created here if the workflow has not projected it
   * yet; the workflow's projection starts it from the events marked before it and never overwrites these columns.
   */
  private async countRepeats(workflowId: string, hits: AlarmHit[]): Promise<void> {
    const last = hits[hits.length - 1];
    // Prepared (the ids as one array parameter, so the text is fixed): one round trip per batch.
    await executePrepared(this.ctx.db, sql`
      with marked as (
        update device_events set incident_workflow_id = ${workflowId}
        where id = any(${sql.param(hits.map((hit) => hit.eventId))}::bigint[]) and incident_workflow_id = ${PENDING} returning state, occurred_at),
      counted as (
        insert into alarm_incidents (workflow_id, zone_id, alarm_type, status, repeat_count, detector_state, opened_at, last_event_at)
        select ${workflowId}, ${last.zoneId}, ${last.type}, 'open', count(*) filter (where state = 'active'), ${last.state}, min(occurred_at), max(occurred_at)
        from marked having count(*) > 0
        on conflict (workflow_id) do update set
          repeat_count = alarm_incidents.repeat_count + excluded.repeat_count,
          detector_state = excluded.detector_state,
          last_event_at = greatest(alarm_incidents.last_event_at, excluded.last_event_at)
        returning workflow_id)
      select pg_notify(${CONSOLE_CHANNEL}, ${JSON.stringify({ kind: 'incident', id: workflowId })}) from counted`);
  }

  /** Read per batch, not cached: a closing incident moves the number on itself, and its next alarm must not reach it. */
  private async currentIncidentNo(zoneId: string, alarmType: string): Promise<number> {
    // One round trip: the zone's first alarm of the type creates the row, later ones read it.
    const rows = await executePrepared<{ incident_no: number }>(this.ctx.db, sql`
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
      // The incident counts each active event once, however often a batch is signalled.
      activeEventIds: hits.filter((hit) => hit.state === 'active').map((hit) => hit.eventId),
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
        continueAfterEvents: this.settings.incidentHistoryEvents,
      };
      if ((await signalOrStartProcess(this.ctx, alarmLinkageProcess, { workflowId, input, signal: alarmEventsSignal, signalArg: events })) === 'delivered') return workflowId;
      await this.nextIncident(last.zoneId, last.type, incidentNo);
    }
    throw new Error(`could not correlate ${last.type} in ${last.zoneId}`);
  }
}
