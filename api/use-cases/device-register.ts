import { eq } from 'drizzle-orm';
import type { DeviceChangeRequest, RegisteredDeviceView } from '../../contracts/device-register';
import type { FieldFault } from '../../contracts/problem-texts';
import { dataChanges, deviceConnections, deviceHealth, devices } from '../../db/schema';
import { sealChangeSecrets } from '../../db/sealed/records';
import { deviceSecretsOf, reviewDeviceChange, type StoredDeviceProposal } from '../../domain/device-register';
import { dataReviewProcess } from '../../workflows/data-review/definition';
import type { DataReviewInput } from '../../workflows/data-review/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, notFound, unprocessable } from '../http/problem';
import { startProcess } from './start-process';

type ChangeRow = typeof dataChanges.$inferSelect;

const sameChange = (row: ChangeRow, user: SessionUser, request: DeviceChangeRequest) => row.kind === 'device' && row.makerId === user.id && row.recordId === request.deviceId;

/**
 * P5.1b: a device to add, kept as a draft that changes nothing (its password and push secret sealed at once, never
 * stored or shown in the clear), and its review started; idempotent on the change id. The technology department
 * checks it; once applied the device is reached with its connection and watched by the health sweep.
 */
export async function submitDeviceChange(ctx: ApiContext, user: SessionUser, request: DeviceChangeRequest): Promise<{ changeId: string; workflowId: string }> {
  const { changeId, deviceId, device, connection } = request;
  const workflowId = dataReviewProcess.workflowId(changeId);
  const [existing] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
  if (existing && !sameChange(existing, user, request)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
  if (!existing) {
    const stored: StoredDeviceProposal = { action: 'create', deviceId, device, connection: { baseUrl: connection.baseUrl, username: connection.username, cameraChannel: connection.cameraChannel } };
    const { checks } = await reviewDeviceChange(ctx.db, stored);
    const faults: FieldFault[] = checks.filter((check) => !check.passed).map((check) => ({ field: check.field, message: check.rule }));
    if (faults.length) throw unprocessable('change.invalid', faults);
    const now = new Date();
    const inserted = await ctx.db.transaction(async (tx) =>
      tx
        .insert(dataChanges)
        .values({
          id: changeId,
          workflowId,
          kind: 'device',
          action: 'create',
          recordId: deviceId,
          makerId: user.id,
          makerName: user.displayName,
          status: 'in-review',
          proposal: stored,
          ...(await sealChangeSecrets(tx, changeId, deviceSecretsOf(connection))),
          submittedAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: dataChanges.id }),
    );
    if (!inserted.length) {
      const [raced] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
      if (!sameChange(raced, user, request)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
    }
  }
  const input: DataReviewInput = { changeId, kind: 'device', action: 'create', deviceId, maker: { userId: user.id, displayName: user.displayName }, timings: ctx.settings.dataReview };
  await startProcess(ctx, dataReviewProcess, { workflowId, input, title: `${deviceId} 数据变更 Data change`, startedBy: user.id });
  return { changeId, workflowId };
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
  const { id, name, zoneId, system } = row.device;
  return { deviceId: id, name, zoneId, system, baseUrl: row.baseUrl, username: row.username, cameraChannel: row.cameraChannel, health: row.health ?? 'unknown', lastSeenAt: row.lastSeenAt?.toISOString() ?? null };
}
