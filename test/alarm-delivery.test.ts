/**
 * No alarm lost, none counted twice, at the edges around the workflows: the API killed between storing an event
 * and signalling it (the outbox delivers it), a signal that reached Temporal but whose answer never came back
 * (delivered twice, counted once), and a device whose serial numbers start again after a reset.
 */
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { alarmIncidents, deviceEvents, deviceHealth, devices, tasks } from '../db/schema';
import { DEMO_DEVICES } from '../db/seed/demo-devices';
import { alarmLinkageProcess } from '../workflows/alarm-linkage/definition';
import { spawnApi, type ApiProcess } from './support/processes';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { signIn } from './support/http-client';
import { eventually } from './support/poll';
import { startTestStack, type TestStack } from './support/stack';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

/** Pushes one alarm as the device would (HTTP Basic with its push secret); the answer is not awaited by the caller. */
function pushAlarm(baseUrl: string, deviceId: string, serialNo: number, signal?: AbortSignal) {
  const device = DEMO_DEVICES.find((candidate) => candidate.id === deviceId)!;
  return fetch(`${baseUrl}/api/v1/device-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${device.id}:${device.pushSecret}`).toString('base64')}` },
    body: JSON.stringify({ eventType: device.alarmType, eventState: 'active', serialNo, dateTime: new Date().toISOString(), majorEventType: 1 }),
    signal,
  });
}

describe('the outbox: an alarm stored is signalled, whatever happens to the API', () => {
  let stack: TestStack & { database: { url: string } };
  let proxy: TcpProxy;
  let stopWorker: () => Promise<void>;
  const prefix = `o${randomUUID().slice(0, 8)}-`;
  const apis: ApiProcess[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    stopWorker = await stack.runWorker();
    proxy = await startTcpProxy(inject('temporalAddress'));
  });
  afterAll(async () => {
    for (const api of apis) await api.kill();
    await proxy?.stop();
    await stopWorker?.();
    await stack?.stop();
  });

  /** The API as its own process, reaching Temporal through the proxy; a short outbox lease, so recovery is quick. */
  async function startApi(): Promise<ApiProcess> {
    const api = await spawnApi({
      DATABASE_URL: stack.database.url,
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      STEWARD_WORKFLOW_PREFIX: prefix,
      DEVICE_OUTBOX_SECONDS: '200ms',
      DEVICE_OUTBOX_LEASE_SECONDS: '1s',
      ALARM_ACK_SECONDS: '60s',
    });
    apis.push(api);
    await eventually(async () => ((await fetch(`${api.baseUrl}/readyz`)).status === 200 ? true : undefined));
    return api;
  }

  const zoneOf = async (deviceId: string) => (await stack.db.select({ zoneId: devices.zoneId }).from(devices).where(eq(devices.id, deviceId)))[0].zoneId;
  const storedPending = (deviceId: string) =>
    eventually(async () => {
      const [row] = await stack.db.select().from(deviceEvents).where(eq(deviceEvents.deviceId, deviceId));
      return row?.incidentWorkflowId === 'pending' ? row : undefined;
    });
  const counted = (workflowId: string, count: number) =>
    eventually(async () => {
      const [row] = await stack.db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId));
      return row?.repeatCount === count ? row : undefined;
    }, 30_000);
  const signalsOf = async (workflowId: string) => {
    const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? []).filter((event) => event.workflowExecutionSignaledEventAttributes).length;
  };

  it('an alarm stored when the API is killed before its signal reaches Temporal opens its incident after the restart, counted once', async () => {
    const deviceId = 'cam-gate';
    const workflowId = alarmLinkageProcess.workflowId(prefix, await zoneOf(deviceId), 'linedetection', 1);
    const first = await startApi();
    // The network to Temporal stalls: the signal never leaves. The device is answered once its event is stored.
    proxy.hold('requests');
    const answer = await pushAlarm(first.baseUrl, deviceId, 1);
    expect(answer.status).toBe(200);
    await storedPending(deviceId);
    await first.kill();
    proxy.release();

    await startApi();
    await counted(workflowId, 1);
    const events = await stack.db.select().from(deviceEvents).where(eq(deviceEvents.deviceId, deviceId));
    expect(events.map((event) => [event.sequence, event.incidentWorkflowId])).toEqual([[1, workflowId]]);
    // The outbox's signal, and the held one too when the proxy lets it through on release: counted once either way.
    expect(await signalsOf(workflowId)).toBeGreaterThanOrEqual(1);
  });

  it('an alarm whose signal reached Temporal but whose answer was lost with the API is delivered again and counted once, by the console and the incident', async () => {
    const deviceId = 'pir-car-park';
    const workflowId = alarmLinkageProcess.workflowId(prefix, await zoneOf(deviceId), 'intrusion', 1);
    const first = await startApi();
    // The signal goes through; its answer never comes back.
    proxy.hold('replies');
    const abort = new AbortController();
    const push = pushAlarm(first.baseUrl, deviceId, 1, abort.signal).catch((error: unknown) => error);
    await storedPending(deviceId);
    await eventually(async () => {
      const description = await stack.client.workflow
        .getHandle(workflowId)
        .describe()
        .catch(() => undefined);
      return description?.status.name === 'RUNNING' ? true : undefined;
    });
    await first.kill();
    abort.abort();
    await push;
    proxy.release();

    const second = await startApi();
    await counted(workflowId, 1);
    // Delivered twice (the signal with the start, then the outbox's), counted once.
    await eventually(async () => ((await signalsOf(workflowId)) === 2 ? true : undefined));
    const outcome = await closeIncident(second.baseUrl, workflowId);
    expect(outcome).toMatchObject({ verdict: 'false-alarm', repeatCount: 1 });
  });

  /** The guard acknowledges, arrives and records a false alarm; the incident's own outcome (its count from the signals). */
  async function closeIncident(baseUrl: string, workflowId: string) {
    for (const [stepId, payload] of [
      ['dispatchGuard', { acknowledged: true }],
      ['arriveOnSite', { onSite: true }],
      ['recordFindings', { verdict: 'false-alarm', actionsTaken: 'checked the car park, nobody there', openFaultRepair: false }],
    ] as const) {
      const task = await eventually(async () => {
        const [row] = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));
        return row;
      });
      const person = await signIn(baseUrl, task.candidateUsers[0]?.replace(/^u-/, '') ?? 'secsup');
      expect((await person.post(`/api/v1/tasks/${task.id}/complete`, { payload })).status).toBe(200);
    }
    const closed = await eventually(async () => {
      const [row] = await stack.db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId));
      return row?.status === 'closed' ? row : undefined;
    });
    return closed.outcome;
  }
});

describe('a device whose numbering starts again', () => {
  let stack: DeviceTestStack;
  beforeAll(async () => {
    stack = await startDeviceTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('after a reset its alarms are new events of a new epoch, the health record shows the restart, and an old resend is still a duplicate', async () => {
    const deviceId = 'lift-b1';
    const zoneId = (await stack.db.select({ zoneId: devices.zoneId }).from(devices).where(eq(devices.id, deviceId)))[0].zoneId;
    const workflowId = alarmLinkageProcess.workflowId(stack.settings.workflowIdPrefix, zoneId, 'liftTrapped', 1);
    const count = (expected: number) =>
      eventually(async () => {
        const [row] = await stack.db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId));
        return row?.repeatCount === expected ? row : undefined;
      });
    expect((await stack.simulator.control('POST', `/_sim/devices/${deviceId}/alarm`, { repeat: 3 })).delivered).toBe(3);
    await count(3);
    const before = (await stack.simulator.control('GET', `/_sim/devices/${deviceId}/events`)) as Array<{ serialNo: number; time: string }>;

    await stack.simulator.control('POST', `/_sim/devices/${deviceId}/reset`);
    // Numbers 1 and 2 again, later events: new, not duplicates of the old 1 and 2.
    expect((await stack.simulator.control('POST', `/_sim/devices/${deviceId}/alarm`, { repeat: 2, transport: 'mqtt' })).delivered).toBe(2);
    await count(5);
    const [health] = await stack.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, deviceId));
    expect(health.epoch).toBe(1);
    expect(health.restartedAt).not.toBeNull();
    expect([health.highestSequence, health.contiguousSequence]).toEqual([2, 2]);
    const monitor = await signIn(stack.baseUrl, 'monitor');
    const listed = await monitor.get('/api/v1/console/devices');
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((item: { deviceId: string }) => item.deviceId === deviceId)).toMatchObject({ restarts: 1, restartedAt: health.restartedAt!.toISOString() });

    // The device's resend of an event from before the reset (its own time again) is a duplicate, in any epoch.
    const secret = DEMO_DEVICES.find((device) => device.id === deviceId)!.pushSecret;
    const resend = await fetch(`${stack.baseUrl}/api/v1/device-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${deviceId}:${secret}`).toString('base64')}` },
      body: JSON.stringify({ eventType: 'liftTrapped', eventState: 'active', serialNo: 1, dateTime: before[0].time, majorEventType: 1 }),
    });
    expect(await resend.json()).toMatchObject({ status: 'duplicate', sequence: 1 });
    // So is a resend of the new run's number 2 (over MQTT too); a marker event after them shows they were processed.
    await stack.simulator.control('POST', `/_sim/devices/${deviceId}/resend`, { fromSequence: 2, toSequence: 2, transport: 'mqtt' });
    await stack.simulator.control('POST', `/_sim/devices/${deviceId}/alarm`, { repeat: 1, transport: 'mqtt' });
    await count(6);
    const rows = await stack.db
      .select({ epoch: deviceEvents.epoch, sequence: deviceEvents.sequence })
      .from(deviceEvents)
      .where(eq(deviceEvents.deviceId, deviceId))
      .orderBy(deviceEvents.id);
    // Sorted: the instance's MQTT sessions store a device's events side by side, not always in their order.
    expect(rows.map((row) => `${row.epoch}:${row.sequence}`).sort()).toEqual(['0:1', '0:2', '0:3', '1:1', '1:2', '1:3']);
    const [{ total }] = await stack.db.select({ total: sql<number>`count(*)::int` }).from(alarmIncidents).where(eq(alarmIncidents.zoneId, zoneId));
    expect(total).toBe(1);
  });
});
