import { and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { Page } from '../../contracts/common';
import type { DataChangeView, HistoryEntry } from '../../contracts/data-review';
import type { DeviceChangeProposal, DeviceChangeRequest, RegisteredDeviceListQuery, RegisteredDeviceSummary, RegisteredDeviceView } from '../../contracts/device-register';
import type { FieldFault } from '../../contracts/problem-texts';
import { dataChanges, deviceConnections, deviceHealth, devices, zones } from '../../db/schema';
import { containing } from '../../db/like-pattern';
import { sealChangeSecrets } from '../../db/sealed/records';
import { deviceSecretsOf, replacedSecretsOf, reviewDeviceChange, type DeviceSecrets, type StoredDeviceProposal } from '../../domain/device-register';
import { historyOf } from '../../domain/master-data';
import { dataReviewProcess } from '../../workflows/data-review/definition';
import type { DataReviewInput } from '../../workflows/data-review/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, notFound, unprocessable } from '../http/problem';
import { resubmitCorrection, returnedChangeOf } from './data-review';
import { startProcess } from './start-process';

type ChangeRow = typeof dataChanges.$inferSelect;

const sameChange = (row: ChangeRow, user: SessionUser, stored: StoredDeviceProposal) => row.kind === 'device' && row.makerId === user.id && row.action === stored.action && row.recordId === stored.deviceId;

/** The proposal as its draft keeps it (no secret in it), and the secrets to seal beside it (none where a change keeps the stored ones). */
function storedDeviceProposal(proposal: DeviceChangeProposal): { stored: StoredDeviceProposal; secrets: Partial<DeviceSecrets> | null } {
  if (proposal.action === 'disable') return { stored: proposal, secrets: null };
  if (proposal.action === 'create') {
    const { deviceId, device, connection } = proposal;
    return { stored: { action: 'create', deviceId, device, connection: { baseUrl: connection.baseUrl, username: connection.username, cameraChannel: connection.cameraChannel } }, secrets: deviceSecretsOf(connection) };
  }
  const { password, pushSecret, ...connection } = proposal.connection;
  const secrets = replacedSecretsOf({ password, pushSecret });
  const replaces = [...(secrets.password ? (['password'] as const) : []), ...(secrets.pushKey ? (['pushSecret'] as const) : [])];
  return { stored: { action: 'change', deviceId: proposal.deviceId, device: proposal.device, connection, replaces }, secrets: replaces.length ? secrets : null };
}

/** P5.1a: the checks that read the register, as a 422 naming each field that fails one; nothing is written. */
async function requireStandard(ctx: ApiContext, stored: StoredDeviceProposal) {
  const { checks } = await reviewDeviceChange(ctx.db, stored);
  const faults: FieldFault[] = checks.filter((check) => !check.passed).map((check) => ({ field: check.field, message: check.rule }));
  if (faults.length) throw unprocessable('change.invalid', faults);
}

/**
 * P5.1b: a device to add, change or disable, kept as a draft that changes nothing (a password or push secret entered
 * sealed at once, never stored or shown in the clear; left blank in a change, the stored one stays), and its review
 * started; idempotent on the change id. The technology department checks it; once applied a new device is reached with
 * its connection and watched by the health sweep, and a disabled one no longer is.
 */
export async function submitDeviceChange(ctx: ApiContext, user: SessionUser, request: DeviceChangeRequest): Promise<{ changeId: string; workflowId: string }> {
  const { changeId, ...proposal } = request;
  const { stored, secrets } = storedDeviceProposal(proposal as DeviceChangeProposal);
  const workflowId = dataReviewProcess.workflowId(changeId);
  const [existing] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
  if (existing && !sameChange(existing, user, stored)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
  if (!existing) {
    await requireStandard(ctx, stored);
    const now = new Date();
    const inserted = await ctx.db.transaction(async (tx) =>
      tx
        .insert(dataChanges)
        .values({
          id: changeId,
          workflowId,
          kind: 'device',
          action: stored.action,
          recordId: stored.deviceId,
          makerId: user.id,
          makerName: user.displayName,
          status: 'in-review',
          proposal: stored,
          ...(secrets ? await sealChangeSecrets(tx, changeId, secrets) : {}),
          submittedAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: dataChanges.id }),
    );
    if (!inserted.length) {
      const [raced] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
      if (!sameChange(raced, user, stored)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
    }
  }
  const input: DataReviewInput = { changeId, kind: 'device', action: stored.action, deviceId: stored.deviceId, maker: { userId: user.id, displayName: user.displayName }, timings: ctx.settings.dataReview };
  await startProcess(ctx, dataReviewProcess, { workflowId, input, title: `${stored.deviceId} 数据变更 Data change`, startedBy: user.id });
  return { changeId, workflowId };
}

/** P5.1b: the maker corrects a returned change to a device (the same action on the same device) and resubmits it; the secrets it replaces sealed anew. */
export async function correctDeviceChange(ctx: ApiContext, user: SessionUser, changeId: string, proposal: DeviceChangeProposal): Promise<DataChangeView> {
  const { row, taskId } = await returnedChangeOf(ctx, user, changeId);
  const { stored, secrets } = storedDeviceProposal(proposal);
  if (row.kind !== 'device' || stored.action !== row.action) throw unprocessable('change.invalid', [{ field: 'action', message: 'one-of', params: { values: [row.action] } }]);
  if (stored.deviceId !== row.recordId) throw unprocessable('change.invalid', [{ field: 'deviceId', message: 'one-of', params: { values: [row.recordId] } }]);
  await requireStandard(ctx, stored);
  return resubmitCorrection(ctx, user, { row, taskId, stored, seal: (tx) => secrets ? sealChangeSecrets(tx, changeId, secrets) : { dataKeyId: null, sealedIdDocument: null } });
}

/** A device's history of changes, oldest first. */
export async function deviceHistory(ctx: ApiContext, deviceId: string): Promise<{ items: HistoryEntry[] }> {
  return { items: await historyOf(ctx.db, { recordId: deviceId }) };
}

/** A registered device as administrators read it: its zone and connection, never its secrets, and its health. */
export async function getRegisteredDevice(ctx: ApiContext, deviceId: string): Promise<RegisteredDeviceView> {
  const [row] = await ctx.db
    .select({ device: devices, baseUrl: deviceConnections.baseUrl, username: deviceConnections.username, cameraChannel: deviceConnections.cameraChannel, health: deviceHealth.status, lastSeenAt: deviceHealth.lastSeenAt })
    .from(devices)
    .innerJoin(deviceConnections, eq(deviceConnections.deviceId, devices.id))
    .leftJoin(deviceHealth, eq(deviceHealth.deviceId, devices.id))
    .where(eq(devices.id, deviceId));
  if (!row) throw notFound('device.unknown', { deviceId });
  const { id, name, zoneId, system, active } = row.device;
  return { deviceId: id, name, zoneId, system, active, baseUrl: row.baseUrl, username: row.username, cameraChannel: row.cameraChannel, health: row.health ?? 'unknown', lastSeenAt: row.lastSeenAt?.toISOString() ?? null };
}

/** The device register a keyset page at a time in device-id order: by id, name or zone name, zone, system, in use or not. */
export async function listRegisteredDevices(ctx: ApiContext, query: RegisteredDeviceListQuery): Promise<Page<RegisteredDeviceSummary>> {
  const conditions: Array<SQL | undefined> = [
    query.q ? or(ilike(devices.id, containing(query.q)), ilike(devices.name, containing(query.q)), ilike(zones.name, containing(query.q))) : undefined,
    query.zoneId ? eq(devices.zoneId, query.zoneId) : undefined,
    query.system ? eq(devices.system, query.system) : undefined,
    query.active === undefined ? undefined : eq(devices.active, query.active),
    query.cursor ? gt(devices.id, query.cursor) : undefined,
  ];
  const rows = await ctx.db
    .select({ device: devices, zoneName: zones.name, health: deviceHealth.status })
    .from(devices)
    .innerJoin(zones, eq(zones.id, devices.zoneId))
    .leftJoin(deviceHealth, eq(deviceHealth.deviceId, devices.id))
    .where(and(...conditions))
    .orderBy(asc(devices.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(({ device, zoneName, health }) => ({ deviceId: device.id, name: device.name, zoneId: device.zoneId, zoneName, system: device.system, active: device.active, health: health ?? 'unknown' }));
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.deviceId : null };
}
