import { and, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DeviceHealthView, IncidentView } from '../../contracts/console';
import { deviceConnections, deviceHealth, devices, alarmIncidents, users, zones } from '../../db/schema';
import { loadDeviceConnection } from '../../integrations/devices/connections';
import { adapterFor } from '../../integrations/devices/isapi-adapter';
import { DeviceCommandError } from '../../integrations/devices/device-adapter';
import { assignGuardUpdate } from '../../workflows/alarm-linkage/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { HttpProblem, notFound, unprocessable, conflict } from '../http/problem';


const guardUser = alias(users, 'guard_user');

function incidentQuery(ctx: ApiContext) {
  return ctx.db
    .select({ incident: alarmIncidents, zoneName: zones.name, guardName: guardUser.displayName })
    .from(alarmIncidents)
    .innerJoin(zones, eq(zones.id, alarmIncidents.zoneId))
    .leftJoin(guardUser, eq(guardUser.id, alarmIncidents.assignedGuard));
}

function toIncidentView(row: { incident: typeof alarmIncidents.$inferSelect; zoneName: string; guardName: string | null }): IncidentView {
  const { incident } = row;
  return {
    workflowId: incident.workflowId,
    zoneId: incident.zoneId,
    zoneName: row.zoneName,
    alarmType: incident.alarmType,
    status: incident.status,
    repeatCount: incident.repeatCount,
    detectorState: incident.detectorState,
    openedAt: incident.openedAt.toISOString(),
    lastEventAt: incident.lastEventAt.toISOString(),
    assignedGuard: incident.assignedGuard ? { id: incident.assignedGuard, name: row.guardName ?? incident.assignedGuard } : null,
    dispatchTaskId: incident.status === 'dispatched' ? incident.dispatchTaskId : null,
    cameras: incident.cameras as IncidentView['cameras'],
    timeline: incident.timeline as IncidentView['timeline'],
    outcome: incident.outcome,
    closedAt: incident.closedAt?.toISOString() ?? null,
  };
}

export async function listIncidents(ctx: ApiContext, scope: 'open' | 'recent' = 'recent', ids?: string[]): Promise<IncidentView[]> {
  const recent = sql`${alarmIncidents.closedAt} > now() - interval '1 hour'`;
  const where = ids ? inArray(alarmIncidents.workflowId, ids) : scope === 'open' ? ne(alarmIncidents.status, 'closed') : or(ne(alarmIncidents.status, 'closed'), recent);
  const rows = await incidentQuery(ctx).where(where).orderBy(desc(alarmIncidents.openedAt)).limit(200);
  return rows.map(toIncidentView);
}

export async function getIncident(ctx: ApiContext, workflowId: string): Promise<IncidentView> {
  const [row] = await incidentQuery(ctx).where(eq(alarmIncidents.workflowId, workflowId));
  if (!row) throw notFound('incident.unknown', { workflowId });
  return toIncidentView(row);
}

export async function listDeviceHealth(ctx: ApiContext, ids?: string[]): Promise<DeviceHealthView[]> {
  const rows = await ctx.db
    .select({ health: deviceHealth, name: devices.name, zoneId: devices.zoneId, zoneName: zones.name, system: devices.system })
    .from(deviceHealth)
    .innerJoin(devices, eq(devices.id, deviceHealth.deviceId))
    .innerJoin(zones, eq(zones.id, devices.zoneId))
    .where(ids ? inArray(deviceHealth.deviceId, ids) : undefined)
    .orderBy(devices.zoneId, devices.id);
  return rows.map(({ health, ...device }) => ({
    deviceId: health.deviceId,
    ...device,
    status: health.status,
    lastSeenAt: health.lastSeenAt?.toISOString() ?? null,
    statusSince: health.statusSince.toISOString(),
    faultWorkflowId: health.faultWorkflowId,
    restarts: health.epoch,
    restartedAt: health.restartedAt?.toISOString() ?? null,
  }));
}

export async function listGuards(ctx: ApiContext) {
  return ctx.db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.active, true), sql`'guard' = any(${users.roles})`))
    .orderBy(users.username);
}

/** P4.2c: the control room sends a guard of its choice; the guard joins the dispatch and is notified. */
export async function assignGuard(ctx: ApiContext, user: SessionUser, workflowId: string, guardUserId: string): Promise<IncidentView> {
  const incident = await getIncident(ctx, workflowId);
  const [guard] = await ctx.db.select().from(users).where(and(eq(users.id, guardUserId), eq(users.active, true)));
  if (!guard || !guard.roles.includes('guard')) throw unprocessable('incident.not-a-guard', [{ field: 'guardUserId', message: 'no-such-guard' }]);
  if (incident.status !== 'open' && incident.status !== 'dispatched') {
    throw conflict('incident.closed', { status: incident.status }, [{ field: 'workflowId', message: 'incident-closed', params: { status: incident.status } }]);
  }
  await ctx.temporal.workflow.getHandle(workflowId).executeUpdate(assignGuardUpdate, {
    args: [{ guardUserId, actor: { userId: user.id, displayName: user.displayName } }],
  });
  return getIncident(ctx, workflowId);
}

/** A camera's snapshot, fetched with the device's credentials (browsers cannot do Digest for the device). */
export async function cameraSnapshot(ctx: ApiContext, deviceId: string): Promise<Uint8Array> {
  const [camera] = await ctx.db
    .select({ channel: deviceConnections.cameraChannel })
    .from(devices)
    .innerJoin(deviceConnections, eq(deviceConnections.deviceId, devices.id))
    .where(and(eq(devices.id, deviceId), eq(devices.system, 'cctv')));
  if (!camera) throw notFound('device.unknown-camera', { deviceId });
  const connection = await loadDeviceConnection(ctx.db, deviceId);
  try {
    return await adapterFor(connection).snapshot(connection, camera.channel);
  } catch (error) {
    if (error instanceof DeviceCommandError) throw new HttpProblem(502, 'device.command-failed', { deviceId, reason: error.message });
    throw error;
  }
}
