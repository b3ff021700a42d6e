import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, forbidden, notFound } from '../http/problem';
import type { OutageView, RecoveredOutage, RecoveredOutageClosed } from '../../contracts/faults';
import { deviceHealth, devices, processInstances, repairRecords, zones } from '../../db/schema';
import { closeRecoveredOutageUpdate } from '../../workflows/fault-repair/messages';

/** The step an outage repair must still wait at to be closed in one click (the workflow checks it again). */
const AWAITING_DIAGNOSIS = 'diagnoseFault';

const outageColumns = {
  deviceId: devices.id,
  deviceName: devices.name,
  zoneName: zones.name,
  status: deviceHealth.status,
  statusSince: deviceHealth.statusSince,
};

const toOutage = (row: { deviceId: string; deviceName: string; zoneName: string; status: OutageView['status']; statusSince: Date }): OutageView => ({
  deviceId: row.deviceId,
  deviceName: row.deviceName,
  zoneName: row.zoneName,
  status: row.status,
  backOnlineAt: row.status === 'streaming' ? row.statusSince.toISOString() : null,
});

/** The device a repair was opened for when it went down (P3.1b), as it is now; null for any other repair. */
export async function outageOf(ctx: ApiContext, workflowId: string): Promise<OutageView | null> {
  const [row] = await ctx.db
    .select(outageColumns)
    .from(deviceHealth)
    .innerJoin(devices, eq(devices.id, deviceHealth.deviceId))
    .innerJoin(zones, eq(zones.id, devices.zoneId))
    .where(eq(deviceHealth.faultWorkflowId, workflowId));
  return row ? toOutage(row) : null;
}

/** Outage repairs still waiting for their diagnosis whose device reports again: the technicians close them in one click. */
export async function listRecoveredOutages(ctx: ApiContext): Promise<{ items: RecoveredOutage[] }> {
  const rows = await ctx.db
    .select({ ...outageColumns, workflowId: processInstances.workflowId, title: processInstances.title, startedAt: processInstances.startedAt })
    .from(deviceHealth)
    .innerJoin(devices, eq(devices.id, deviceHealth.deviceId))
    .innerJoin(zones, eq(zones.id, devices.zoneId))
    .innerJoin(processInstances, eq(processInstances.workflowId, deviceHealth.faultWorkflowId))
    .where(and(eq(deviceHealth.status, 'streaming'), eq(processInstances.status, 'running'), sql`${AWAITING_DIAGNOSIS} = any(${processInstances.currentSteps})`))
    .orderBy(desc(deviceHealth.statusSince))
    .limit(200);
  return {
    items: rows.map((row) => ({ ...toOutage(row), backOnlineAt: row.statusSince.toISOString(), workflowId: row.workflowId, title: row.title, startedAt: row.startedAt.toISOString() })),
  };
}

/** When the repair was closed because its device came back, if it was. */
async function closedAsRecovered(ctx: ApiContext, workflowId: string): Promise<string | null> {
  const [row] = await ctx.db
    .select({ closedAt: repairRecords.closedAt, data: processInstances.data })
    .from(repairRecords)
    .innerJoin(processInstances, eq(processInstances.workflowId, repairRecords.workflowId))
    .where(eq(repairRecords.workflowId, workflowId));
  return row && (row.data as { outcome?: { closedAs?: string } }).outcome?.closedAs === 'device-back-online' ? row.closedAt.toISOString() : null;
}

/**
 * A technician closes an outage repair whose device is back online (P3.1b): the diagnosis is withdrawn and a
 * repair record says nothing was repaired. Only while the device streams and the repair waits for its diagnosis;
 * sent again (a retry), the close answers as the first one did.
 */
export async function closeRecoveredOutage(ctx: ApiContext, user: SessionUser, workflowId: string): Promise<RecoveredOutageClosed> {
  const instance = await ctx.db.query.processInstances.findFirst({ where: and(eq(processInstances.workflowId, workflowId), eq(processInstances.process, 'fault-repair')) });
  if (!instance) throw notFound('outage.unknown', { workflowId });
  const outage = await outageOf(ctx, workflowId);
  if (!outage) throw conflict('outage.not-outage', { workflowId }, [{ field: 'workflowId', message: 'not-an-outage' }]);
  if (instance.status !== 'running') {
    const closedAt = await closedAsRecovered(ctx, workflowId);
    if (closedAt) return { workflowId, closedAt };
    throw conflict('outage.already-ended', { status: instance.status }, [{ field: 'status', message: 'ended' }]);
  }
  if (!outage.backOnlineAt) throw conflict('outage.still-down', { device: outage.deviceName }, [{ field: 'device', message: 'device-still-down' }]);
  try {
    return {
      workflowId,
      ...(await ctx.temporal.workflow.getHandle(workflowId).executeUpdate(closeRecoveredOutageUpdate, {
        args: [{ actor: { userId: user.id, displayName: user.displayName, roles: user.roles }, deviceName: outage.deviceName, backOnlineAt: outage.backOnlineAt }],
        updateId: `close-recovered:${workflowId}`,
      })),
    };
  } catch (error) {
    // A retry that meets the repair it closed, already ended.
    const closedAt = await closedAsRecovered(ctx, workflowId);
    if (closedAt) return { workflowId, closedAt };
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === 'NotCandidate') throw forbidden('task.not-candidate', { stepId: 'diagnoseFault' });
    // Past its diagnosis, or a repair started before one-click closing existed (no handler): it closes the usual way.
    if (cause) throw conflict('outage.past-diagnosis', [{ field: 'status', message: 'past-diagnosis' }]);
    if (error instanceof WorkflowNotFoundError) throw conflict('outage.already-ended', { status: 'ended' });
    throw error;
  }
}
