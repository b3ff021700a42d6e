import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { AlarmCorrelation, AlarmHit } from './alarm-correlation';
import { PENDING } from './event-store';
import type { DeviceSettings } from './settings';

/** Pending alarms taken per statement: a backlog drains page by page. */
const PAGE = 500;

/**
 * The outbox of stored alarms: an alarm is stored pending and then signalled to its incident. Whatever comes
 * between the two (the API killed, Temporal slow or down, a signal that failed), an alarm still pending after
 * the lease is taken by one gateway (row locks, so several instances split the backlog) and signalled again.
 * The incident counts each event once, so a second delivery changes nothing.
 */
export class AlarmOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly settings: DeviceSettings,
    private readonly correlation: AlarmCorrelation,
  ) {}

  /** Signals every alarm left pending past its lease; the number of alarms taken. */
  async redeliver(): Promise<number> {
    let taken = 0;
    for (;;) {
      const hits = await this.take();
      taken += hits.length;
      const results = await Promise.allSettled(hits.map((hit) => this.correlation.correlate(hit)));
      const failed = results.find((result) => result.status === 'rejected');
      // Temporal or the database is down: the next pass tries again, no point in taking more now.
      if (failed) throw failed.reason;
      if (hits.length < PAGE) return taken;
    }
  }

  private async take(): Promise<AlarmHit[]> {
    const rows = await this.db.execute<{ id: string; device_id: string; zone_id: string; system: string; type: string; sequence: number | null; occurred_at: string; state: 'active' | 'inactive' }>(sql`
      with due as (
        select id from device_events
        where incident_workflow_id = ${PENDING} and (claimed_at is null or claimed_at < now() - make_interval(secs => ${this.settings.outboxLeaseMs / 1000}))
        order by id limit ${PAGE} for update skip locked)
      update device_events e set claimed_at = now()
      from due, devices d
      where e.id = due.id and d.id = e.device_id
      returning e.id, e.device_id, d.zone_id, d.system, e.type, e.sequence, e.occurred_at, e.state`);
    return rows
      .map((row) => ({
        eventId: Number(row.id),
        deviceId: row.device_id,
        zoneId: row.zone_id,
        system: row.system,
        type: row.type,
        sequence: row.sequence,
        occurredAt: new Date(row.occurred_at).toISOString(),
        state: row.state,
      }))
      .sort((a, b) => a.eventId - b.eventId);
  }

  /** Runs the outbox until `stop`; its first pass at once, for what a previous run of the API left. */
  start(): void {
    if (this.timer) return;
    const pass = () => {
      this.running = this.running
        .then(() => this.redeliver())
        .then(
          (taken) => taken > 0 && console.warn(`[devices] outbox signalled ${taken} stored alarm(s) no gateway had signalled`),
          (error: unknown) => console.error(`[devices] outbox pass failed: ${(error as Error).message}`),
        );
    };
    pass();
    this.timer = setInterval(pass, this.settings.outboxEveryMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
