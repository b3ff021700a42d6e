import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmIncidents, deviceEvents, notifications, processInstances, stepEvents, tasks } from '../db/schema';
import { DEMO_DEVICES } from '../db/seed/demo-devices';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { signIn } from './support/http-client';
import { eventually } from './support/poll';

let stack: DeviceTestStack;

beforeAll(async () => {
  stack = await startDeviceTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const incidentId = (zoneId: string, type: string, n = 1) => `${stack.settings.workflowIdPrefix}alarm-${zoneId}-${type}-${n}`;

async function incident(workflowId: string) {
  const [row] = await stack.db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId));
  return row;
}

const timelineOf = (row: typeof alarmIncidents.$inferSelect) => (row.timeline as Array<{ what: string }>).map((entry) => entry.what);

async function openTask(workflowId: string, stepId: string) {
  return eventually(async () => {
    const [task] = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));
    return task;
  });
}

describe('alarm linkage over the wire (simulator → listener/MQTT → incident)', () => {
  it('folds 100 repeats of one zone alarm into one incident with count 100, cameras called up and the guard dispatched', async () => {
    const pushed = await stack.simulator.control('POST', '/_sim/devices/cam-b1-lobby/alarm', { repeat: 100, intervalMs: 5 });
    expect(pushed.delivered).toBe(100);
    const workflowId = incidentId('z-b1-lobby', 'fielddetection');
    await eventually(async () => {
      const current = await incident(workflowId);
      return current?.repeatCount === 100 ? current : undefined;
    });
    const [{ incidents }] = await stack.db
      .select({ incidents: sql<number>`count(*)::int` })
      .from(alarmIncidents)
      .where(and(eq(alarmIncidents.zoneId, 'z-b1-lobby'), eq(alarmIncidents.alarmType, 'fielddetection')));
    expect(incidents).toBe(1);
    const [{ events }] = await stack.db
      .select({ events: sql<number>`count(*)::int` })
      .from(deviceEvents)
      .where(and(eq(deviceEvents.deviceId, 'cam-b1-lobby'), eq(deviceEvents.incidentWorkflowId, workflowId)));
    expect(events).toBe(100);

    const dispatch = await openTask(workflowId, 'dispatchGuard');
    // The zone's first guard (the escalation may already have added the next one on a loaded machine).
    expect(dispatch.candidateUsers[0]).toBe('u-guard1');
    const withCameras = await eventually(async () => {
      const current = await incident(workflowId);
      return timelineOf(current).includes('cameras-shown') ? current : undefined;
    });
    const cameras = withCameras.cameras as Array<{ deviceId: string; streamUrl: string; calledUpAt: string | null }>;
    expect(cameras.map((camera) => camera.deviceId)).toEqual(['cam-b1-lobby']);
    expect(cameras[0].streamUrl).toMatch(/^rtsp:\/\/.+\/Streaming\/Channels\/101$/);
    expect(cameras[0].calledUpAt).not.toBeNull();
    expect(timelineOf(withCameras)).toEqual(expect.arrayContaining(['detected', 'dispatched', 'cameras-shown']));
    // The first moments' step events are written together (one local activity), each with its own place in order.
    const firstMoments = await eventually(async () => {
      const rows = await stack.db.select().from(stepEvents).where(eq(stepEvents.workflowId, workflowId)).orderBy(asc(stepEvents.seq));
      return rows.length >= 3 ? rows : undefined;
    });
    expect(firstMoments.slice(0, 3).map((row) => [row.seq, row.stepId, row.event])).toEqual([
      [1, 'alarmDetected', 'completed'],
      [2, 'dispatchGuard', 'entered'],
      [3, 'callUpCameras', 'completed'],
    ]);

    // The guard sees it in the worklist; the console serves the snapshot with the camera's credentials.
    const guard = await signIn(stack.baseUrl, 'guard1');
    const worklist = await guard.get('/api/v1/tasks');
    expect(worklist.body.items.map((task: { id: string }) => task.id)).toContain(dispatch.id);
    const monitor = await signIn(stack.baseUrl, 'monitor');
    const snapshot = await fetch(`${stack.baseUrl}/api/v1/devices/cam-b1-lobby/snapshot`, { headers: { cookie: await cookieOf('monitor') } });
    expect(snapshot.status).toBe(200);
    expect(snapshot.headers.get('content-type')).toBe('image/jpeg');
    const listed = await monitor.get('/api/v1/console/incidents?scope=open');
    expect(listed.body.items.find((item: { workflowId: string }) => item.workflowId === workflowId)).toMatchObject({ repeatCount: 100, status: 'dispatched', dispatchTaskId: dispatch.id });
  });

  it('drops duplicates on (device, sequence), whether resent over HTTP or MQTT', async () => {
    const pushed = await stack.simulator.control('POST', '/_sim/devices/cam-b2-lobby/alarm', { repeat: 5, intervalMs: 5, transport: 'mqtt' });
    expect(pushed.delivered).toBe(5);
    const workflowId = incidentId('z-b2-lobby', 'fielddetection');
    await eventually(async () => ((await incident(workflowId))?.repeatCount === 5 ? true : undefined));
    const http = await stack.simulator.control('POST', '/_sim/devices/cam-b2-lobby/resend', { fromSequence: 1, toSequence: 5, transport: 'http' });
    const mqtt = await stack.simulator.control('POST', '/_sim/devices/cam-b2-lobby/resend', { fromSequence: 1, toSequence: 5, transport: 'mqtt' });
    expect(http.delivered).toBe(5);
    expect(mqtt.delivered).toBe(5);
    // A marker event after the resends: once it is counted, every resend before it has been processed.
    await stack.simulator.control('POST', '/_sim/devices/cam-b2-lobby/alarm', { repeat: 1, transport: 'mqtt' });
    await eventually(async () => ((await incident(workflowId))?.repeatCount === 6 ? true : undefined));
    const rows = await stack.db.select({ sequence: deviceEvents.sequence }).from(deviceEvents).where(eq(deviceEvents.deviceId, 'cam-b2-lobby')).orderBy(deviceEvents.sequence);
    expect(rows.map((row) => row.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    // A duplicate pushed straight at the listener (the device's own time again) is answered as one, not stored again.
    const secret = DEMO_DEVICES.find((device) => device.id === 'cam-b2-lobby')!.pushSecret;
    const logged = (await stack.simulator.control('GET', '/_sim/devices/cam-b2-lobby/events')) as Array<{ serialNo: number; time: string }>;
    const third = logged.find((event) => event.serialNo === 3)!;
    const again = await pushRaw('cam-b2-lobby', secret, { eventType: 'fielddetection', eventState: 'active', serialNo: 3, dateTime: third.time });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'duplicate', sequence: 3 });
  });

  it('escalates an unacknowledged dispatch: re-notify the guard, then the next guard and the security supervisor', async () => {
    await stack.simulator.control('POST', '/_sim/devices/cam-gate/alarm', { repeat: 1 });
    const workflowId = incidentId('z-main-gate', 'linedetection');
    const dispatch = await openTask(workflowId, 'dispatchGuard');
    expect(dispatch.candidateUsers[0]).toBe('u-guard2');
    const escalated = await eventually(async () => {
      const current = await incident(workflowId);
      return current && timelineOf(current).includes('escalated') ? current : undefined;
    }, 30_000);
    const timeline = timelineOf(escalated);
    expect(timeline.indexOf('re-notified')).toBeGreaterThan(timeline.indexOf('dispatched'));
    expect(timeline.indexOf('escalated')).toBeGreaterThan(timeline.indexOf('re-notified'));
    const [widened] = await stack.db.select().from(tasks).where(eq(tasks.id, dispatch.id));
    expect(widened.candidateUsers).toEqual(['u-guard2', 'u-guard1']);
    expect(widened.candidateRoles).toEqual(['security-supervisor']);
    const sent = await stack.db.select().from(notifications).where(eq(notifications.workflowId, workflowId));
    expect(sent.map((notification) => notification.dedupeKey.split('.').pop())).toEqual(expect.arrayContaining(['dispatch', '1', 'escalated']));

    // The supervisor may now acknowledge; the console shows who did.
    const secsup = await signIn(stack.baseUrl, 'secsup');
    const acknowledged = await secsup.post(`/api/v1/tasks/${dispatch.id}/complete`, { payload: { acknowledged: true } });
    expect(acknowledged.status).toBe(200);
    await eventually(async () => {
      const current = await incident(workflowId);
      return current?.status === 'acknowledged' && current.assignedGuard === 'u-secsup' ? true : undefined;
    });
  });

  it('keeps an alarm latched when the detector goes inactive, until a person records the findings; a real one opens a repair', async () => {
    await stack.simulator.control('POST', '/_sim/devices/pir-car-park/alarm', { repeat: 3, format: 'xml' });
    const workflowId = incidentId('z-car-park', 'intrusion');
    await eventually(async () => ((await incident(workflowId))?.repeatCount === 3 ? true : undefined));
    await stack.simulator.control('POST', '/_sim/devices/pir-car-park/alarm', { repeat: 2, state: 'inactive', format: 'xml' });
    const quiet = await eventually(async () => {
      const current = await incident(workflowId);
      return current?.detectorState === 'inactive' && current.status === 'dispatched' ? current : undefined;
    });
    expect(quiet.repeatCount).toBe(3);
    expect(quiet.closedAt).toBeNull();
    const description = await stack.client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('RUNNING');

    const guard = await signIn(stack.baseUrl, 'guard2');
    const dispatch = await openTask(workflowId, 'dispatchGuard');
    expect((await guard.post(`/api/v1/tasks/${dispatch.id}/complete`, { payload: { acknowledged: true } })).status).toBe(200);
    const arrival = await openTask(workflowId, 'arriveOnSite');
    expect((await guard.post(`/api/v1/tasks/${arrival.id}/complete`, { payload: { onSite: true } })).status).toBe(200);
    const findings = await openTask(workflowId, 'recordFindings');
    const invalid = await guard.post(`/api/v1/tasks/${findings.id}/complete`, { payload: { verdict: 'false-alarm', actionsTaken: 'checked', openFaultRepair: true, repairSymptoms: 'broken fence' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([{ field: 'payload.openFaultRepair', message: 'only a real incident opens a repair' }]);
    const done = await guard.post(`/api/v1/tasks/${findings.id}/complete`, {
      payload: { verdict: 'real', actionsTaken: 'Intruder left through the fence; fence gate secured', openFaultRepair: true, repairSymptoms: 'Car park fence gate lock broken' },
    });
    expect(done.status).toBe(200);
    const closed = await eventually(async () => {
      const current = await incident(workflowId);
      return current?.status === 'closed' ? current : undefined;
    });
    expect(timelineOf(closed)).toEqual(['detected', 'dispatched', 'cameras-shown', 'acknowledged', 'on-site', 'findings', 'repair-opened', 'closed']);
    expect(closed.outcome).toMatchObject({ verdict: 'real', repeatCount: 3, faultRepairWorkflowId: `fault-repair-${workflowId}` });
    await eventually(async () => {
      const [repair] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, `fault-repair-${workflowId}`));
      return repair?.process === 'fault-repair' ? repair : undefined;
    });

    // The same detector again after the incident was handled: a new incident, not a reopened one.
    await stack.simulator.control('POST', '/_sim/devices/pir-car-park/alarm', { repeat: 1 });
    await eventually(async () => ((await incident(incidentId('z-car-park', 'intrusion', 2)))?.repeatCount === 1 ? true : undefined));
  });

  it("runs the simulator's named scenarios: a repeating zone alarm, payloads with empty fields", async () => {
    expect(await stack.simulator.control('POST', '/_sim/scenarios/zone-alarm', { device: 'door-b2', repeat: 5, intervalMs: 50 })).toEqual({ scenario: 'zone-alarm', started: true });
    await eventually(async () => ((await incident(incidentId('z-b2-lobby', 'doorForcedOpen')))?.repeatCount === 5 ? true : undefined));
    await stack.simulator.control('POST', '/_sim/scenarios/empty-fields', { device: 'door-b1' });
    // Empty serial and time: stored without a sequence; empty event type: refused, nothing stored.
    const rows = await eventually(async () => {
      const stored = await stack.db.select().from(deviceEvents).where(eq(deviceEvents.deviceId, 'door-b1')).orderBy(deviceEvents.id);
      return stored.length === 2 ? stored : undefined;
    });
    expect(rows.map((row) => [row.sequence, row.type, row.state])).toEqual([
      [null, 'doorForcedOpen', 'active'],
      [1, 'doorForcedOpen', 'active'],
    ]);
    await eventually(async () => ((await incident(incidentId('z-b1-lobby', 'doorForcedOpen')))?.repeatCount === 2 ? true : undefined));
  });

  it('refuses unauthenticated pushes and names the empty field of a malformed one; tolerates empty optional fields', async () => {
    const secret = DEMO_DEVICES.find((device) => device.id === 'lift-b1')!.pushSecret;
    const wrong = await pushRaw('lift-b1', 'not-the-secret', { eventType: 'liftTrapped', serialNo: 1 });
    expect(wrong.status).toBe(401);
    const empty = await pushRaw('lift-b1', secret, { eventType: '', eventState: 'active', serialNo: 1 });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ field: 'eventType', message: 'required' }]);
    const badSerial = await pushRaw('lift-b1', secret, { eventType: 'liftTrapped', serialNo: 'x' });
    expect(badSerial.body.errors).toEqual([{ field: 'serialNo', message: 'must be an integer ≥ 1' }]);
    const notXml = await fetch(`${stack.baseUrl}/api/v1/device-events`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: basic('lift-b1', secret) }, body: '<nope' });
    expect(notXml.status).toBe(400);
    // Empty time, channel and serial number: accepted, timed on arrival, stored without a sequence.
    const sparse = await stack.simulator.control('POST', '/_sim/devices/lift-b1/raw', {
      alert: { eventType: 'liftTrapped', eventState: '', dateTime: '', channelID: '', serialNo: '', deviceID: '' },
      format: 'xml',
    });
    expect(sparse.delivered).toBe(true);
    const stored = await eventually(async () => {
      const [row] = await stack.db.select().from(deviceEvents).where(eq(deviceEvents.deviceId, 'lift-b1'));
      return row;
    });
    expect(stored).toMatchObject({ sequence: null, state: 'active', type: 'liftTrapped', channel: null, kind: 'alarm' });
    await eventually(async () => ((await incident(incidentId('z-b1-lobby', 'liftTrapped')))?.repeatCount === 1 ? true : undefined));
  });
});

const basic = (deviceId: string, secret: string) => `Basic ${Buffer.from(`${deviceId}:${secret}`).toString('base64')}`;

async function pushRaw(deviceId: string, secret: string, alert: Record<string, unknown>) {
  const response = await fetch(`${stack.baseUrl}/api/v1/device-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basic(deviceId, secret) },
    body: JSON.stringify(alert),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function cookieOf(username: string): Promise<string> {
  const response = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'steward-demo' }),
  });
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}
