import { sql } from 'drizzle-orm';
import { executePrepared, type Database } from '../../db/client';
import { notifyConsole } from '../../domain/console-channel';
import type { NormalisedEvent } from './normalise';

/** `incident_workflow_id` of an alarm stored and not yet signalled to its incident: the outbox's rows. */
export const PENDING = 'pending';

export type StoredEvent =
  /** New: stored now (an alarm is stored pending, claimed by this gateway). */
  | { status: 'accepted'; eventId: number }
  /** A resend of an event stored before; `claimed` when it is an alarm whose signal had failed or stalled, taken by this gateway to signal now. */
  | { status: 'duplicate'; eventId: number; claimed: boolean };

/** How many times a store may find the device's numbering restarted by a concurrent event before giving up. */
const RESTART_ATTEMPTS = 3;

/**
 * Stores device events exactly once. A resend is the same event (same serial number, type and state, and the
 * device's own time when it gives one) and is a duplicate in whichever numbering run it first came. A report
 * that takes a serial number already used by a different event means the device's numbering started again
 * (reboot, reset, replacement): the device moves to its next epoch and the event is stored there as new.
 */
export class DeviceEventStore {
  constructor(
    private readonly db: Database,
    private readonly leaseMs: number,
  ) {}

  async store(event: NormalisedEvent, source: 'http' | 'mqtt' | 'backfill'): Promise<StoredEvent> {
    const alarm = event.kind === 'alarm';
    for (let attempt = 0; attempt < RESTART_ATTEMPTS; attempt += 1) {
      // One round trip: the resend check (any epoch), the device's epoch and the insert.
      // Prepared (one round trip, planned once per connection): every event a device sends comes through here.
      const [row] = await executePrepared<{ inserted: string | null; same: string | null; epoch: number }>(this.db, sql`
        with health as (select coalesce((select epoch from device_health where device_id = ${event.deviceId}), 0) as epoch),
        same as (
          select id from device_events
          where device_id = ${event.deviceId} and sequence = ${event.sequence}::int and type = ${event.type} and state = ${event.state}
            and (${!event.deviceTimed}::boolean or occurred_at = ${event.occurredAt.toISOString()}::timestamptz)
          limit 1),
        inserted as (
          insert into device_events (device_id, sequence, epoch, kind, type, state, major, minor, channel, door, subject, occurred_at, received_at, source, incident_workflow_id, claimed_at, raw)
          select ${event.deviceId}::text, ${event.sequence}::int, health.epoch, ${event.kind}::text, ${event.type}::text, ${event.state}::text, ${event.major}::int, ${event.minor}::int,
            ${event.channel}::int, ${event.door}::int, ${event.subject}::text, ${event.occurredAt.toISOString()}::timestamptz, ${event.receivedAt.toISOString()}::timestamptz, ${source}::text,
            ${alarm ? PENDING : null}::text, ${alarm ? sql`now()` : sql`null::timestamptz`}, ${JSON.stringify(event.raw)}::jsonb
          from health where not exists (select 1 from same)
          on conflict (device_id, epoch, sequence) do nothing
          returning id)
        select (select id from inserted) as inserted, (select id from same) as same, (select epoch from health) as epoch`);
      if (row.inserted !== null) return { status: 'accepted', eventId: Number(row.inserted) };
      if (row.same !== null) return { status: 'duplicate', eventId: Number(row.same), claimed: alarm && (await this.claim(Number(row.same))) };
      await this.restarted(event, row.epoch);
    }
    throw new Error(`${event.deviceId}'s numbering changed under ${RESTART_ATTEMPTS} stores of sequence ${event.sequence}`);
  }

  /**
   * Takes a stored alarm whose signal failed (unclaimed) or whose gateway has not finished within the lease,
   * so a device's resend delivers it at once instead of waiting for the outbox.
   */
  private async claim(eventId: number): Promise<boolean> {
    const rows = await this.db.execute(sql`
      update device_events set claimed_at = now()
      where id = ${eventId} and incident_workflow_id = ${PENDING}
        and (claimed_at is null or claimed_at < now() - make_interval(secs => ${this.leaseMs / 1000}))
      returning id`);
    return rows.length > 0;
  }

  /**
   * The device's numbering started again: its next epoch begins, with a fresh sequence record (no gap to
   * backfill against the old numbers). Compare-and-set on the epoch, so concurrent events of the new run
   * move it once.
   */
  private async restarted(event: NormalisedEvent, epochSeen: number): Promise<void> {
    const moved = await this.db.execute(sql`
      insert into device_health (device_id, epoch, restarted_at) values (${event.deviceId}, ${epochSeen + 1}, now())
      on conflict (device_id) do update set epoch = excluded.epoch, restarted_at = excluded.restarted_at, highest_sequence = 0, contiguous_sequence = 0
      where device_health.epoch = ${epochSeen}
      returning device_id`);
    if (moved.length === 0) return;
    console.warn(`[devices] ${event.deviceId} numbers its events from ${event.sequence} again: restart ${epochSeen + 1} recognised`);
    await notifyConsole(this.db, 'device', event.deviceId);
  }
}
