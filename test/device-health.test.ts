import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmIncidents, deviceEvents, deviceHealth, processInstances, tasks } from '../db/schema';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { signIn } from './support/http-client';
import { eventually } from './support/poll';

let stack: DeviceTestStack;

beforeAll(async () => {
  // Heartbeats every 0.5 s; stale after 2 s of silence, down after 4 s. A gap is fetched after 5 s: long enough for a
  // late event to arrive first however loaded the machine.
  stack = await startDeviceTestStack({ heartbeatSeconds: 0.5, settings: { gapGraceMs: 5_000 } });
});
afterAll(async () => {
  await stack?.stop();
});

async function health(deviceId: string) {
  const [row] = await stack.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, deviceId));
  return row;
}

describe('device health and backfill over the wire', () => {
  it('marks a silent device stale, then down, and opens a fault repair reported by monitoring', async () => {
    await eventually(async () => ((await health('door-b2'))?.status === 'streaming' ? true : undefined));
    await stack.simulator.control('POST', '/_sim/devices/door-b2/heartbeat', { enabled: false });
    const seen: string[] = [];
    const down = await eventually(async () => {
      const row = await health('door-b2');
      if (seen.at(-1) !== row.status) seen.push(row.status);
      return row.status === 'down' && row.faultWorkflowId ? row : undefined;
    });
    // Stale first, shown as stale: never a jump from streaming to down, and never "off".
    expect(seen).toEqual(['streaming', 'stale', 'down']);
    expect(down.faultWorkflowId).toBe(`${stack.settings.workflowIdPrefix}fault-repair-device-door-b2-1`);
    expect((await health('door-b1')).status).toBe('streaming');

    const diagnosis = await eventually(async () => {
      const [task] = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, down.faultWorkflowId!), eq(tasks.stepId, 'diagnoseFault')));
      return task;
    });
    expect(diagnosis.context).toMatchObject({ system: 'access-control', location: { deviceId: 'door-b2', zoneId: 'z-b2-lobby' } });
    const [instance] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, down.faultWorkflowId!));
    expect(instance.process).toBe('fault-repair');
    const description = await stack.client.workflow.getHandle(down.faultWorkflowId!).describe();
    expect(description.status.name).toBe('RUNNING');
    const history = await stack.client.workflow.getHandle(down.faultWorkflowId!).fetchHistory();
    const started = history.events![0].workflowExecutionStartedEventAttributes!;
    const input = JSON.parse(Buffer.from(started.input!.payloads![0].data!).toString('utf8'));
    expect(input.report).toMatchObject({ source: 'monitoring', reporter: { userId: null }, location: { deviceId: 'door-b2' } });

    // The console shows it; back on air it streams again, and the repair stays for the technicians.
    const monitor = await signIn(stack.baseUrl, 'monitor');
    const listed = await monitor.get('/api/v1/console/devices');
    expect(listed.body.items.find((item: { deviceId: string }) => item.deviceId === 'door-b2')).toMatchObject({ status: 'down', faultWorkflowId: down.faultWorkflowId });
    await stack.simulator.control('POST', '/_sim/devices/door-b2/heartbeat', { enabled: true });
    await eventually(async () => ((await health('door-b2')).status === 'streaming' ? true : undefined));
    expect((await health('door-b2')).faultWorkflowId).toBe(down.faultWorkflowId);

    // Down again while that repair is still open: the outage joins it, no second repair.
    await stack.simulator.control('POST', '/_sim/devices/door-b2/heartbeat', { enabled: false });
    const again = await eventually(async () => {
      const row = await health('door-b2');
      return row.status === 'down' && row.outageCount === 2 ? row : undefined;
    });
    expect(again.faultWorkflowId).toBe(down.faultWorkflowId);
    const repairs = await stack.db.select().from(processInstances).where(sql`${processInstances.workflowId} like ${`${stack.settings.workflowIdPrefix}fault-repair-device-door-b2-%`}`);
    expect(repairs.map((repair) => repair.workflowId)).toEqual([down.faultWorkflowId]);
    await stack.simulator.control('POST', '/_sim/devices/door-b2/heartbeat', { enabled: true });
  });

  it('does not ask a device for an event that arrives late, out of order', async () => {
    const searches = async () => ((await stack.simulator.control('GET', '/_sim/devices/cam-gate/state')) as { eventSearches: number }).eventSearches;
    await stack.simulator.control('POST', '/_sim/devices/cam-gate/alarm', { repeat: 2 });
    await eventually(async () => ((await health('cam-gate')).contiguousSequence === 2 ? true : undefined));
    const searchedBefore = await searches();
    await stack.simulator.control('POST', '/_sim/devices/cam-gate/disconnect');
    expect(await stack.simulator.control('POST', '/_sim/devices/cam-gate/alarm', { repeat: 1 })).toEqual({ sequences: [3], delivered: 0 });
    // Back online, its heartbeat names serial 3 before 3 itself comes.
    await stack.simulator.control('POST', '/_sim/devices/cam-gate/reconnect');
    expect(await stack.simulator.control('POST', '/_sim/devices/cam-gate/resend', { fromSequence: 3, toSequence: 3 })).toEqual({ delivered: 1 });
    const closed = await eventually(async () => {
      const row = await health('cam-gate');
      return row.contiguousSequence === 3 ? row : undefined;
    });
    expect(closed.highestSequence).toBe(3);
    // The gap closed by itself: the device's log was never searched, and the event is the pushed one.
    expect(await searches()).toBe(searchedBefore);
    const [third] = await stack.db.select().from(deviceEvents).where(and(eq(deviceEvents.deviceId, 'cam-gate'), eq(deviceEvents.sequence, 3)));
    expect(third.source).toBe('http');
  });

  it('backfills a sequence gap after a reconnect, without duplicates', async () => {
    await stack.simulator.control('POST', '/_sim/devices/cam-car-park/alarm', { repeat: 3 });
    await eventually(async () => ((await health('cam-car-park')).highestSequence === 3 ? true : undefined));
    await stack.simulator.control('POST', '/_sim/devices/cam-car-park/disconnect');
    const offline = await stack.simulator.control('POST', '/_sim/devices/cam-car-park/alarm', { repeat: 5 });
    expect(offline).toEqual({ sequences: [4, 5, 6, 7, 8], delivered: 0 });
    await stack.simulator.control('POST', '/_sim/devices/cam-car-park/access', { personId: 'p-7', granted: false });
    await stack.simulator.control('POST', '/_sim/devices/cam-car-park/reconnect');
    // Back online (its first heartbeat names serial 9) the device pushes a new event, 10.
    await stack.simulator.control('POST', '/_sim/devices/cam-car-park/alarm', { repeat: 1 });
    const gapClosed = await eventually(async () => {
      const row = await health('cam-car-park');
      return row.contiguousSequence === 10 ? row : undefined;
    });
    expect(gapClosed.highestSequence).toBe(10);
    const backfilled = await stack.db.select().from(deviceEvents).where(eq(deviceEvents.deviceId, 'cam-car-park')).orderBy(deviceEvents.sequence);
    expect(backfilled.filter((row) => row.source === 'backfill').map((row) => row.sequence)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(backfilled[8]).toMatchObject({ kind: 'access', type: 'accessDenied', subject: 'p-7' });
    // Then it sends everything again: all duplicates.
    const resent = await stack.simulator.control('POST', '/_sim/devices/cam-car-park/resend', { fromSequence: 1, toSequence: 10 });
    expect(resent.delivered).toBe(10);
    const rows = await stack.db.select().from(deviceEvents).where(eq(deviceEvents.deviceId, 'cam-car-park')).orderBy(deviceEvents.sequence);
    expect(rows.map((row) => row.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Backfilled alarms count in the zone's incident like pushed ones: 3 + 5 + 1.
    const incidentId = `${stack.settings.workflowIdPrefix}alarm-z-car-park-fielddetection-1`;
    await eventually(async () => {
      const [row] = await stack.db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, incidentId));
      return row?.repeatCount === 9 ? row : undefined;
    });
    const [{ incidents }] = await stack.db.select({ incidents: sql<number>`count(*)::int` }).from(alarmIncidents).where(eq(alarmIncidents.zoneId, 'z-car-park'));
    expect(incidents).toBe(1);
  });
});
