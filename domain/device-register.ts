/**
 * Devices under maker-checker (P5.1b, issue 12): the diff and checks a checker sees of a device to add, change or disable (its secrets
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
import { eraseDataKeys } from '../db/sealed/envelope';
import { openDeviceSecrets, sealDeviceSecrets } from '../db/sealed/records';

type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete'>;

/** A change to a device as its draft keeps it: everything but the secrets, which are sealed with the draft. */
export type StoredDeviceProposal =
  | {
      action: 'create';
      deviceId: string;
      device: { name: string; zoneId: string; system: SystemKind };
      connection: { baseUrl: string; username: string; cameraChannel: number };
    }
  | {
      action: 'change';
      deviceId: string;
      device: { name?: string; zoneId?: string };
      connection: { baseUrl?: string; username?: string; cameraChannel?: number };
      /** The secrets this change replaces (their new values sealed with the draft); the others stay as stored. */
      replaces: Array<'password' | 'pushSecret'>;
    }
  | { action: 'disable'; deviceId: string; reason: string };

/** The draft's sealed secrets: the device's password and its push key (the SHA-256 of its push secret, as the listener compares it). */
export interface DeviceSecrets {
  password: string;
  pushKey: string;
}

export const deviceSecretsOf = (connection: { password: string; pushSecret: string }): DeviceSecrets => ({ password: connection.password, pushKey: hashPushSecret(connection.pushSecret) });

/** The secrets a change replaces, as sealed with its draft; blank ones keep what is stored. */
export const replacedSecretsOf = (connection: { password?: string; pushSecret?: string }): Partial<DeviceSecrets> => ({
  ...(connection.password ? { password: connection.password } : {}),
  ...(connection.pushSecret ? { pushKey: hashPushSecret(connection.pushSecret) } : {}),
});

/** What a write-only secret shows in a diff: that it is set, never what it is. */
const SET = '••••••';
const REPLACED = '••••••（新 new）';

/** P5.1a–b: the device as it would be added or changed, field by field, and the checks: its id free or registered and in use, its zone registered. */
export async function reviewDeviceChange(db: Pick<Database, 'select'>, proposal: StoredDeviceProposal) {
  const checks: StandardCheck[] = [];
  const check = (field: string, rule: FieldKey, passed: boolean) => checks.push({ field, rule, passed });
  const [registered] = await db
    .select({ device: devices, connection: { baseUrl: deviceConnections.baseUrl, username: deviceConnections.username, cameraChannel: deviceConnections.cameraChannel } })
    .from(devices)
    .leftJoin(deviceConnections, eq(deviceConnections.deviceId, devices.id))
    .where(eq(devices.id, proposal.deviceId));
  const zoneNamed = async (zoneId: string) => (await db.select({ name: zones.name }).from(zones).where(eq(zones.id, zoneId)))[0]?.name;
  // Nothing new is placed in a disabled zone.
  const zoneInUse = async (zoneId: string) => (await db.select({ active: zones.active }).from(zones).where(eq(zones.id, zoneId)))[0]?.active !== false;
  const inUse = () => {
    check('deviceId', 'no-such-device', !!registered);
    if (registered) check('deviceId', 'device-disabled', registered.device.active);
  };
  if (proposal.action === 'disable') {
    inUse();
    return { diff: [{ field: 'device.active', before: registered?.device.active ?? null, after: false }], checks, needsSecondApproval: false };
  }
  if (proposal.action === 'change') {
    inUse();
    const diff: DiffRow[] = [];
    const { device, connection } = proposal;
    if (device.name !== undefined) diff.push({ field: 'device.name', before: registered?.device.name ?? null, after: device.name });
    if (device.zoneId !== undefined) {
      const zone = await zoneNamed(device.zoneId);
      check('device.zoneId', 'no-such-zone', !!zone);
      if (zone) check('device.zoneId', 'zone-disabled', await zoneInUse(device.zoneId));
      diff.push({ field: 'device.zoneId', before: registered ? ((await zoneNamed(registered.device.zoneId)) ?? registered.device.zoneId) : null, after: zone ?? device.zoneId });
    }
    for (const field of ['baseUrl', 'username', 'cameraChannel'] as const) {
      if (connection[field] !== undefined) diff.push({ field: `connection.${field}`, before: registered?.connection?.[field] ?? null, after: connection[field] });
    }
    for (const secret of proposal.replaces) diff.push({ field: `connection.${secret}`, before: SET, after: REPLACED });
    check('device', 'change-something', diff.some((row) => row.before !== row.after));
    return { diff, checks, needsSecondApproval: false };
  }
  const zone = await zoneNamed(proposal.device.zoneId);
  check('deviceId', 'taken', !registered);
  check('device.zoneId', 'no-such-zone', !!zone);
  if (zone) check('device.zoneId', 'zone-disabled', await zoneInUse(proposal.device.zoneId));
  const diff: DiffRow[] = [
    { field: 'device.name', before: null, after: proposal.device.name },
    { field: 'device.zoneId', before: null, after: zone ?? proposal.device.zoneId },
    { field: 'device.system', before: null, after: proposal.device.system },
    { field: 'connection.baseUrl', before: null, after: proposal.connection.baseUrl },
    { field: 'connection.username', before: null, after: proposal.connection.username },
    { field: 'connection.password', before: null, after: SET },
    { field: 'connection.pushSecret', before: null, after: SET },
    { field: 'connection.cameraChannel', before: null, after: proposal.connection.cameraChannel },
  ];
  return { diff, checks, needsSecondApproval: false };
}

