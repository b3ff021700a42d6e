import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { UPGRADE_DEVICE_STATES, UPGRADE_PLAN_STATUSES, UPGRADE_PRIORITIES, UPGRADE_RISKS } from '../../contracts/vocabulary';
import { attachments, devices, users, vendors } from './core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * P3.3a: firmware a supplier has released for device models, registered with its file (an attachment of kind
 * `firmware`) and the file's SHA-256: an upgrade sends exactly these bytes, checked again before they leave Steward.
 * The id is the client's, so a retried registration is one release.
 */
export const firmwareReleases = pgTable(
  'firmware_releases',
  {
    id: text('id').primaryKey(),
    vendorId: text('vendor_id').notNull().references(() => vendors.id),
    version: text('version').notNull(),
    /** The device models the release is for, as the devices report their model (ISAPI `deviceInfo.model`). */
    models: text('models').array().notNull(),
    releasedOn: date('released_on', { mode: 'string' }).notNull(),
    notes: text('notes').notNull(),
    fileId: text('file_id').notNull().references(() => attachments.id),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the file, hex, as the supplier declared it and Steward checked it. */
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    registeredBy: text('registered_by').notNull().references(() => users.id),
    registeredAt: timestamptz('registered_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('firmware_releases_vendor_version_idx').on(t.vendorId, t.version), index('firmware_releases_models_idx').using('gin', t.models)],
);

/**
 * What each device last said it is (ISAPI `deviceInfo`): its model and firmware version, read by the periodic
 * assessment and after every upgrade or rollback. Plans are drafted against it; releases are matched by model.
 */
export const deviceFirmware = pgTable('device_firmware', {
  deviceId: text('device_id').primaryKey().references(() => devices.id),
  model: text('model').notNull(),
  firmwareVersion: text('firmware_version').notNull(),
  reportedAt: timestamptz('reported_at').notNull(),
});

/**
 * P3.3a: an upgrade plan as the tech supervisor drafted it (what per model, which devices, the window, the risk
 * assessment, the rollback plan, waves and the failure threshold) and where it stands; its process holds the
 * decisions. The id is the client's, so a retried draft is one plan.
 */
export const upgradePlans = pgTable(
  'upgrade_plans',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').notNull().unique(),
    title: text('title').notNull(),
    status: text('status', { enum: UPGRADE_PLAN_STATUSES }).notNull(),
    /** Per device model: the release to install and, for a rollback, the release of the version the devices run now. */
    targets: jsonb('targets').notNull(),
    canaryDeviceId: text('canary_device_id').notNull().references(() => devices.id),
    windowStartsAt: timestamptz('window_starts_at').notNull(),
    windowEndsAt: timestamptz('window_ends_at').notNull(),
    waveSize: integer('wave_size').notNull(),
    /** The rollout stops once more devices than this have failed. */
    maxFailures: integer('max_failures').notNull(),
    wavePauseMs: integer('wave_pause_ms').notNull(),
    risk: text('risk', { enum: UPGRADE_RISKS }).notNull(),
    riskAssessment: text('risk_assessment').notNull(),
    rollbackPlan: text('rollback_plan').notNull(),
    /** Management approves too: high risk, or access-control or alarm devices. */
    needsManagement: boolean('needs_management').notNull(),
    draftedBy: text('drafted_by').notNull().references(() => users.id),
    draftedAt: timestamptz('drafted_at').notNull(),
    /** Who approved, when (tech supervisor, then management when needed). */
    approvals: jsonb('approvals').notNull().default(sql`'[]'::jsonb`),
    startedAt: timestamptz('started_at'),
    endedAt: timestamptz('ended_at'),
    /** Why it ended as it did, and the counts per device state. */
    outcome: jsonb('outcome'),
    /** P3.3b, P5.2b: the backup of Steward's data taken before the devices (a `backup_runs` id), and whether it succeeded. */
    stewardBackupRunId: text('steward_backup_run_id'),
    stewardBackupStatus: text('steward_backup_status', { enum: ['succeeded', 'failed'] }),
    /** The restore drill started once the plan ended (a `backup_drills` id). */
    drillId: text('drill_id'),
  },
  (t) => [index('upgrade_plans_status_idx').on(t.status, t.windowEndsAt)],
);

/**
 * P3.3b: one device in a plan, recorded as the upgrade goes: versions before and after, the backup used, the
 * checks and their results, the durations. `uploadSentAt` is written before an image is sent, so a retried
 * activity (a worker killed mid-wave) never sends it twice in one attempt.
 */
export const upgradeDevices = pgTable(
  'upgrade_devices',
  {
    planId: text('plan_id').notNull().references(() => upgradePlans.id),
    deviceId: text('device_id').notNull().references(() => devices.id),
    /** 0: the canary; then the waves in order. */
    wave: integer('wave').notNull(),
    position: integer('position').notNull(),
    model: text('model').notNull(),
    targetVersion: text('target_version').notNull(),
    state: text('state', { enum: UPGRADE_DEVICE_STATES }).notNull().default('pending'),
    /** Tries of the device: a tech supervisor's retry is the next one. */
    attempt: integer('attempt').notNull().default(0),
    versionBefore: text('version_before'),
    versionAfter: text('version_after'),
    /** The configuration exported before anything changed: a sealed `device-configuration` attachment and its SHA-256. */
    backupFileId: text('backup_file_id').references(() => attachments.id),
    backupSha256: text('backup_sha256'),
    backedUpAt: timestamptz('backed_up_at'),
    uploadSentAt: timestamptz('upload_sent_at'),
    /** When the device was first seen writing the image (a retry then knows it arrived). */
    writingSeenAt: timestamptz('writing_seen_at'),
    /** When the device was first seen off the network after the upload (the database's clock, as heartbeats'). */
    rebootSeenAt: timestamptz('reboot_seen_at'),
    rollbackUploadSentAt: timestamptz('rollback_upload_sent_at'),
    rollbackStartedAt: timestamptz('rollback_started_at'),
    /** The verification's and the rollback's checks: `{ check, passed, detail }`. */
    checks: jsonb('checks').notNull().default(sql`'[]'::jsonb`),
    rollbackChecks: jsonb('rollback_checks').notNull().default(sql`'[]'::jsonb`),
    error: text('error'),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
    /** From the upload to the verification's verdict, and the rollback's own. */
    upgradeMs: integer('upgrade_ms'),
    rollbackMs: integer('rollback_ms'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.deviceId] }), index('upgrade_devices_device_idx').on(t.deviceId)],
);

/**
 * P3.3a: the periodic assessment's proposals, one per device that runs older firmware than its model's newest
 * registered release, weighed by its open fault repairs and the age of what it runs. Each assessment replaces them.
 */
export const upgradeProposals = pgTable(
  'upgrade_proposals',
  {
    deviceId: text('device_id').primaryKey().references(() => devices.id),
    model: text('model').notNull(),
    currentVersion: text('current_version').notNull(),
    releaseId: text('release_id').notNull().references(() => firmwareReleases.id),
    version: text('version').notNull(),
    /** Fault repairs about the device still open when it was assessed. */
    openFaults: integer('open_faults').notNull(),
    /** Days since the release the device runs came out; null when that release is not registered. */
    currentAgeDays: integer('current_age_days'),
    priority: text('priority', { enum: UPGRADE_PRIORITIES }).notNull(),
    assessedAt: timestamptz('assessed_at').notNull(),
    /** The assessment run that proposed it. */
    workflowId: text('workflow_id').notNull(),
  },
  (t) => [index('upgrade_proposals_priority_idx').on(t.priority, t.deviceId)],
);
