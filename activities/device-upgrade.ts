import { ApplicationFailure, Context } from '@temporalio/activity';
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { attachments, deviceHealth, devices, firmwareReleases, upgradeDevices, upgradePlans } from '../db/schema';
import { openAttachmentContent, sealAttachmentContent } from '../db/sealed/records';
import { DeviceCommandError, type DeviceAdapter, type DeviceConnection, type FirmwareImage } from '../integrations/devices/device-adapter';
import { loadDeviceConnection } from '../integrations/devices/connections';
import { adapterFor } from '../integrations/devices/isapi-adapter';
import type { UpgradeDeviceState, UpgradePlanStatus } from '../contracts/vocabulary';
import { assessFirmware, recordDeviceFirmware, type AssessmentOutcome } from '../domain/device-firmware';
import type { ApplyResult, BackupResult, DeviceCheck, DeviceUpgradeOutcome, RollbackResult, VerifyResult } from '../workflows/device-upgrade/messages';

/** How long a device may take and how often it is asked (the plan's timings). */
export interface DeviceWait {
  rebootTimeoutMs: number;
  pollIntervalMs: number;
  heartbeatWaitMs: number;
}

type Row = typeof upgradeDevices.$inferSelect;

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** ISAPI's code of a door opened by a remote command: an operation (major 3), minor 0x400. */
const REMOTE_OPEN = { major: 3, minor: 0x400 };

/** A device that says no (a refused command or file, wrong credentials) will not say yes on the next try. */
const isRefusal = (error: DeviceCommandError) => error.type === 'DeviceRejected' || error.type === 'DeviceAuthFailed' || error.type === 'FirmwareChecksumMismatch';

const describe = (error: DeviceCommandError) => `${error.type}${error.code ? ` (${error.code})` : ''}: ${error.message}`;

/** The device's answer, or its typed failure; anything else (the database) is thrown for the activity to be retried. */
async function ask<T>(command: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: DeviceCommandError }> {
  try {
    return { ok: true, value: await command() };
  } catch (error) {
    if (error instanceof DeviceCommandError) return { ok: false, error };
    throw error;
  }
}

/**
 * Keeps the activity's heartbeat going while it works (an upload of a large image takes minutes, a reboot as long
 * as it takes): a worker that dies stops it, and the activity is retried elsewhere within the heartbeat timeout.
 */
async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const every = Math.max(100, Math.floor((context.info.heartbeatTimeoutMs ?? 30_000) / 3));
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), every);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

const pause = (ms: number) => Context.current().sleep(ms);

/**
 * P3.3b, one device at a time: back up, upload, watch, verify, roll back, each step recorded on the device's row
 * (`upgrade_devices`). Device trouble is an answer (the process decides what follows); only the database's trouble
 * is thrown and retried. Every step first reads what the row and the device say, so a retry (a worker killed in the
 * middle of a wave) repeats nothing that was done: an image is sent once per attempt.
 */
