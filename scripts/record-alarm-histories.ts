import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { DeviceGateway } from '../api/devices/gateway';
import { installDeviceGateway } from '../api/devices/registry';
import { listen } from '../api/server';
import { signalOrStartProcess } from '../api/use-cases/start-process';
import type { Database } from '../db/client';
import { alarmIncidents } from '../db/schema';
import { pointDemoDevicesAt } from '../db/seed/devices';
import { alarmLinkageProcess } from '../workflows/alarm-linkage/definition';
import { alarmEventsSignal, type AlarmEvents } from '../workflows/alarm-linkage/messages';
import { actor, complete, openTask } from '../test/support/fault-scenarios';
import { eventually } from '../test/support/poll';
import { startDeviceSimulator } from './device-simulator/simulator';
import { recordHistories } from './history-recording';

const closedIncident = (db: Database, workflowId: string) =>
  eventually(async () => {
    const [row] = await db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId));
    return row?.status === 'closed' ? row : undefined;
  });

/** Repeats signalled one by one (distinct event ids) until the incident runs in a new run. */
async function repeatUntilContinued(client: Client, workflowId: string, nextEventId: () => number): Promise<void> {
  const handle = client.workflow.getHandle(workflowId);
  const before = (await handle.describe()).runId;
  await eventually(async () => {
    for (let signal = 0; signal < 10; signal += 1) await handle.signal(alarmEventsSignal, repeat(nextEventId()));
    return (await handle.describe()).runId !== before ? true : undefined;
  });
}

const repeat = (eventId: number): AlarmEvents => ({
  deviceId: 'cam-b2-lobby',
  activeCount: 1,
  firstSequence: null,
  lastSequence: null,
  lastOccurredAt: new Date().toISOString(),
  lastState: 'active',
  activeEventIds: [eventId],
});

/**
 * Records alarm-linkage histories into test/replay/alarm-linkage/ (npm run record-histories:alarms):
 * real device pushes from the simulator through the listener, as in production, then the human steps.
 */
recordHistories({
  setUp: async ({ ctx, db }) => {
    const gateway = installDeviceGateway(ctx, new DeviceGateway(ctx, { ...ctx.settings.devices, alarm: { acknowledgeMs: 1000, arriveOnSiteDueMs: 60_000, findingsDueMs: 60_000 } }));
    const server = await listen(ctx, 0, '127.0.0.1');
    const simulator = await startDeviceSimulator({ listenerUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/device-events`, heartbeatSeconds: 0 });
    await pointDemoDevicesAt(db, simulator.url);
    return {
      simulator,
      tearDown: async () => {
        await simulator.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await gateway.stop();
      },
    };
  },
  scenarios: {
    // 20 repeats, the detector goes quiet, nobody acknowledges: re-notified, escalated; the supervisor handles it; a real intrusion opens a repair.
    'alarm-linkage/repeats-escalated-real-repair': async ({ client, db, simulator }) => {
      const workflowId = 'alarm-z-car-park-intrusion-1';
      await fetch(`${simulator.url}/_sim/devices/pir-car-park/alarm`, { method: 'POST', body: JSON.stringify({ repeat: 20, intervalMs: 20 }) });
      await fetch(`${simulator.url}/_sim/devices/pir-car-park/alarm`, { method: 'POST', body: JSON.stringify({ repeat: 1, state: 'inactive' }) });
      const dispatch = await openTask(db, workflowId, 'dispatchGuard');
      await eventually(async () => {
        const [row] = await db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId));
        return (row?.timeline as Array<{ what: string }> | undefined)?.some((entry) => entry.what === 'escalated') ? true : undefined;
      });
      await complete(client, workflowId, dispatch.id, actor('secsup'), { acknowledged: true });
      await complete(client, workflowId, (await openTask(db, workflowId, 'arriveOnSite')).id, actor('secsup'), { onSite: true });
      await complete(client, workflowId, (await openTask(db, workflowId, 'recordFindings')).id, actor('secsup'), {
        verdict: 'real',
        actionsTaken: 'Intruder gone; fence gate secured',
        openFaultRepair: true,
        repairSymptoms: 'Fence gate lock broken',
      });
      await closedIncident(db, workflowId);
      return workflowId;
    },
    // A guard acknowledges at once and finds nothing.
    'alarm-linkage/false-alarm': async ({ client, db, simulator }) => {
      const workflowId = 'alarm-z-b1-lobby-fielddetection-1';
      await fetch(`${simulator.url}/_sim/devices/cam-b1-lobby/alarm`, { method: 'POST', body: JSON.stringify({ repeat: 3, intervalMs: 20 }) });
      await complete(client, workflowId, (await openTask(db, workflowId, 'dispatchGuard')).id, actor('guard1'), { acknowledged: true });
      await complete(client, workflowId, (await openTask(db, workflowId, 'arriveOnSite')).id, actor('guard1'), { onSite: true });
      await complete(client, workflowId, (await openTask(db, workflowId, 'recordFindings')).id, actor('guard1'), { verdict: 'false-alarm', actionsTaken: 'A cat in the lobby' });
      await closedIncident(db, workflowId);
      return workflowId;
    },
    // A detector that keeps repeating: the incident continues as new (past 100 events) while the dispatch waits (re-notified and
    // escalated across runs), then while the arrival and the findings wait. The first run and the last are recorded.
    'alarm-linkage/continued-as-new': async ({ client, db, ctx }) => {
      const workflowId = 'alarm-z-b2-lobby-fielddetection-1';
      let eventId = 0;
      const nextEventId = () => (eventId += 1);
      const input = {
        zoneId: 'z-b2-lobby',
        alarmType: 'fielddetection',
        system: 'cctv',
        firstEvent: repeat(nextEventId()),
        timings: { acknowledgeMs: 1000, arriveOnSiteDueMs: 60_000, findingsDueMs: 60_000 },
        faultRepairTimings: ctx.settings.faultRepair,
        continueAfterEvents: 100,
      };
      await signalOrStartProcess(ctx, alarmLinkageProcess, { workflowId, input, signal: alarmEventsSignal, signalArg: input.firstEvent });
      const firstRunId = (await client.workflow.getHandle(workflowId).describe()).runId;
      const dispatch = await openTask(db, workflowId, 'dispatchGuard');
      await repeatUntilContinued(client, workflowId, nextEventId);
      await eventually(async () => {
        const [row] = await db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId));
        return (row?.timeline as Array<{ what: string }> | undefined)?.some((entry) => entry.what === 'escalated') ? true : undefined;
      });
      await repeatUntilContinued(client, workflowId, nextEventId);
      await complete(client, workflowId, dispatch.id, actor('guard2'), { acknowledged: true });
      const arrival = await openTask(db, workflowId, 'arriveOnSite');
      await repeatUntilContinued(client, workflowId, nextEventId);
      await complete(client, workflowId, arrival.id, actor('guard2'), { onSite: true });
      const findings = await openTask(db, workflowId, 'recordFindings');
      await repeatUntilContinued(client, workflowId, nextEventId);
      await complete(client, workflowId, findings.id, actor('guard2'), { verdict: 'false-alarm', actionsTaken: 'Spider web over the lens' });
      await closedIncident(db, workflowId);
      return { 'alarm-linkage/continued-as-new-first-run': { workflowId, runId: firstRunId }, 'alarm-linkage/continued-as-new-last-run': workflowId };
    },
  },
});
