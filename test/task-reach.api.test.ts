/**
 * Every task reaches its people, and only them: a record's own tasks (GET /tasks?workflowId=), the live stream of
 * task changes (GET /tasks/stream) filtered by the worklist's rule, owners limited to their own tasks; and an outage
 * repair whose device is back online closes in one click (P3.1b).
 */
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceHealth, processInstances, repairRecords, tasks } from '../db/schema';
import type { TaskSummary } from '../contracts/tasks';
import { MAX_WORKFLOW_IDS } from '../contracts/vocabulary';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { DIAGNOSIS, openTask, REPAIR } from './support/fault-scenarios';
import { signIn, type SignedInClient } from './support/http-client';
import { eventually } from './support/poll';

const API = '/api/v1';
let stack: DeviceTestStack;

beforeAll(async () => {
  // Heartbeats every 0.5 s: a device silenced goes stale after 2 s and down after 4 s, and streams again at once.
  stack = await startDeviceTestStack({ heartbeatSeconds: 0.5 });
});
afterAll(async () => {
  await stack?.stop();
});

/** A reader of the task stream that keeps every `task` event it has received. */
async function openTaskStream(user: SignedInClient) {
  const response = await user.raw(`${API}/tasks/stream`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const received: TaskSummary[] = [];
  let ready = false;
  let buffer = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (\w+)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (event === 'ready') ready = true;
        if (event === 'task' && data) received.push(JSON.parse(data) as TaskSummary);
      }
    }
  })();
  await eventually(async () => (ready ? true : undefined));
  return {
    received,
    /** The first event that matches, once it has come. */
    next: (match: (task: TaskSummary) => boolean) => eventually(async () => received.find(match)),
    async close() {
      await reader.cancel();
      await reading.catch(() => undefined);
    },
  };
}

async function reportFault(owner: SignedInClient, symptoms: string): Promise<string> {
  const answer = await owner.post(`${API}/faults`, {
    reportId: randomUUID(),
    occurredAt: new Date().toISOString(),
    location: { buildingId: 'b1', unitId: 'b1-101' },
    system: 'cctv',
    symptoms,
  });
  expect(answer.status).toBe(201);
  return answer.body.workflowId as string;
}

