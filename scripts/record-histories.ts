import { eq } from 'drizzle-orm';
import { tasks, vendorContracts } from '../db/schema';
import { closeRecoveredOutageUpdate } from '../workflows/fault-repair/messages';
import { actor, complete, DIAGNOSIS, faultInput, openTask, REPAIR, startFault } from '../test/support/fault-scenarios';
import { eventually } from '../test/support/poll';
import { recordHistories } from './history-recording';

/**
 * Records one history per fault-repair path into test/replay/fault-repair/, for the replay test.
 * Run again (npm run record-histories) when a change is meant to alter histories, behind patched().
 */
recordHistories({
  setUp: async ({ db }) => {
    await db.update(vendorContracts).set({ repairSlaSeconds: 3 }).where(eq(vendorContracts.system, 'network'));
    return {};
  },
  scenarios: {
    'fault-repair/general-path': async ({ client, taskQueue, db }) => {
      const handle = await startFault(client, taskQueue, faultInput());
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'diagnoseFault')).id, actor('tech1'), DIAGNOSIS.general);
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'repairFault')).id, actor('tech1'), REPAIR);
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'verifyRepair')).id, actor('owner-zhang'), { accepted: true });
      await handle.result();
      return handle.workflowId;
    },
    'fault-repair/complex-vendor-late': async ({ client, taskQueue, db }) => {
      const handle = await startFault(client, taskQueue, faultInput({ vendorReminderMs: 1000 }, 'network'));
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'diagnoseFault')).id, actor('tech1'), DIAGNOSIS.complex);
      const vendorTask = await openTask(db, handle.workflowId, 'vendorRepair');
      // The 3-second vendor SLA passes: reminders, then the supervisor joins the task.
      await eventually(async () => {
        const [row] = await db.select().from(tasks).where(eq(tasks.id, vendorTask.id));
        return row.candidateRoles.includes('tech-supervisor') ? row : undefined;
      });
      await complete(client, handle.workflowId, vendorTask.id, actor('techsup'), REPAIR);
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'verifyRepair')).id, actor('techsup'), { accepted: true });
      await handle.result();
      return handle.workflowId;
    },
    'fault-repair/sla-breach-then-rework': async ({ client, taskQueue, db }) => {
      const handle = await startFault(client, taskQueue, faultInput({ repairSlaMs: 1500 }));
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'diagnoseFault')).id, actor('tech1'), DIAGNOSIS.general);
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'vendorRepair')).id, actor('vendor-cctv'), REPAIR);
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'verifyRepair')).id, actor('owner-zhang'), { accepted: false, comment: 'still black' });
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'vendorRepair')).id, actor('vendor-cctv'), REPAIR);
      await complete(client, handle.workflowId, (await openTask(db, handle.workflowId, 'verifyRepair')).id, actor('owner-zhang'), { accepted: true });
      await handle.result();
      return handle.workflowId;
    },
    'fault-repair/outage-closed-back-online': async ({ client, taskQueue, db }) => {
      const input = faultInput();
      input.report = {
        ...input.report,
        location: { zoneId: 'z-b2-lobby', deviceId: 'door-b2' },
        system: 'access-control',
        symptoms: '设备离线 Device down: B2 door controller (door-b2)',
        source: 'monitoring',
        reporter: { userId: null, displayName: '监控系统 Steward monitoring' },
      };
      const handle = await startFault(client, taskQueue, input);
      await openTask(db, handle.workflowId, 'diagnoseFault');
      await handle.executeUpdate(closeRecoveredOutageUpdate, { args: [{ actor: actor('tech1'), deviceName: 'B2 door controller', backOnlineAt: new Date().toISOString() }] });
      await handle.result();
      return handle.workflowId;
    },
  },
});
