import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { deviceConnections, deviceHealth, guardRoster } from '../schema';
import { sealDeviceSecrets } from '../sealed/records';
import { DEFAULT_SIMULATOR_URL, DEMO_DEVICES, simulatedDeviceUrl } from './demo-devices';

type Writer = Pick<Database, 'insert' | 'update'>;

/** The key a device signs its MQTT pushes with: the SHA-256 of its push secret (the devices' side of the protocol). */
export const hashPushSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Connections to the simulated demo devices (secrets sealed), their health rows, and the guard roster (P4.2c). */
export async function seedDemoDevices(tx: Writer, simulatorUrl = DEFAULT_SIMULATOR_URL): Promise<void> {
  const connections = [];
  for (const device of DEMO_DEVICES) {
    const sealed = await sealDeviceSecrets(tx, device.id, { password: device.password, pushKey: hashPushSecret(device.pushSecret) });
    connections.push({ deviceId: device.id, baseUrl: simulatedDeviceUrl(simulatorUrl, device.id), username: device.username, ...sealed });
  }
  await tx.insert(deviceConnections).values(connections);
  await tx.insert(deviceHealth).values(DEMO_DEVICES.map((device) => ({ deviceId: device.id }))).onConflictDoNothing();
  // guard1 covers the buildings first, guard2 the estate's open areas; each is the other's backup.
  await tx
    .insert(guardRoster)
    .values([
      { zoneId: 'z-b1-lobby', userId: 'u-guard1', position: 1 },
      { zoneId: 'z-b1-lobby', userId: 'u-guard2', position: 2 },
      { zoneId: 'z-b2-lobby', userId: 'u-guard1', position: 1 },
      { zoneId: 'z-b2-lobby', userId: 'u-guard2', position: 2 },
      { zoneId: 'z-main-gate', userId: 'u-guard2', position: 1 },
      { zoneId: 'z-main-gate', userId: 'u-guard1', position: 2 },
      { zoneId: 'z-car-park', userId: 'u-guard2', position: 1 },
      { zoneId: 'z-car-park', userId: 'u-guard1', position: 2 },
    ])
    .onConflictDoNothing();
}

/** Points every demo device's connection at a simulator (its port differs per run in tests). */
export async function pointDemoDevicesAt(db: Database, simulatorUrl: string): Promise<void> {
  for (const device of DEMO_DEVICES) {
    await db.update(deviceConnections).set({ baseUrl: simulatedDeviceUrl(simulatorUrl, device.id) }).where(eq(deviceConnections.deviceId, device.id));
  }
}