export function createDeviceUpgradeActivities({ db, adapter }: { db: Database; adapter?: DeviceAdapter }) {
  async function rowOf(planId: string, deviceId: string): Promise<Row> {
    const [row] = await db.select().from(upgradeDevices).where(and(eq(upgradeDevices.planId, planId), eq(upgradeDevices.deviceId, deviceId)));
    if (!row) throw ApplicationFailure.create({ type: 'UnknownPlanDevice', message: `device ${deviceId} is not in plan ${planId}`, nonRetryable: true });
    return row;
  }

  const update = (planId: string, deviceId: string, fields: PgUpdateSetSource<typeof upgradeDevices>) =>
    db
      .update(upgradeDevices)
      .set(fields)
      .where(and(eq(upgradeDevices.planId, planId), eq(upgradeDevices.deviceId, deviceId)));

  async function connect(deviceId: string): Promise<{ connection: DeviceConnection; device: DeviceAdapter }> {
    const connection = await loadDeviceConnection(db, deviceId);
    return { connection, device: adapter ?? adapterFor(connection) };
  }

  /** The release's file as registered; its SHA-256 is checked again by the adapter before a byte leaves Steward. */
  async function imageOf(releaseId: string): Promise<FirmwareImage> {
    const [row] = await db
      .select({ version: firmwareReleases.version, sha256: firmwareReleases.sha256, content: attachments.content })
      .from(firmwareReleases)
      .innerJoin(attachments, and(eq(attachments.id, firmwareReleases.fileId), eq(attachments.kind, 'firmware')))
      .where(eq(firmwareReleases.id, releaseId));
    if (!row) throw ApplicationFailure.create({ type: 'UnknownFirmware', message: `no firmware release ${releaseId}`, nonRetryable: true });
    return { version: row.version, sha256: row.sha256, bytes: Buffer.from(row.content, 'base64') };
  }

  /** Asks until the device answers (a reboot, a busy device) or the time is up; a refusal ends it at once. */
  async function untilAnswers<T>(deadline: number, pollIntervalMs: number, command: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: DeviceCommandError }> {
    for (;;) {
      const answer = await ask(command);
      if (answer.ok || isRefusal(answer.error) || Date.now() >= deadline) return answer;
      await pause(pollIntervalMs);
    }
  }

  /** Back on the network and done writing: what it runs now, or null when the time ran out. */
  async function whenBack(connection: DeviceConnection, device: DeviceAdapter, deadline: number, pollIntervalMs: number): Promise<string | null> {
    for (;;) {
      const status = await ask(() => device.upgradeStatus(connection));
      if (status.ok && !status.value.upgrading) {
        const info = await ask(() => device.deviceInfo(connection));
        if (info.ok) return info.value.firmwareVersion;
      }
      if (Date.now() >= deadline) return null;
      await pause(pollIntervalMs);
    }
  }

  /** A heartbeat (or any event) the device pushed after `since`: it is back and its pushes arrive. */
  async function heardSince(deviceId: string, since: Date, waitMs: number, pollIntervalMs: number): Promise<DeviceCheck> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const [health] = await db.select({ lastSeenAt: deviceHealth.lastSeenAt }).from(deviceHealth).where(eq(deviceHealth.deviceId, deviceId));
      if (health?.lastSeenAt && health.lastSeenAt > since) return { check: 'heartbeat', passed: true, detail: `heard from at ${health.lastSeenAt.toISOString()}` };
      if (Date.now() >= deadline) return { check: 'heartbeat', passed: false, detail: `nothing heard since ${since.toISOString()}` };
      await pause(pollIntervalMs);
    }
  }

  /**
   * The device does its job: a camera gives a snapshot; a door (or barrier) controller opens on a remote command and
   * its report of the opening reaches Steward (its pushes work again); every other device answers a search of its
   * event log.
   */
  async function functionalCheck(deviceId: string, connection: DeviceConnection, device: DeviceAdapter, wait: DeviceWait): Promise<DeviceCheck> {
    const [row] = await db.select({ system: devices.system }).from(devices).where(eq(devices.id, deviceId));
    if (row?.system === 'access-control') {
      const [{ last }] = await db.execute<{ last: string }>(sql`select coalesce(max(id), 0) as last from device_events where device_id = ${deviceId}`);
      const opened = await ask(() => device.openDoor(connection, 1));
      if (!opened.ok) return { check: 'functional', passed: false, detail: `remote open: ${describe(opened.error)}` };
      const deadline = Date.now() + wait.heartbeatWaitMs;
      for (;;) {
        const [report] = await db.execute<{ received_at: Date }>(sql`
          select received_at from device_events
          where device_id = ${deviceId} and id > ${last}::bigint and major = ${REMOTE_OPEN.major} and minor = ${REMOTE_OPEN.minor} limit 1`);
        if (report) return { check: 'functional', passed: true, detail: `opened on a remote command; its report arrived at ${new Date(report.received_at).toISOString()}` };
        if (Date.now() >= deadline) return { check: 'functional', passed: false, detail: `opened on a remote command, but its report did not arrive within ${wait.heartbeatWaitMs} ms` };
        await pause(wait.pollIntervalMs);
      }
    }
    if (row?.system === 'cctv') {
      const snapshot = await ask(() => device.snapshot(connection));
      if (!snapshot.ok) return { check: 'functional', passed: false, detail: `snapshot: ${describe(snapshot.error)}` };
      const jpeg = snapshot.value[0] === 0xff && snapshot.value[1] === 0xd8;
      return { check: 'functional', passed: jpeg, detail: jpeg ? `snapshot of ${snapshot.value.length} bytes` : 'the snapshot is not a JPEG' };
    }
    const search = await ask(() => device.searchEvents(connection, { position: 0, maxResults: 1 }));
    return search.ok
      ? { check: 'functional', passed: true, detail: `event log answers (${search.value.totalMatches} events)` }
      : { check: 'functional', passed: false, detail: `event log: ${describe(search.error)}` };
  }

  /** The database's clock, which stamps heartbeats too. */
  const databaseNow = async () => (await db.execute<{ now: Date }>(sql`select now() as now`))[0].now;

  return {
    /**
     * P3.3b backup: the device's configuration exported through the adapter, sealed (it holds the doors' cards,
     * faces and PINs) with its SHA-256, and the version it runs. Done once per plan and device: a retry returns the
     * stored backup rather than export a device that may have changed since.
     */
    async backupDevice({ planId, deviceId, wait }: { planId: string; deviceId: string; wait: DeviceWait }): Promise<BackupResult> {
      const row = await rowOf(planId, deviceId);
      if (row.backupSha256 && row.versionBefore) return { ok: true, versionBefore: row.versionBefore, sha256: row.backupSha256 };
      return heartbeating(async () => {
        const { connection, device } = await connect(deviceId);
        const deadline = Date.now() + wait.rebootTimeoutMs;
        const info = await untilAnswers(deadline, wait.pollIntervalMs, () => device.deviceInfo(connection));
        const exported = info.ok ? await untilAnswers(deadline, wait.pollIntervalMs, () => device.exportConfiguration(connection)) : info;
        if (!info.ok || !exported.ok) {
          const error = `no backup: ${describe(info.ok ? (exported as { error: DeviceCommandError }).error : info.error)}`;
          await update(planId, deviceId, { state: 'skipped', error });
          return { ok: false, error };
        }
        const sha256 = sha256Hex(exported.value);
        const fileId = `device-configuration-${planId}-${deviceId}`;
        await db.transaction(async (tx) => {
          const sealed = await sealAttachmentContent(tx, fileId, Buffer.from(exported.value).toString('base64'));
          await tx.insert(attachments).values({ id: fileId, kind: 'device-configuration', recordId: `${planId}/${deviceId}`, contentType: 'application/octet-stream', ...sealed, uploadedBy: 'steward' });
          await tx
            .update(upgradeDevices)
            .set({ versionBefore: info.value.firmwareVersion, backupFileId: fileId, backupSha256: sha256, backedUpAt: sql`now()`, state: 'backed-up' })
            .where(and(eq(upgradeDevices.planId, planId), eq(upgradeDevices.deviceId, deviceId)));
        });
        await recordDeviceFirmware(db, deviceId, info.value);
        return { ok: true, versionBefore: info.value.firmwareVersion, sha256 };
      });
    },

    /**
     * P3.3b apply: uploads the release to the device and watches it write the image until it reboots. Attempt `n`
     * sends the image at most once: the row says it was sent before the upload starts, and a retry that finds it
     * sent only watches. A device already on the target version is sent nothing.
     */
    async applyUpgrade({ planId, deviceId, attempt, releaseId, wait }: { planId: string; deviceId: string; attempt: number; releaseId: string; wait: DeviceWait }): Promise<ApplyResult> {
      // A new attempt starts afresh; the same attempt again (a retry) keeps what its earlier try recorded.
      await db
        .update(upgradeDevices)
        .set({ attempt, state: 'upgrading', uploadSentAt: null, writingSeenAt: null, rebootSeenAt: null, rollbackUploadSentAt: null, rollbackStartedAt: null, error: null, checks: [], rollbackChecks: [], startedAt: sql`now()`, finishedAt: null })
        .where(and(eq(upgradeDevices.planId, planId), eq(upgradeDevices.deviceId, deviceId), sql`${upgradeDevices.attempt} < ${attempt}`));
      const row = await rowOf(planId, deviceId);
      if (row.attempt !== attempt) throw ApplicationFailure.create({ type: 'StaleAttempt', message: `${deviceId} is at attempt ${row.attempt}, not ${attempt}`, nonRetryable: true });
      const image = await imageOf(releaseId);
      return heartbeating(async () => {
        const { connection, device } = await connect(deviceId);
        const deadline = Date.now() + wait.rebootTimeoutMs;
        let writingSeen = row.writingSeenAt !== null;
        let percentSeen = 0;
        if (!row.uploadSentAt) {
          const info = await untilAnswers(deadline, wait.pollIntervalMs, () => device.deviceInfo(connection));
          if (!info.ok) {
            const error = `not sent: ${describe(info.error)}`;
            await update(planId, deviceId, { error });
            return { outcome: 'not-sent', error };
          }
          if (info.value.firmwareVersion === image.version) return { outcome: 'already-installed', percentSeen: 100 };
          // Recorded before a byte is sent: from here a retry of this attempt never sends the image again.
          await update(planId, deviceId, { uploadSentAt: sql`now()` });
          const sent = await ask(() => device.uploadFirmware(connection, image));
          if (!sent.ok && isRefusal(sent.error)) {
            const error = `refused: ${describe(sent.error)}`;
            await update(planId, deviceId, { uploadSentAt: null, error });
            return { outcome: 'not-sent', error };
          }
          // Sent, or lost on the way (the device may have taken it): either way, watch what the device does.
          if (sent.ok && sent.value === 'installed') return { outcome: 'already-installed', percentSeen: 100 };
        }
        for (;;) {
          const status = await ask(() => device.upgradeStatus(connection));
          if (!status.ok && status.error.type === 'DeviceUnreachable') {
            // Off the network: it has begun its reboot into the new image.
            await update(planId, deviceId, { rebootSeenAt: sql`coalesce(${upgradeDevices.rebootSeenAt}, now())` });
            return { outcome: 'installing', percentSeen };
          }
          if (status.ok && status.value.upgrading) {
            percentSeen = Math.max(percentSeen, status.value.percent);
            if (!writingSeen) await update(planId, deviceId, { writingSeenAt: sql`now()` });
            writingSeen = true;
          } else if (status.ok && writingSeen) {
            // Done writing and answering again: its reboot came and went between two looks.
            return { outcome: 'installing', percentSeen };
          } else if (status.ok) {
            const info = await ask(() => device.deviceInfo(connection));
            if (info.ok && info.value.firmwareVersion === image.version) return { outcome: 'installing', percentSeen };
          }
          // Never seen writing (an upload lost on the way, a retry that came late): verification says what it runs.
          if (Date.now() >= deadline) return { outcome: 'installing', percentSeen };
          await pause(wait.pollIntervalMs);
        }
      });
    },

    /**
     * P3.3b verify: the device comes back (within the reboot time), its pushes arrive again (a heartbeat after its
     * reboot), it reports the target version, and it does its job. Read-only, so a retry is harmless.
     */
    async verifyUpgrade({ planId, deviceId, targetVersion, wait }: { planId: string; deviceId: string; targetVersion: string; wait: DeviceWait }): Promise<VerifyResult> {
      const row = await rowOf(planId, deviceId);
      await update(planId, deviceId, { state: 'verifying' });
      return heartbeating(async () => {
        const { connection, device } = await connect(deviceId);
        const checks: DeviceCheck[] = [];
        const version = await whenBack(connection, device, Date.now() + wait.rebootTimeoutMs, wait.pollIntervalMs);
        checks.push({ check: 'comes-back', passed: version !== null, detail: version === null ? `no answer within ${wait.rebootTimeoutMs} ms` : 'answers again' });
        if (version !== null) {
          checks.push({ check: 'version', passed: version === targetVersion, detail: `reports ${version}, expected ${targetVersion}` });
          const since = row.rebootSeenAt ?? row.uploadSentAt ?? new Date((await databaseNow()).getTime() - wait.heartbeatWaitMs);
          checks.push(await heardSince(deviceId, since, wait.heartbeatWaitMs, wait.pollIntervalMs));
          checks.push(await functionalCheck(deviceId, connection, device, wait));
          const info = await ask(() => device.deviceInfo(connection));
          if (info.ok) await recordDeviceFirmware(db, deviceId, info.value);
        }
        const passed = checks.every((check) => check.passed);
        await update(planId, deviceId, {
          state: passed ? 'upgraded' : 'failed',
          versionAfter: version,
          checks,
          error: passed ? null : checks.filter((check) => !check.passed).map((check) => `${check.check}: ${check.detail}`).join('; '),
          finishedAt: sql`now()`,
          upgradeMs: sql`(extract(epoch from (now() - coalesce(${upgradeDevices.uploadSentAt}, ${upgradeDevices.startedAt}))) * 1000)::int`,
        });
        return { passed, versionAfter: version, checks };
      });
    },

    /**
     * P3.3b roll back: the previous firmware (its registered release) when the device runs another version, then the
     * configuration saved before the upgrade, then the same checks against the version before and the backup's
     * SHA-256. A device never written to only has its state checked.
     */
    async rollBackDevice({ planId, deviceId, rollbackReleaseId, wait }: { planId: string; deviceId: string; rollbackReleaseId: string | null; wait: DeviceWait }): Promise<RollbackResult> {
      await update(planId, deviceId, { rollbackStartedAt: sql`coalesce(${upgradeDevices.rollbackStartedAt}, now())` });
      const row = await rowOf(planId, deviceId);
      const fail = async (error: string, checks: DeviceCheck[], versionAfter: string | null): Promise<RollbackResult> => {
        await update(planId, deviceId, { state: 'rollback-failed', rollbackChecks: checks, error, versionAfter, rollbackMs: sql`(extract(epoch from (now() - ${upgradeDevices.rollbackStartedAt})) * 1000)::int` });
        return { rolledBack: false, versionAfter, checks, error };
      };
      if (!row.versionBefore || !row.backupFileId || !row.backupSha256) return fail('no backup to restore', [], row.versionAfter);
      const versionBefore = row.versionBefore;
      const backupSha256 = row.backupSha256;
      const [file] = await db.select().from(attachments).where(and(eq(attachments.id, row.backupFileId), eq(attachments.kind, 'device-configuration')));
      const backup = Buffer.from(await openAttachmentContent(db, file), 'base64');
      return heartbeating(async () => {
        const { connection, device } = await connect(deviceId);
        const checks: DeviceCheck[] = [];
        let restarted = false;
        let version = await whenBack(connection, device, Date.now() + wait.rebootTimeoutMs, wait.pollIntervalMs);
        if (version === null) return fail(`the device does not answer within ${wait.rebootTimeoutMs} ms`, [{ check: 'comes-back', passed: false, detail: 'no answer' }], null);

        if (version !== versionBefore) {
          if (!rollbackReleaseId) return fail(`runs ${version}; no release of ${versionBefore} is registered to go back to`, checks, version);
          const image = await imageOf(rollbackReleaseId);
          if (image.version !== versionBefore) return fail(`the rollback release is ${image.version}, the device ran ${versionBefore}`, checks, version);
          if (!row.rollbackUploadSentAt) {
            await update(planId, deviceId, { rollbackUploadSentAt: sql`now()` });
            const sent = await ask(() => device.uploadFirmware(connection, image));
            if (!sent.ok && isRefusal(sent.error)) return fail(`previous firmware refused: ${describe(sent.error)}`, checks, version);
          }
          restarted = true;
          // Writing, then its reboot, then back: it must come back on the version it ran before.
          const deadline = Date.now() + wait.rebootTimeoutMs;
          for (;;) {
            version = await whenBack(connection, device, deadline, wait.pollIntervalMs);
            if (version === versionBefore || version === null || Date.now() >= deadline) break;
            await pause(wait.pollIntervalMs);
          }
          if (version === null) return fail(`the device does not come back on ${versionBefore}`, [{ check: 'comes-back', passed: false, detail: 'no answer' }], null);
        }

        // The saved configuration, unless the device holds it already (a retry after the import, or nothing changed).
        const current = await untilAnswers(Date.now() + wait.rebootTimeoutMs, wait.pollIntervalMs, () => device.exportConfiguration(connection));
        if (!current.ok) return fail(`configuration export: ${describe(current.error)}`, checks, version);
        if (sha256Hex(current.value) !== backupSha256) {
          const imported = await ask(() => device.importConfiguration(connection, backup));
          if (!imported.ok && (isRefusal(imported.error) || imported.error.code === 'importFailed')) return fail(`configuration import: ${describe(imported.error)}`, checks, version);
          restarted = true;
        }

        // Verified as after an upgrade, against the version before and the backup.
        version = await whenBack(connection, device, Date.now() + wait.rebootTimeoutMs, wait.pollIntervalMs);
        checks.push({ check: 'comes-back', passed: version !== null, detail: version === null ? 'no answer after the restore' : 'answers again' });
        if (version !== null) {
          checks.push({ check: 'version', passed: version === versionBefore, detail: `reports ${version}, expected ${versionBefore}` });
          const restored = await untilAnswers(Date.now() + wait.rebootTimeoutMs, wait.pollIntervalMs, () => device.exportConfiguration(connection));
          const restoredSha = restored.ok ? sha256Hex(restored.value) : null;
          checks.push({ check: 'configuration', passed: restoredSha === backupSha256, detail: restored.ok ? `SHA-256 ${restoredSha}, backup ${backupSha256}` : describe(restored.error) });
          if (restarted) checks.push(await heardSince(deviceId, (await rowOf(planId, deviceId)).rollbackStartedAt!, wait.heartbeatWaitMs, wait.pollIntervalMs));
          checks.push(await functionalCheck(deviceId, connection, device, wait));
          const info = await ask(() => device.deviceInfo(connection));
          if (info.ok) await recordDeviceFirmware(db, deviceId, info.value);
        }
        if (!checks.every((check) => check.passed)) return fail(checks.filter((check) => !check.passed).map((check) => `${check.check}: ${check.detail}`).join('; '), checks, version);
        await update(planId, deviceId, {
          state: 'rolled-back',
          rollbackChecks: checks,
          versionAfter: version,
          finishedAt: sql`now()`,
          rollbackMs: sql`(extract(epoch from (now() - ${upgradeDevices.rollbackStartedAt})) * 1000)::int`,
        });
        return { rolledBack: true, versionAfter: version, checks, error: null };
      });
    },

    /** P3.3a, the periodic assessment: every device's firmware read and compared with the registered releases; the proposals replaced. */
    async assessFirmware({ maxAgeMs, workflowId }: { maxAgeMs: number; workflowId: string }): Promise<AssessmentOutcome> {
      return heartbeating(() => assessFirmware(db, { maxAgeMs, workflowId, adapter }));
    },

    /** Where the plan stands (its page, the health sweeper's maintenance window); an end also records the outcome and leaves out the devices not reached. */
    async setPlanStatus({ planId, status, approval, outcome }: { planId: string; status: UpgradePlanStatus; approval?: { userId: string; displayName: string; role: string; at: string }; outcome?: DeviceUpgradeOutcome }): Promise<void> {
      const ended = ['completed', 'stopped', 'aborted', 'rejected'].includes(status);
      await db.transaction(async (tx) => {
        await tx
          .update(upgradePlans)
          .set({
            status,
            ...(approval ? { approvals: sql`case when ${upgradePlans.approvals} @> ${JSON.stringify([{ role: approval.role }])}::jsonb then ${upgradePlans.approvals} else ${upgradePlans.approvals} || ${JSON.stringify([approval])}::jsonb end` } : {}),
            ...(status === 'running' ? { startedAt: sql`coalesce(${upgradePlans.startedAt}, now())` } : {}),
            ...(ended ? { endedAt: sql`coalesce(${upgradePlans.endedAt}, now())`, outcome: outcome ?? null } : {}),
          })
          .where(eq(upgradePlans.id, planId));
        if (ended) {
          const notReached: UpgradeDeviceState[] = ['pending', 'backed-up'];
          await tx
            .update(upgradeDevices)
            .set({ state: 'skipped' })
            .where(and(eq(upgradeDevices.planId, planId), inArray(upgradeDevices.state, notReached)));
        }
      });
    },

    /** P3.3b, P5.2b: which backup of Steward's data the plan took before its devices, and the drill started after it. */
    async recordStewardBackup({ planId, backupRunId, status, drillId }: { planId: string; backupRunId?: string; status?: 'succeeded' | 'failed'; drillId?: string }): Promise<void> {
      await db
        .update(upgradePlans)
        .set({ ...(backupRunId ? { stewardBackupRunId: backupRunId, stewardBackupStatus: status ?? null } : {}), ...(drillId ? { drillId } : {}) })
        .where(eq(upgradePlans.id, planId));
    },
  };
}
