import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { devices, users, zones } from './core';
import { dataKeys } from './sealed';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---- master data: how devices are reached and who guards which zone ----

/** How Steward reaches a device (its adapter, address, credentials) and how the device proves its pushes. */
export const deviceConnections = pgTable('device_connections', {
  deviceId: text('device_id').primaryKey().references(() => devices.id),
  protocol: text('protocol', { enum: ['isapi'] }).notNull().default('isapi'),
  /** ISAPI base URL, e.g. `http://10.0.3.21` or a simulator's `http://127.0.0.1:8091/devices/door-b1`. */
  baseUrl: text('base_url').notNull(),
  username: text('username').notNull(),
  /** The device's own admin password, sealed: Steward must present it (Digest), so it cannot be a hash. */
  sealedPassword: text('sealed_password').notNull(),
  /**
   * The push key, sealed: the SHA-256 of the device's push secret, which keys its MQTT signatures and
   * checks its HTTP Basic secret. Sealed, a copy of the database can neither sign nor sign in.
   */
  sealedPushKey: text('sealed_push_key').notNull(),
  dataKeyId: text('data_key_id').references(() => dataKeys.id),
  /** Camera channel shown on the console when the zone's alarm calls the camera up. */
  cameraChannel: integer('camera_channel').notNull().default(1),
});

/** P4.2c: the guards on duty per zone, in the order an unacknowledged dispatch walks through them. */
export const guardRoster = pgTable(
  'guard_roster',
  {
    zoneId: text('zone_id').notNull().references(() => zones.id),
    userId: text('user_id').notNull().references(() => users.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.userId] })],
);

/**
 * P4.2c, issue 12: the guard roster's shifts, entered through review: which guard covers which zone on which day and
 * hours (in the community's time zone, as entered; `startsAt`/`endsAt` the instants they mean, an overnight shift
 * ending the next day). The alarm dispatch asks first for the guards on a shift covering the moment it dispatches.
 */
export const guardShifts = pgTable(
  'guard_shifts',
  {
    id: text('id').primaryKey(),
    zoneId: text('zone_id').notNull().references(() => zones.id),
    userId: text('user_id').notNull().references(() => users.id),
    shiftDate: date('shift_date', { mode: 'string' }).notNull(),
    /** HH:MM, as entered. */
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    /** A cancelled shift stays for its history; it covers nothing. */
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('guard_shifts_zone_idx').on(t.zoneId, t.startsAt), index('guard_shifts_user_idx').on(t.userId, t.startsAt), index('guard_shifts_date_idx').on(t.shiftDate, t.id)],
);

// ---- device events and health (projections; workflows hold incident truth) ----

/**
 * Every device event Steward accepted, normalised (DESIGN.md "Devices"); (device, epoch, sequence) drops
 * duplicates. The epoch counts the device's restarts of its numbering (reboot, reset, replacement).
 */
export const deviceEvents = pgTable(
  'device_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deviceId: text('device_id').notNull().references(() => devices.id),
    /** The device's serial number; null when the payload had none (then it cannot be deduplicated). */
    sequence: integer('sequence'),
    /** The device's numbering run this event belongs to (`device_health.epoch` when it arrived). */
    epoch: integer('epoch').notNull().default(0),
    kind: text('kind', { enum: ['alarm', 'access', 'exception', 'operation'] }).notNull(),
    type: text('type').notNull(),
    state: text('state', { enum: ['active', 'inactive'] }).notNull(),
    major: integer('major').notNull(),
    minor: integer('minor').notNull(),
    channel: integer('channel'),
    door: integer('door'),
    subject: text('subject'),
    occurredAt: timestamptz('occurred_at').notNull(),
    receivedAt: timestamptz('received_at').notNull(),
    source: text('source', { enum: ['http', 'mqtt', 'backfill'] }).notNull(),
    /** Alarms only: the alarm-linkage workflow signalled, `pending` until its signal is through (the outbox), `none` if no incident was open for an inactive report. */
    incidentWorkflowId: text('incident_workflow_id'),
    /** When a gateway last took a pending alarm to signal it; the outbox re-signals pending alarms whose claim is older than its lease. */
    claimedAt: timestamptz('claimed_at'),
    raw: jsonb('raw').notNull(),
  },
  (t) => [
    uniqueIndex('device_events_sequence_idx').on(t.deviceId, t.epoch, t.sequence),
    // A resend is recognised in any epoch: one that arrives after the device's restart is still a duplicate.
    index('device_events_device_sequence_idx').on(t.deviceId, t.sequence),
    index('device_events_pending_idx').on(t.claimedAt).where(sql`incident_workflow_id = 'pending'`),
    index('device_events_received_idx').on(t.deviceId, t.receivedAt),
    // The console's live repeat count is recounted per batch from the incident's events.
    index('device_events_incident_idx').on(t.incidentWorkflowId),
  ],
);

