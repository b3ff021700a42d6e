import { eq } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { DeviceGateway } from '../api/devices/gateway';
import { installDeviceGateway } from '../api/devices/registry';
import { listen } from '../api/server';
import type { Database } from '../db/client';
import { alarmIncidents } from '../db/schema';
import { pointDemoDevicesAt } from '../db/seed/devices';
import { actor, complete, openTask } from '../test/support/fault-scenarios';
import { eventually } from '../test/support/poll';
import { startDeviceSimulator } from './device-simulator/simulator';
import { recordHistories } from './history-recording';

const closedIncident = (db: Database, workflowId: string) =>
  eventually(async () => {
    const [row] = await db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId));
    return row?.status === 'closed' ? row : undefined;
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
  },
});
