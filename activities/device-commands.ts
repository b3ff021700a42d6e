import type { Database } from '../db/client';
import type { CredentialEnrolment, CredentialRevocation, DeviceAdapter, PlateEntry } from '../integrations/devices/device-adapter';
import { asActivity, loadDeviceConnection } from '../integrations/devices/connections';
import { adapterFor } from '../integrations/devices/isapi-adapter';

/**
 * Device commands as activities, addressed by device id: the connection (adapter, address, credentials)
 * is looked up here so workflows never carry device passwords in their history.
 */
export function createDeviceCommandActivities({ db, adapter }: { db: Database; adapter?: DeviceAdapter }) {
  const run = async <T>(deviceId: string, command: (adapter: DeviceAdapter, connection: Awaited<ReturnType<typeof loadDeviceConnection>>) => Promise<T>) => {
    const connection = await loadDeviceConnection(db, deviceId);
    return asActivity(() => command(adapter ?? adapterFor(connection), connection));
  };
  return {
    async openDoor({ deviceId, door }: { deviceId: string; door: number }): Promise<void> {
      await run(deviceId, (device, connection) => device.openDoor(connection, door));
    },
    async enrolCredential({ deviceId, enrolment }: { deviceId: string; enrolment: CredentialEnrolment }): Promise<void> {
      await run(deviceId, (device, connection) => device.enrolCredential(connection, enrolment));
    },
    async revokeCredential({ deviceId, revocation }: { deviceId: string; revocation: CredentialRevocation }): Promise<void> {
      await run(deviceId, (device, connection) => device.revokeCredential(connection, revocation));
    },
    async deleteFace({ deviceId, personId }: { deviceId: string; personId: string }): Promise<void> {
      await run(deviceId, (device, connection) => device.deleteFace(connection, personId));
    },
    async deletePerson({ deviceId, personId }: { deviceId: string; personId: string }): Promise<void> {
      await run(deviceId, (device, connection) => device.deletePerson(connection, personId));
    },
    async setPlate({ deviceId, entry }: { deviceId: string; entry: PlateEntry }): Promise<void> {
      await run(deviceId, (device, connection) => device.setPlate(connection, entry));
    },
    async removePlate({ deviceId, plate }: { deviceId: string; plate: string }): Promise<void> {
      await run(deviceId, (device, connection) => device.removePlate(connection, plate));
    },
  };
}
