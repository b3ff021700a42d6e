/**
 * Devices under maker-checker (P5.1b, issue 12): the diff and checks a checker sees of a device to add (its secrets
 * shown only as set), and the approved device written with its connection (secrets sealed) and its health row, so the
 * health sweep watches it from then on and its pushes are taken.
 */
import { eq } from 'drizzle-orm';
import type { DiffRow, StandardCheck } from '../contracts/data-review';
import type { FieldKey } from '../contracts/problem-texts';
import type { SystemKind } from '../contracts/vocabulary';
import type { Database } from '../db/client';
import { deviceConnections, deviceHealth, devices, zones } from '../db/schema';
import { hashPushSecret } from '../db/seed/devices';
import { sealDeviceSecrets } from '../db/sealed/records';

type Executor = Pick<Database, 'select' | 'insert'>;

/** A device to add as its draft keeps it: everything but the secrets, which are sealed with the draft. */
export interface StoredDeviceProposal {
  action: 'create';
  deviceId: string;
  device: { name: string; zoneId: string; system: SystemKind };
  connection: { baseUrl: string; username: string; cameraChannel: number };
}

/** The draft's sealed secrets: the device's password and its push key (the SHA-256 of its push secret, as the listener compares it). */
export interface DeviceSecrets {
  password: string;
  pushKey: string;
}

export const deviceSecretsOf = (connection: { password: string; pushSecret: string }): DeviceSecrets => ({ password: connection.password, pushKey: hashPushSecret(connection.pushSecret) });

/** What a write-only secret shows in a diff: that it is set, never what it is. */
const SET = '••••••';

/** P5.1a–b: the device as it would be added, field by field, and the checks: its id free, its zone registered. */
export async function reviewDeviceChange(db: Pick<Database, 'select'>, proposal: StoredDeviceProposal) {
  const checks: StandardCheck[] = [];
  const check = (field: string, rule: FieldKey, passed: boolean) => checks.push({ field, rule, passed });
  const [taken] = await db.select({ id: devices.id }).from(devices).where(eq(devices.id, proposal.deviceId));
  const [zone] = await db.select({ name: zones.name }).from(zones).where(eq(zones.id, proposal.device.zoneId));
  check('deviceId', 'taken', !taken);
  check('device.zoneId', 'no-such-zone', !!zone);
  const diff: DiffRow[] = [
    { field: 'device.name', before: null, after: proposal.device.name },
    { field: 'device.zoneId', before: null, after: zone?.name ?? proposal.device.zoneId },
    { field: 'device.system', before: null, after: proposal.device.system },
    { field: 'connection.baseUrl', before: null, after: proposal.connection.baseUrl },
    { field: 'connection.username', before: null, after: proposal.connection.username },
    { field: 'connection.password', before: null, after: SET },
    { field: 'connection.pushSecret', before: null, after: SET },
    { field: 'connection.cameraChannel', before: null, after: proposal.connection.cameraChannel },
  ];
  return { diff, checks, needsSecondApproval: false };
}

/** P5.1b: the approved device written (in the caller's transaction): the device, its sealed connection, its health row. */
export async function writeDeviceChange(tx: Executor, proposal: StoredDeviceProposal, secrets: DeviceSecrets): Promise<void> {
  await tx.insert(devices).values({ id: proposal.deviceId, ...proposal.device });
  const sealed = await sealDeviceSecrets(tx, proposal.deviceId, secrets);
  await tx.insert(deviceConnections).values({ deviceId: proposal.deviceId, ...proposal.connection, ...sealed });
  // Unknown until it is first heard from; the sweep marks it stale, then down, if it never is.
  await tx.insert(deviceHealth).values({ deviceId: proposal.deviceId }).onConflictDoNothing();
}
