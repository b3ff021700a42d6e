/**
 * MQTT under faults, 0 lost, 0 doubled, no stall: the broker restarted in the middle of a burst (a Mosquitto of
 * the test's own, its sessions on disk), and the API killed in the middle of one (its persistent session keeps
 * what arrives meanwhile; what it stored and had not signalled is the outbox's).
 */
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { alarmIncidents, deviceEvents, devices } from '../db/schema';
import { pointDemoDevicesAt } from '../db/seed/devices';
import { spawnSimulator, type SimulatorProcess } from '../scripts/device-simulator/spawn';
import { alarmLinkageProcess } from '../workflows/alarm-linkage/definition';
import { startOwnBroker, type OwnBroker } from '../scripts/dev-services/mosquitto';
import { eventually } from './support/poll';
import { spawnApi, type ApiProcess } from './support/processes';
import { startTestStack, type TestStack } from './support/stack';

let stack: TestStack & { database: { url: string } };
let broker: OwnBroker;
let simulator: SimulatorProcess;
let api: ApiProcess;
let stopWorker: () => Promise<void>;
const prefix = `q${randomUUID().slice(0, 8)}-`;
const topicPrefix = `steward-test/${prefix}`;

const startApi = () =>
  spawnApi({
    DATABASE_URL: stack.database.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: stack.taskQueue,
    STEWARD_WORKFLOW_PREFIX: prefix,
    MQTT_URL: broker.url,
    MQTT_TOPIC_PREFIX: topicPrefix,
    MQTT_CLIENT_ID: `steward-${prefix}api`,
    DEVICE_OUTBOX_SECONDS: '300ms',
    DEVICE_OUTBOX_LEASE_SECONDS: '2s',
  });

beforeAll(async () => {
  stack = await startTestStack();
  stopWorker = await stack.runWorker();
  broker = await startOwnBroker(path.join(inject('scratchDir'), `mosquitto-${prefix}`));
  api = await startApi();
  simulator = await spawnSimulator({ STEWARD_EVENTS_URL: `${api.baseUrl}/api/v1/device-events`, MQTT_URL: broker.url, MQTT_TOPIC_PREFIX: topicPrefix, HEARTBEAT_SECONDS: '0' });
  await pointDemoDevicesAt(stack.db, simulator.url);
});
afterAll(async () => {
  await simulator?.stop();
  await api?.stop();
  await broker?.stop();
  await stopWorker?.();
  await stack?.stop();
});

/** The device's stored alarms, and its incident's count once it equals them; both must equal what the device logged. */
async function settled(deviceId: string, type: string) {
  const [{ zoneId }] = await stack.db.select({ zoneId: devices.zoneId }).from(devices).where(eq(devices.id, deviceId));
  const workflowId = alarmLinkageProcess.workflowId(prefix, zoneId, type, 1);
  const logged = ((await simulator.control('GET', `/_sim/devices/${deviceId}/state`)) as { lastSerialNo: number }).lastSerialNo;
  let last: unknown = null;
  return eventually(async () => {
    const [{ stored, distinct }] = await stack.db
      .select({ stored: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct sequence)::int` })
      .from(deviceEvents)
      .where(and(eq(deviceEvents.deviceId, deviceId), eq(deviceEvents.incidentWorkflowId, workflowId)));
    const [incident] = await stack.db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId));
    last = { logged, stored, distinct, counted: incident?.repeatCount };
    return stored === logged && incident?.repeatCount === logged ? { logged, stored, distinct, counted: incident.repeatCount } : undefined;
  }, 60_000).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}: last seen ${JSON.stringify(last)}`);
  });
}

describe('MQTT device events under faults', () => {
  it('loses and doubles nothing when the broker restarts in the middle of a burst', async () => {
    const burst = simulator.control('POST', '/_sim/devices/cam-b1-lobby/alarm', { repeat: 300, intervalMs: 5, transport: 'mqtt' });
    await eventually(async () => {
      const [{ stored }] = await stack.db.select({ stored: sql<number>`count(*)::int` }).from(deviceEvents).where(eq(deviceEvents.deviceId, 'cam-b1-lobby'));
      return stored >= 50 ? true : undefined;
    });
    await broker.restart();
    await burst;
    // A device that could not publish keeps the event in its log; its next event reveals the gap, which is backfilled.
    await simulator.control('POST', '/_sim/devices/cam-b1-lobby/alarm', { repeat: 1, transport: 'mqtt' });
    const result = await settled('cam-b1-lobby', 'fielddetection');
    expect(result).toEqual({ logged: 301, stored: 301, distinct: 301, counted: 301 });
  });

  it('loses and doubles nothing when the API is killed in the middle of a burst, and takes new events after its restart', async () => {
    const burst = simulator.control('POST', '/_sim/devices/cam-b2-lobby/alarm', { repeat: 300, intervalMs: 5, transport: 'mqtt' });
    await eventually(async () => {
      const [{ stored }] = await stack.db.select({ stored: sql<number>`count(*)::int` }).from(deviceEvents).where(eq(deviceEvents.deviceId, 'cam-b2-lobby'));
      return stored >= 50 ? true : undefined;
    });
    await api.kill();
    await burst;
    api = await startApi();
    await simulator.control('POST', '/_sim/devices/cam-b2-lobby/alarm', { repeat: 1, transport: 'mqtt' });
    const result = await settled('cam-b2-lobby', 'fielddetection');
    expect(result).toEqual({ logged: 301, stored: 301, distinct: 301, counted: 301 });
  });
});