describe("a record's tasks and the live worklist", () => {
  it('owners list, read and complete only their own tasks; the stream tells each user only of theirs', async () => {
    const [zhang, li, tech, techsup] = await Promise.all(['owner-zhang', 'owner-li', 'tech1', 'techsup'].map((username) => signIn(stack.baseUrl, username)));
    const [zhangStream, techStream] = await Promise.all([openTaskStream(zhang), openTaskStream(tech)]);
    try {
      const workflowId = await reportFault(zhang, 'Lobby camera shows a black image');
      // The diagnosis opens live for the technicians; the owner, no candidate, hears nothing of it.
      const diagnosis = await techStream.next((task) => task.workflowId === workflowId && task.stepId === 'diagnoseFault' && task.status === 'open');
      expect((await tech.post(`${API}/tasks/${encodeURIComponent(diagnosis.id)}/complete`, { payload: DIAGNOSIS.general })).status).toBe(200);
      const repair = await techStream.next((task) => task.workflowId === workflowId && task.stepId === 'repairFault' && task.status === 'open');
      expect((await tech.post(`${API}/tasks/${encodeURIComponent(repair.id)}/complete`, { payload: REPAIR })).status).toBe(200);

      // The verification is the reporter's (and a supervisor's): it reaches the owner live, with nothing before it.
      const verification = await zhangStream.next((task) => task.workflowId === workflowId && task.stepId === 'verifyRepair');
      expect(verification).toMatchObject({ status: 'open', candidateUsers: ['u-owner-zhang'] });
      expect(zhangStream.received.every((task) => task.candidateUsers.includes(zhang.user.id) || task.assignee === zhang.user.id)).toBe(true);

      // The fault page's question: this record's open tasks. The owner gets the verification; another owner nothing.
      const own = await zhang.get(`${API}/tasks?workflowId=${encodeURIComponent(workflowId)}`);
      expect(own.status).toBe(200);
      expect(own.body.items.map((task: TaskSummary) => task.stepId)).toEqual(['verifyRepair']);
      const mine = await zhang.get(`${API}/tasks`);
      expect(mine.body.items.every((task: TaskSummary) => task.candidateUsers.includes(zhang.user.id))).toBe(true);
      const other = await li.get(`${API}/tasks?workflowId=${encodeURIComponent(workflowId)}`);
      expect(other.body.items).toEqual([]);
      expect((await li.get(`${API}/tasks/${encodeURIComponent(verification.id)}`)).status).toBe(404);
      const refused = await li.post(`${API}/tasks/${encodeURIComponent(verification.id)}/complete`, { payload: { accepted: true } });
      expect(refused.status).toBe(404);
      // The supervisor sees it on the record too, among the technicians' finished steps only with status=all.
      const supervised = await techsup.get(`${API}/tasks?workflowId=${encodeURIComponent(workflowId)}&status=all`);
      expect(supervised.body.items.map((task: TaskSummary) => task.stepId).sort()).toEqual(['diagnoseFault', 'repairFault', 'verifyRepair']);

      // The technician never heard of the verification: a later task of theirs arrives with nothing of it before.
      const later = await reportFault(zhang, 'Car park camera flickers');
      await techStream.next((task) => task.workflowId === later && task.stepId === 'diagnoseFault');
      expect(techStream.received.filter((task) => task.stepId === 'verifyRepair')).toEqual([]);

      expect((await zhang.post(`${API}/tasks/${encodeURIComponent(verification.id)}/complete`, { payload: { accepted: true } })).status).toBe(200);
      const closed = await zhangStream.next((task) => task.id === verification.id && task.status === 'completed');
      expect(closed.completedBy).toBe(zhang.user.id);
    } finally {
      await Promise.all([zhangStream.close(), techStream.close()]);
    }
  });

  it('names the workflowId filter when it asks for too many records', async () => {
    const tech = await signIn(stack.baseUrl, 'tech1');
    const ids = Array.from({ length: MAX_WORKFLOW_IDS + 1 }, (_, index) => `fault-repair-${index}`).join(',');
    const answer = await tech.get(`${API}/tasks?workflowId=${ids}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: { field: string }) => error.field)).toContain('query.workflowId');
  });
});

describe('an outage repair whose device is back online (P3.1b)', () => {
  it('shows the device back, and a technician closes it in one click, once, while it waits for its diagnosis', async () => {
    const [tech, guard, monitor] = await Promise.all(['tech1', 'guard1', 'monitor'].map((username) => signIn(stack.baseUrl, username)));
    const health = async () => (await stack.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, 'door-b2')))[0];
    await eventually(async () => ((await health())?.status === 'streaming' ? true : undefined));
    await stack.simulator.control('POST', '/_sim/devices/door-b2/heartbeat', { enabled: false });
    const down = await eventually(async () => {
      const row = await health();
      return row.status === 'down' && row.faultWorkflowId ? row : undefined;
    });
    const workflowId = down.faultWorkflowId!;
    const diagnosis = await openTask(stack.db, workflowId, 'diagnoseFault');

    // Still down: the repair says so, and it cannot be closed as recovered.
    const stillDown = await monitor.get(`${API}/faults/${encodeURIComponent(workflowId)}`);
    expect(stillDown.body.outage).toMatchObject({ deviceId: 'door-b2', status: 'down', backOnlineAt: null });
    const early = await tech.post(`${API}/faults/${encodeURIComponent(workflowId)}/close-recovered`);
    expect(early.status).toBe(409);
    expect(early.body.errors).toEqual([{ field: 'device', message: 'the device is still down' }]);
    expect((await tech.get(`${API}/faults/recovered-outages`)).body.items.some((item: { workflowId: string }) => item.workflowId === workflowId)).toBe(false);

    await stack.simulator.control('POST', '/_sim/devices/door-b2/heartbeat', { enabled: true });
    const listed = await eventually(async () => {
      const answer = await tech.get(`${API}/faults/recovered-outages`);
      return answer.body.items.find((item: { workflowId: string }) => item.workflowId === workflowId);
    });
    expect(listed).toMatchObject({ deviceId: 'door-b2', status: 'streaming', zoneName: expect.any(String) });
    const back = await monitor.get(`${API}/faults/${encodeURIComponent(workflowId)}`);
    expect(back.body.outage.backOnlineAt).toBe(listed.backOnlineAt);

    // A guard may not close repairs; a technician does, and a retry answers the same.
    const refused = await guard.post(`${API}/faults/${encodeURIComponent(workflowId)}/close-recovered`);
    expect(refused.status).toBe(403);
    const closed = await tech.post(`${API}/faults/${encodeURIComponent(workflowId)}/close-recovered`);
    expect(closed.status).toBe(200);
    const again = await tech.post(`${API}/faults/${encodeURIComponent(workflowId)}/close-recovered`);
    expect(again).toMatchObject({ status: 200, body: closed.body });

    expect(await stack.client.workflow.getHandle(workflowId).result()).toMatchObject({ closedAs: 'device-back-online', verifiedBy: tech.user.displayName });
    const [task] = await stack.db.select().from(tasks).where(eq(tasks.id, diagnosis.id));
    expect(task.status).toBe('cancelled');
    const [record] = await stack.db.select().from(repairRecords).where(eq(repairRecords.workflowId, workflowId));
    expect(record).toMatchObject({ partsReplaced: [], timeSpentMinutes: 0, repairedBy: tech.user.displayName });
    expect(record.repairProcess).toContain(listed.backOnlineAt);
    const instance = await eventually(async () => {
      const [row] = await stack.db.select().from(processInstances).where(and(eq(processInstances.workflowId, workflowId), eq(processInstances.status, 'completed')));
      return row;
    });
    expect(instance.data).toMatchObject({ recovered: { backOnlineAt: listed.backOnlineAt, closedBy: tech.user.displayName } });
    // The diagnosis that was never needed cannot be completed any more.
    const late = await tech.post(`${API}/tasks/${encodeURIComponent(diagnosis.id)}/complete`, { payload: DIAGNOSIS.general });
    expect(late.status).toBe(409);
    expect((await tech.get(`${API}/faults/recovered-outages`)).body.items.some((item: { workflowId: string }) => item.workflowId === workflowId)).toBe(false);
  });

  it('refuses to close a repair that is no outage, or is past its diagnosis', async () => {
    const [zhang, tech] = await Promise.all(['owner-zhang', 'tech1'].map((username) => signIn(stack.baseUrl, username)));
    const workflowId = await reportFault(zhang, 'Lobby camera lens cracked');
    const answer = await tech.post(`${API}/faults/${encodeURIComponent(workflowId)}/close-recovered`);
    expect(answer.status).toBe(409);
    expect(answer.body.errors).toEqual([{ field: 'workflowId', message: 'not an outage repair' }]);
    expect((await tech.post(`${API}/faults/no-such-repair/close-recovered`)).status).toBe(404);

    // An outage repair of a streaming device, already diagnosed: it goes on to its repair and verification.
    const outage = await stack.client.workflow.start('faultRepair', {
      taskQueue: stack.taskQueue,
      workflowId: `fault-repair-device-lift-b1-${randomUUID()}`,
      args: [
        {
          report: {
            occurredAt: new Date().toISOString(),
            location: { zoneId: 'z-b1-lobby', deviceId: 'lift-b1' },
            system: 'elevator-monitoring',
            symptoms: '设备离线 Device down: B1 elevator monitor',
            source: 'monitoring',
            reporter: { userId: null, displayName: '监控系统 Steward monitoring' },
          },
          timings: stack.ctx.settings.faultRepair,
          priority: 70,
        },
      ],
    });
    await eventually(async () => ((await stack.db.select().from(deviceHealth).where(eq(deviceHealth.deviceId, 'lift-b1')))[0]?.status === 'streaming' ? true : undefined));
    await stack.db.update(deviceHealth).set({ faultWorkflowId: outage.workflowId }).where(eq(deviceHealth.deviceId, 'lift-b1'));
    const diagnosis = await openTask(stack.db, outage.workflowId, 'diagnoseFault');
    expect((await tech.post(`${API}/tasks/${encodeURIComponent(diagnosis.id)}/complete`, { payload: DIAGNOSIS.general })).status).toBe(200);
    await eventually(async () => {
      const [row] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, outage.workflowId));
      return row && !row.currentSteps.includes('diagnoseFault') ? row : undefined;
    });
    const past = await tech.post(`${API}/faults/${encodeURIComponent(outage.workflowId)}/close-recovered`);
    expect(past.status).toBe(409);
    expect(past.body.errors).toEqual([{ field: 'status', message: 'past its diagnosis' }]);
    await openTask(stack.db, outage.workflowId, 'repairFault');
    await outage.terminate('test done');
  });
});
