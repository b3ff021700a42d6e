import { ApplicationFailure } from '@temporalio/activity';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { deviceConnections, devices } from '../../db/schema';
import { openDeviceSecrets } from '../../db/sealed/records';
import { DeviceCommandError, type DeviceConnection } from './device-adapter';

/** A device's connection row, its admin password opened from its seal; or a non-retryable `UnknownDevice` failure. */
export async function loadDeviceConnection(db: Database, deviceId: string): Promise<DeviceConnection> {
  const [row] = await db.select().from(deviceConnections).where(eq(deviceConnections.deviceId, deviceId));
  if (!row) throw ApplicationFailure.create({ type: 'UnknownDevice', message: `no connection data for device ${deviceId}`, nonRetryable: true });
  const { password } = await openDeviceSecrets(db, row);
  return { deviceId: row.deviceId, baseUrl: row.baseUrl, username: row.username, password, protocol: row.protocol };
}

/** The zone's cameras with their connection and the channel to call up (P4.2c). */
export async function zoneCameras(db: Database, zoneId: string): Promise<Array<DeviceConnection & { channel: number; name: string }>> {
  const rows = await db
    .select({ connection: deviceConnections, name: devices.name })
    .from(devices)
    .innerJoin(deviceConnections, eq(deviceConnections.deviceId, devices.id))
    .where(and(eq(devices.zoneId, zoneId), eq(devices.system, 'cctv')))
    .orderBy(asc(devices.id));
  return Promise.all(
    rows.map(async ({ connection, name }) => ({
      deviceId: connection.deviceId,
      baseUrl: connection.baseUrl,
      username: connection.username,
      password: (await openDeviceSecrets(db, connection)).password,
      protocol: connection.protocol,
      channel: connection.cameraChannel,
      name,
    })),
  );
}

/**
 * Runs a device command inside an activity: an unreachable or misbehaving device is retried by
 * Temporal; wrong credentials or a refused command will not get better, so they fail at once, typed.
 */
export async function asActivity<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof DeviceCommandError) {
      const retryable = error.type === 'DeviceUnreachable' || error.type === 'DeviceBadResponse';
      throw ApplicationFailure.create({ type: error.type, message: error.message, nonRetryable: !retryable });
    }
    throw error;
  }
}
