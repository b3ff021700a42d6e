import { and, eq } from 'drizzle-orm';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/client';
import { deviceConnections, deviceHealth, devices } from '../../db/schema';
import { openDeviceSecrets } from '../../db/sealed/records';

export interface KnownDevice {
  id: string;
  name: string;
  zoneId: string;
  system: string;
  /** The device's push key, opened from its seal: the SHA-256 of its push secret, keying its signatures. */
  pushKey: string;
  loadedAt: number;
}

const DEVICE_CACHE_MS = 30_000;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The devices that may push events, and their keys: looked up once and kept for half a minute. */
export class DeviceDirectory {
  private readonly known = new Map<string, KnownDevice>();

  constructor(private readonly db: Database) {}

  /** The device whose push secret this is (compared in constant time through its push key), or null. */
  async authenticate(deviceId: string, secret: string): Promise<KnownDevice | null> {
    const device = await this.device(deviceId);
    return device && sameHash(device.pushKey, hashSecret(secret)) ? device : null;
  }

  /** The device if its signature over an MQTT payload (HMAC-SHA256 keyed with its push key) holds. */
  async verifySignature(deviceId: string, payload: string, signature: string): Promise<KnownDevice | null> {
    const device = await this.device(deviceId);
    if (!device) return null;
    return sameHash(createHmac('sha256', device.pushKey).update(payload).digest('hex'), signature) ? device : null;
  }

  async device(deviceId: string): Promise<KnownDevice | null> {
    const cached = this.known.get(deviceId);
    if (cached && Date.now() - cached.loadedAt < DEVICE_CACHE_MS) return cached;
    const [row] = await this.db
      .select({ device: { id: devices.id, name: devices.name, zoneId: devices.zoneId, system: devices.system }, connection: deviceConnections })
      .from(devices)
      .innerJoin(deviceConnections, eq(deviceConnections.deviceId, devices.id))
      // A disabled device is no longer heard: its pushes are refused like an unknown device's.
      .where(and(eq(devices.id, deviceId), eq(devices.active, true)));
    if (!row) return null;
    const { pushKey } = await openDeviceSecrets(this.db, row.connection);
    const device = { ...row.device, pushKey, loadedAt: Date.now() };
    this.known.set(deviceId, device);
    await this.db.insert(deviceHealth).values({ deviceId }).onConflictDoNothing();
    return device;
  }
}
