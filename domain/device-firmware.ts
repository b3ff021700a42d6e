import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { deviceConnections, deviceFirmware, firmwareReleases, processInstances, upgradeProposals } from '../db/schema';
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

/** Versions compared as their numbers read (`V5.10.0` after `V5.9.2`, `2.2.1_build231107` after `2.2.1`); negative when `a` is older. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.match(/\d+|[A-Za-z]+/g) ?? [];
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const [x, y] = [left[index], right[index]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
    if (order !== 0) return Math.sign(order);
  }
  return 0;
}

export interface AssessmentOutcome {
  read: number;
  unread: UnreadDevice[];
  proposals: number;
  urgent: number;
}

const DAY_MS = 86_400_000;

/**
 * P3.3a, the periodic assessment: every device's firmware read afresh, compared with the newest release registered
 * for its model, weighed by its open fault repairs (`urgent`) and the age of what it runs (`due` past `maxAgeMs`).
 * The proposals replace the previous assessment's.
 */
export async function assessFirmware(db: Database, { maxAgeMs, workflowId, adapter }: { maxAgeMs: number; workflowId: string; adapter?: DeviceAdapter }): Promise<AssessmentOutcome> {
  const { read, unread } = await readDeviceFirmware(db, { adapter });
  const [reported, releases, faults] = await Promise.all([
    db.select().from(deviceFirmware),
    db.select().from(firmwareReleases),
    db
      .select({ deviceId: sql<string>`${processInstances.data} #>> '{report,location,deviceId}'`, count: sql<number>`count(*)::int` })
      .from(processInstances)
      .where(and(eq(processInstances.process, 'fault-repair'), eq(processInstances.status, 'running')))
      .groupBy(sql`1`),
  ]);
  const openFaults = new Map(faults.map((row) => [row.deviceId, row.count]));
  const now = new Date();
  const proposals: Array<typeof upgradeProposals.$inferInsert> = [];
  for (const device of reported) {
    const forModel = releases.filter((release) => release.models.includes(device.model));
    const newest = forModel.reduce<(typeof forModel)[number] | null>((best, release) => (!best || compareVersions(release.version, best.version) > 0 ? release : best), null);
    if (!newest || compareVersions(newest.version, device.firmwareVersion) <= 0) continue;
    const running = forModel.find((release) => release.version === device.firmwareVersion);
    const ageMs = running ? now.getTime() - Date.parse(running.releasedOn) : null;
    const faultCount = openFaults.get(device.deviceId) ?? 0;
    proposals.push({
      deviceId: device.deviceId,
      model: device.model,
      currentVersion: device.firmwareVersion,
      releaseId: newest.id,
      version: newest.version,
      openFaults: faultCount,
      currentAgeDays: ageMs === null ? null : Math.floor(ageMs / DAY_MS),
      priority: faultCount > 0 ? 'urgent' : ageMs !== null && ageMs >= maxAgeMs ? 'due' : 'available',
      assessedAt: now,
      workflowId,
    });
  }
  await db.transaction(async (tx) => {
    await tx.delete(upgradeProposals);
    if (proposals.length) await tx.insert(upgradeProposals).values(proposals);
  });
  return { read: read.length, unread, proposals: proposals.length, urgent: proposals.filter((proposal) => proposal.priority === 'urgent').length };
}