export const DEVICE_HEALTH = ['streaming', 'stale', 'down', 'unknown'] as const;
export type DeviceHealthStatus = (typeof DEVICE_HEALTH)[number];

/** P3.1b: each device's liveness from heartbeats and events; `stale` is never shown as off. */
export const deviceHealth = pgTable(
  'device_health',
  {
    deviceId: text('device_id').primaryKey().references(() => devices.id),
    status: text('status', { enum: DEVICE_HEALTH }).notNull().default('unknown'),
    lastSeenAt: timestamptz('last_seen_at'),
    statusSince: timestamptz('status_since').notNull().defaultNow(),
    /** Highest serial number such that every earlier one has been received (or backfilled). */
    contiguousSequence: integer('contiguous_sequence').notNull().default(0),
    /** Highest serial number seen at all; a gap is contiguous < highest. */
    highestSequence: integer('highest_sequence').notNull().default(0),
    /** The fault repair opened when the device went down, until it streams again. */
    faultWorkflowId: text('fault_workflow_id'),
    /** How many times the device has gone down: makes each outage's fault-repair id unique and stable. */
    outageCount: integer('outage_count').notNull().default(0),
    /** The device's numbering run: a restart of its serial numbers starts the next one (sequences above are per epoch). */
    epoch: integer('epoch').notNull().default(0),
    /** When the device's numbering last started again; null if it never has. */
    restartedAt: timestamptz('restarted_at'),
  },
  (t) => [index('device_health_status_idx').on(t.status, t.lastSeenAt)],
);

/** Which incident of a zone and alarm type is current: the n-th incident has workflow id `alarm-<zone>-<type>-<n>`. */
export const alarmCorrelations = pgTable(
  'alarm_correlations',
  {
    zoneId: text('zone_id').notNull().references(() => zones.id),
    alarmType: text('alarm_type').notNull(),
    incidentNo: integer('incident_no').notNull(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.alarmType] })],
);

/** The console's live view of alarm incidents, written by the alarm-linkage workflow's activities. */
export const alarmIncidents = pgTable(
  'alarm_incidents',
  {
    workflowId: text('workflow_id').primaryKey(),
    zoneId: text('zone_id').notNull().references(() => zones.id),
    alarmType: text('alarm_type').notNull(),
    status: text('status', { enum: ['open', 'dispatched', 'acknowledged', 'on-site', 'closed'] }).notNull(),
    repeatCount: integer('repeat_count').notNull(),
    /** The detector itself: active while it still reports, inactive once it went quiet (the incident stays latched). */
    detectorState: text('detector_state', { enum: ['active', 'inactive'] }).notNull(),
    openedAt: timestamptz('opened_at').notNull(),
    lastEventAt: timestamptz('last_event_at').notNull(),
    assignedGuard: text('assigned_guard'),
    /** The open dispatch task, so the console can acknowledge it. */
    dispatchTaskId: text('dispatch_task_id'),
    cameras: jsonb('cameras').notNull().default(sql`'[]'::jsonb`),
    timeline: jsonb('timeline').notNull().default(sql`'[]'::jsonb`),
    outcome: jsonb('outcome'),
    closedAt: timestamptz('closed_at'),
    /** Highest projection version applied, so a retried write is applied once and out-of-order ones are dropped. */
    version: integer('version').notNull().default(0),
  },
  (t) => [index('alarm_incidents_open_idx').on(t.status, t.openedAt)],
);
