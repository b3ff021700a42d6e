import { and, eq, isNull, not, sql } from 'drizzle-orm';
import { executePrepared } from '../../db/client';
import { notifyConsole } from '../../domain/console-channel';
import { deviceHealth, devices } from '../../db/schema';
import { faultRepairProcess, type FaultRepairInput } from '../../workflows/fault-repair/definition';
import type { ApiContext } from '../context';
import { startProcess } from '../use-cases/start-process';
import type { DeviceSettings } from './settings';

/** What a device's events and heartbeats since the last health write say, folded into one row of the next write. */
interface Touch {
  sequences: Set<number>;
  reportedLast: number | null;
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

/** A device whose gap could not be fetched (offline, unreachable) is asked again after this long, not on every event. */
const BACKFILL_RETRY_MS = 30_000;
/** Beyond this many missing numbers the stored events are not searched for them: the device is asked at once. */
const GAP_SEARCH_LIMIT = 10_000;

/**
 * Device health (P3.1b): every event or heartbeat marks its device streaming and tracks its sequence numbers;
 * the sweeper moves silent devices to stale and down, and opens a fault repair for a device newly down.
 */
export class DeviceHealth {
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();
  /** Touches waiting for the next write: while one write is under way, the next gathers every device's touches. */
  private waiting = new Map<string, Touch>();
  private writing: Promise<void> | null = null;
  /** Devices whose gap is looked at again once the grace time has passed. */
  private readonly gapChecks = new Map<string, NodeJS.Timeout>();
  private readonly backfillFailedAt = new Map<string, number>();

  constructor(
    private readonly ctx: ApiContext,
    private readonly settings: DeviceSettings,
    /** Called when a device's sequence numbers have a gap that stayed open: the missing events are fetched from it (false: it could not be). */
    private readonly onGap: (deviceId: string) => Promise<boolean>,
  ) {}

  /**
   * Marks the device streaming and tracks its sequence numbers, resolved once written. Touches of all devices
   * go to the database together, one statement per write: at a thousand events a second, one statement each
   * would be most of the database's work. A gap that stays open past the grace time starts a backfill.
   */
  touch(deviceId: string, sequence: number | null, reportedLast: number | null): Promise<void> {
    return new Promise((resolve, reject) => {
      let touch = this.waiting.get(deviceId);
      if (!touch) {
        touch = { sequences: new Set(), reportedLast: null, waiters: [] };
        this.waiting.set(deviceId, touch);
      }
      if (sequence !== null) touch.sequences.add(sequence);
      if (reportedLast !== null) touch.reportedLast = Math.max(touch.reportedLast ?? 0, reportedLast);
      touch.waiters.push({ resolve, reject });
      this.writing ??= this.writeTouches();
    });
  }

  private async writeTouches(): Promise<void> {
    // The touches of this turn of the event loop go together.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.size > 0) {
      const batch = this.waiting;
      this.waiting = new Map();
      try {
        const rows = await this.writeBatch(batch);
        for (const touch of batch.values()) for (const waiter of touch.waiters) waiter.resolve();
        for (const row of rows) {
          if (row.previous !== 'streaming') await notifyConsole(this.ctx.db, 'device', row.device_id);
          if (row.contiguous < row.highest) this.checkGapLater(row.device_id);
        }
      } catch (error) {
        for (const touch of batch.values()) for (const waiter of touch.waiters) waiter.reject(error);
      }
    }
    this.writing = null;
  }

  /**
   * One statement for every device of the batch, rows locked in one order (another instance's write waits, never
   * deadlocks). The contiguous number moves on when the batch's numbers follow it without a hole; otherwise
   * the gap check decides from the stored events.
   */
  private async writeBatch(batch: Map<string, Touch>): Promise<Array<{ device_id: string; previous: string; contiguous: number; highest: number }>> {
    const ids: string[] = [];
    const firsts: Array<number | null> = [];
    const lasts: Array<number | null> = [];
    const counts: number[] = [];
    const reported: Array<number | null> = [];
    for (const [deviceId, touch] of [...batch].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      ids.push(deviceId);
      firsts.push(touch.sequences.size ? Math.min(...touch.sequences) : null);
      lasts.push(touch.sequences.size ? Math.max(...touch.sequences) : null);
      counts.push(touch.sequences.size);
      reported.push(touch.reportedLast);
    }
    // The database's clock, as the sweeper's: hosts' clocks may differ. Prepared: one round trip, planned once.
    return executePrepared<{ device_id: string; previous: string; contiguous: number; highest: number }>(this.ctx.db, sql`
      with input as (
        select * from unnest(${sql.param(ids)}::text[], ${sql.param(firsts)}::int[], ${sql.param(lasts)}::int[], ${sql.param(counts)}::int[], ${sql.param(reported)}::int[])
          as t(device_id, first_sequence, last_sequence, sequence_count, reported_last)),
      old as (
        select h.device_id, h.status, h.highest_sequence, h.contiguous_sequence from device_health h
        where h.device_id in (select device_id from input) order by h.device_id for update)
      update device_health h set
        last_seen_at = now(),
        status = 'streaming',
        status_since = case when old.status = 'streaming' then h.status_since else now() end,
        highest_sequence = greatest(old.highest_sequence, coalesce(i.last_sequence, 0), coalesce(i.reported_last, 0)),
        contiguous_sequence = case
          when old.highest_sequence = 0 then greatest(coalesce(i.last_sequence, 0), coalesce(i.reported_last, 0))
          when i.first_sequence = old.contiguous_sequence + 1 and old.contiguous_sequence = old.highest_sequence
            and i.last_sequence - i.first_sequence + 1 = i.sequence_count then i.last_sequence
          else old.contiguous_sequence end
      from old join input i on i.device_id = old.device_id
      where h.device_id = old.device_id
      returning h.device_id, old.status as previous, h.contiguous_sequence as contiguous, h.highest_sequence as highest`);
  }