/**
 * P5.1b: the approved change written (in the caller's transaction): a new device with its sealed connection and
 * health row; a change of its name, zone or connection (replaced secrets sealed anew with the stored ones, under a new
 * key); a disabled device no longer watched by the health sweep (its pushes are refused from then on).
 */
export async function writeDeviceChange(tx: Executor, proposal: StoredDeviceProposal, secrets: Partial<DeviceSecrets> | null): Promise<void> {
  if (proposal.action === 'create') {
    await tx.insert(devices).values({ id: proposal.deviceId, ...proposal.device });
    const sealed = await sealDeviceSecrets(tx, proposal.deviceId, secrets as DeviceSecrets);
    await tx.insert(deviceConnections).values({ deviceId: proposal.deviceId, ...proposal.connection, ...sealed });
    // Unknown until it is first heard from; the sweep marks it stale, then down, if it never is.
    await tx.insert(deviceHealth).values({ deviceId: proposal.deviceId }).onConflictDoNothing();
    return;
  }
  if (proposal.action === 'disable') {
    await tx.update(devices).set({ active: false }).where(eq(devices.id, proposal.deviceId));
    await tx.delete(deviceHealth).where(eq(deviceHealth.deviceId, proposal.deviceId));
    return;
  }
  if (Object.keys(proposal.device).length) await tx.update(devices).set(proposal.device).where(eq(devices.id, proposal.deviceId));
  let sealed = {};
  let replacedKey: string | null = null;
  if (secrets && Object.keys(secrets).length) {
    const [stored] = await tx.select().from(deviceConnections).where(eq(deviceConnections.deviceId, proposal.deviceId));
    const current = await openDeviceSecrets(tx, stored);
    sealed = await sealDeviceSecrets(tx, proposal.deviceId, { ...current, ...secrets });
    replacedKey = stored.dataKeyId;
  }
  const changes = { ...proposal.connection, ...sealed };
  if (Object.keys(changes).length) await tx.update(deviceConnections).set(changes).where(eq(deviceConnections.deviceId, proposal.deviceId));
  // The old secrets' key goes once the connection is sealed under the new one.
  await eraseDataKeys(tx, [replacedKey]);
}
