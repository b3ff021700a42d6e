import type { Database } from '../db/client';
import { deviceConnections, deviceFirmware } from '../db/schema';
import { DeviceCommandError, type DeviceAdapter, type DeviceInfo } from '../integrations/devices/device-adapter';
import { loadDeviceConnection } from '../integrations/devices/connections';
import { adapterFor } from '../integrations/devices/isapi-adapter';

/** What a device said it is, as plans are drafted against it and the assessment compares it. */
export async function recordDeviceFirmware(db: Pick<Database, 'insert'>, deviceId: string, info: DeviceInfo): Promise<void> {
  const reportedAt = new Date();
  await db
    .insert(deviceFirmware)
    .values({ deviceId, model: info.model, firmwareVersion: info.firmwareVersion, reportedAt })
    .onConflictDoUpdate({ target: deviceFirmware.deviceId, set: { model: info.model, firmwareVersion: info.firmwareVersion, reportedAt } });
}

/** A device that did not say what it runs, and why. */
export interface UnreadDevice {
  deviceId: string;
  error: string;
}

/**
 * P3.3a: asks devices what they are (ISAPI `deviceInfo`: model and firmware version), a few at a time, and records
 * it in `device_firmware`; a device that does not answer keeps what it reported before. Every connected device
 * when no ids are given.
 */
export async function readDeviceFirmware(db: Database, options: { deviceIds?: string[]; adapter?: DeviceAdapter; concurrency?: number } = {}): Promise<{ read: string[]; unread: UnreadDevice[] }> {
  const ids = options.deviceIds ?? (await db.select({ deviceId: deviceConnections.deviceId }).from(deviceConnections)).map((row) => row.deviceId);
  const read: string[] = [];
  const unread: UnreadDevice[] = [];
  const queue = [...ids];
  const worker = async () => {
    for (let deviceId = queue.shift(); deviceId !== undefined; deviceId = queue.shift()) {
      const connection = await loadDeviceConnection(db, deviceId);
      try {
        await recordDeviceFirmware(db, deviceId, await (options.adapter ?? adapterFor(connection)).deviceInfo(connection));
        read.push(deviceId);
      } catch (error) {
        if (!(error instanceof DeviceCommandError)) throw error;
        unread.push({ deviceId, error: `${error.type}: ${error.message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 10, ids.length) }, worker));
  return { read: read.sort(), unread: unread.sort((a, b) => a.deviceId.localeCompare(b.deviceId)) };
}