  private checkGapLater(deviceId: string): void {
    if (this.gapChecks.has(deviceId)) return;
    const failedAt = this.backfillFailedAt.get(deviceId);
    // A gap may close by itself: events of one device arrive out of order (MQTT spreads them over several sessions).
    const grace = this.settings.gapGraceMs;
    const wait = failedAt === undefined ? grace : Math.max(grace, failedAt + BACKFILL_RETRY_MS - Date.now());
    const timer = setTimeout(() => {
      this.gapChecks.delete(deviceId);
      this.checkGap(deviceId).catch((error: unknown) => console.error(`[devices] gap check of ${deviceId} failed: ${(error as Error).message}`));
    }, wait);
    timer.unref();
    this.gapChecks.set(deviceId, timer);
  }

  /** The numbers that arrived late close the gap; what is still missing after the grace time is fetched from the device. */
  private async checkGap(deviceId: string): Promise<void> {
    const [row] = await this.ctx.db.execute<{ contiguous: number; highest: number }>(sql`
      update device_health h set contiguous_sequence = coalesce((
          select min(s) - 1 from generate_series(h.contiguous_sequence + 1, h.highest_sequence) s
          where not exists (select 1 from device_events e where e.device_id = h.device_id and e.epoch = h.epoch and e.sequence = s)),
        h.highest_sequence)
      where h.device_id = ${deviceId} and h.highest_sequence - h.contiguous_sequence <= ${GAP_SEARCH_LIMIT}
      returning h.contiguous_sequence as contiguous, h.highest_sequence as highest`);
    if (row && row.contiguous >= row.highest) return;
    if (await this.onGap(deviceId)) this.backfillFailedAt.delete(deviceId);
    else this.backfillFailedAt.set(deviceId, Date.now());
  }

  /**
   * P3.1b: streaming → stale → down by silence; a device newly down opens a fault repair, reported by monitoring
   * (once its upgrade's window is over, P3.3b).
   * One sweep at a time across API instances (an advisory lock; the others skip their turn), timed by the
   * database's clock, not each host's.
   */
  async sweep(): Promise<void> {
    const swept = await this.ctx.db.transaction(async (tx) => {
      const [{ locked }] = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtext('steward:device-health-sweep')) as locked`);
      if (!locked) return null;
      const stale = await tx.execute<{ device_id: string }>(sql`
        update device_health set status = 'stale', status_since = now()
        where status = 'streaming' and last_seen_at < now() - make_interval(secs => ${this.settings.staleAfterMs / 1000})
        returning device_id`);
      // A device that goes down again while the repair of its last outage is still open joins that repair.
      const down = await tx.execute<{ device_id: string }>(sql`
        update device_health h set status = 'down', status_since = now(), outage_count = h.outage_count + 1,
          fault_workflow_id = (select p.workflow_id from process_instances p where p.workflow_id = h.fault_workflow_id and p.status = 'running')
        where h.status in ('streaming', 'stale') and h.last_seen_at < now() - make_interval(secs => ${this.settings.downAfterMs / 1000})
        returning h.device_id`);
      return [...stale, ...down].map((row) => row.device_id);
    });
    if (!swept) return;
    for (const deviceId of swept) await notifyConsole(this.ctx.db, 'device', deviceId);
    // Also retries repairs a previous sweep could not start (Temporal unreachable): the id makes it start once.
    // P3.3b: a device of an upgrade under way in its window is expected to fall silent while it reboots; it gets its
    // repair only if it is still down once the plan has ended or its window has closed.
    const upgrading = sql`exists (select 1 from upgrade_devices u join upgrade_plans p on p.id = u.plan_id
      where u.device_id = ${deviceHealth.deviceId} and p.status in ('running', 'paused') and now() < p.window_ends_at)`;
    const unrepaired = await this.ctx.db
      .select({ deviceId: deviceHealth.deviceId, outageCount: deviceHealth.outageCount, lastSeenAt: deviceHealth.lastSeenAt, name: devices.name, zoneId: devices.zoneId, system: devices.system })
      .from(deviceHealth)
      .innerJoin(devices, eq(devices.id, deviceHealth.deviceId))
      .where(and(eq(deviceHealth.status, 'down'), isNull(deviceHealth.faultWorkflowId), not(upgrading)));
    for (const device of unrepaired) {
      const workflowId = `${this.settings.workflowIdPrefix}${faultRepairProcess.workflowId(`device-${device.deviceId}-${device.outageCount}`)}`;
      const lastSeen = (device.lastSeenAt ?? new Date()).toISOString();
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
      await notifyConsole(this.ctx.db, 'device', device.deviceId);
    }
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
    for (const timer of this.gapChecks.values()) clearTimeout(timer);
    this.gapChecks.clear();
    await Promise.all([this.sweeping, this.writing]);
  }
}
