/**
 * Two API instances and two workers against one Temporal and one PostgreSQL behave as one: they split the MQTT
 * stream (a shared subscription), a burst across zones gives one incident per zone and type with every event
 * counted once, and the health sweep runs once, so a device outage opens one repair.
 */
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { alarmIncidents, deviceEvents, deviceHealth, devices, processInstances } from '../db/schema';
import { DEMO_DEVICES } from '../db/seed/demo-devices';
import { pointDemoDevicesAt } from '../db/seed/devices';
import { spawnSimulator, type SimulatorProcess } from '../scripts/device-simulator/spawn';
import { alarmLinkageProcess } from '../workflows/alarm-linkage/definition';
import { spawnApi, spawnWorker, type ApiProcess, type StewardProcess } from './support/processes';
import { TEST_MQTT_URL } from './support/devices';
import { eventually } from './support/poll';
import { startTestStack, type TestStack } from './support/stack';

let stack: TestStack & { database: { url: string } };
let simulator: SimulatorProcess;
const apis: ApiProcess[] = [];
const workers: StewardProcess[] = [];
const prefix = `m${randomUUID().slice(0, 8)}-`;
const topicPrefix = `steward-test/${prefix}`;

beforeAll(async () => {
  stack = await startTestStack();
  const shared = { DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: inject('temporalAddress'), TEMPORAL_TASK_QUEUE: stack.taskQueue };
  for (const instance of ['a', 'b']) {
    workers.push(await spawnWorker(shared));
    apis.push(
      await spawnApi({
        ...shared,
        STEWARD_WORKFLOW_PREFIX: prefix,
        MQTT_URL: TEST_MQTT_URL,
        MQTT_TOPIC_PREFIX: topicPrefix,
        MQTT_CLIENT_ID: `steward-${prefix}${instance}`,
        MQTT_SHARED_GROUP: 'steward',
        DEVICE_STALE_SECONDS: '2s',
        DEVICE_DOWN_SECONDS: '4s',
        DEVICE_SWEEP_SECONDS: '300ms',
      }),
    );
  }
  simulator = await spawnSimulator({ STEWARD_EVENTS_URL: `${apis[0].baseUrl}/api/v1/device-events`, MQTT_URL: TEST_MQTT_URL, MQTT_TOPIC_PREFIX: topicPrefix, HEARTBEAT_SECONDS: '0.5' });
  await pointDemoDevicesAt(stack.db, simulator.url);
});
afterAll(async () => {
  await simulator?.stop();
  for (const api of apis) await api.stop();
  for (const worker of workers) await worker.stop();
  await stack?.stop();
});

describe('two API instances and two workers', () => {
  it('split a burst across zones over MQTT and count it as one instance would: one incident per zone and type, each event once', async () => {
    const repeat = 40;
    const burst = (await simulator.control('POST', '/_sim/scenarios/burst', { repeat, intervalMs: 2, transport: 'mqtt' })) as Record<string, { delivered: number }>;
    const alarmDevices = DEMO_DEVICES.filter((device) => device.alarmType);
    expect(Object.values(burst).map((result) => result.delivered)).toEqual(alarmDevices.map(() => repeat));
    const zones = new Map((await stack.db.select({ id: devices.id, zoneId: devices.zoneId }).from(devices)).map((row) => [row.id, row.zoneId]));
    const expected = new Map<string, number>();
    for (const device of alarmDevices) {
      const workflowId = alarmLinkageProcess.workflowId(prefix, zones.get(device.id)!, device.alarmType!, 1);
      expected.set(workflowId, (expected.get(workflowId) ?? 0) + repeat);
    }
    const counted = await eventually(async () => {
      const rows = await stack.db.select({ workflowId: alarmIncidents.workflowId, repeatCount: alarmIncidents.repeatCount }).from(alarmIncidents);
      const counts = new Map(rows.map((row) => [row.workflowId, row.repeatCount]));
      return [...expected].every(([workflowId, count]) => counts.get(workflowId) === count) ? rows : undefined;
    }, 60_000);
    expect(counted.map((row) => row.workflowId).sort()).toEqual([...expected.keys()].sort());
    const [{ stored, distinct }] = await stack.db
      .select({ stored: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct (device_id, sequence))::int` })
      .from(deviceEvents)
      .where(eq(deviceEvents.kind, 'alarm'));
    expect([stored, distinct]).toEqual([alarmDevices.length * repeat, alarmDevices.length * repeat]);
  });

  it('sweep device health once: an outage opens one repair', async () => {
    await eventually(async () => {
      const [row] = await stack.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, 'switch-core'));
      return row?.status === 'streaming' ? row : undefined;
    });
    await simulator.control('POST', '/_sim/devices/switch-core/heartbeat', { enabled: false });
    const down = await eventually(async () => {
      const [row] = await stack.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, 'switch-core'));
      return row?.status === 'down' && row.faultWorkflowId ? row : undefined;
    });
    expect(down.outageCount).toBe(1);
    const repairs = await eventually(async () => {
      const rows = await stack.db
        .select()
        .from(processInstances)
        .where(and(eq(processInstances.process, 'fault-repair'), sql`${processInstances.workflowId} like ${`${prefix}%switch-core%`}`));
      return rows.length > 0 ? rows : undefined;
    });
    expect(repairs.map((repair) => repair.workflowId)).toEqual([down.faultWorkflowId]);
  });
});
