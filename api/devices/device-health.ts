import { and, eq, isNull, sql } from 'drizzle-orm';
import { notifyConsole } from '../../domain/console-channel';
import { deviceHealth, devices } from '../../db/schema';
import { faultRepairProcess, type FaultRepairInput } from '../../workflows/fault-repair/definition';
import type { ApiContext } from '../context';
import { startProcess } from '../use-cases/start-process';
import type { DeviceSettings } from './settings';

/**
 * Device health (P3.1b): every event or heartbeat marks its device streaming and tracks its sequence numbers;
 * the sweeper moves silent devices to stale and down, and opens a fault repair for a device newly down.
 */
export class DeviceHealth {
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: ApiContext,
    private readonly settings: DeviceSettings,
    /** Called when a device's sequence numbers have a gap: the missing events are fetched from it. */
    private readonly onGap: (deviceId: string) => void,
  ) {}

  /** Marks the device streaming and tracks its sequence numbers; a gap starts a backfill. */
  async touch(deviceId: string, sequence: number | null, reportedLast: number | null): Promise<void> {
    // The database's clock, as the sweeper's: hosts' clocks may differ.
    const rows = await this.ctx.db.execute<{ previous: string; contiguous: number; highest: number }>(sql`
      with old as (select status, highest_sequence, contiguous_sequence from device_health where device_id = ${deviceId} for update)
      update device_health h set
        last_seen_at = now(),
        status = 'streaming',
        status_since = case when old.status = 'streaming' then h.status_since else now() end,
        highest_sequence = greatest(old.highest_sequence, coalesce(${sequence}::int, 0), coalesce(${reportedLast}::int, 0)),
        contiguous_sequence = case
          when old.highest_sequence = 0 then greatest(coalesce(${sequence}::int, 0), coalesce(${reportedLast}::int, 0))
          when ${sequence}::int is not null and old.contiguous_sequence = old.highest_sequence and ${sequence}::int = old.contiguous_sequence + 1 then ${sequence}::int
          else old.contiguous_sequence end
      from old where h.device_id = ${deviceId}
      returning old.status as previous, h.contiguous_sequence as contiguous, h.highest_sequence as highest`);
    const [row] = rows;
    if (!row) return;
    if (row.previous !== 'streaming') await notifyConsole(this.ctx.db, 'device', deviceId);
    if (row.contiguous < row.highest) this.onGap(deviceId);
  }

  /**
   * P3.1b: streaming → stale → down by silence; a device newly down opens a fault repair, reported by monitoring.
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
    const unrepaired = await this.ctx.db
      .select({ deviceId: deviceHealth.deviceId, outageCount: deviceHealth.outageCount, lastSeenAt: deviceHealth.lastSeenAt, name: devices.name, zoneId: devices.zoneId, system: devices.system })
      .from(deviceHealth)
      .innerJoin(devices, eq(devices.id, deviceHealth.deviceId))
      .where(and(eq(deviceHealth.status, 'down'), isNull(deviceHealth.faultWorkflowId)));
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
    await this.sweeping;
  }
}
