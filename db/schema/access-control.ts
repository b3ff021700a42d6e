import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ACCESS_PERSON_KINDS, CREDENTIAL_KINDS } from '../../contracts/vocabulary';
import { attachments, buildings, devices, owners, residents, units, users } from './core';
import { dataKeys } from './sealed';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---- access control (P4.2b): people, credentials, consents, passes, plates ----

/** Which access-control devices are doors and which are vehicle barriers, and whose doors they are. */
export const accessPoints = pgTable('access_points', {
  deviceId: text('device_id')
    .primaryKey()
    .references(() => devices.id),
  kind: text('kind', { enum: ['door', 'barrier'] }).notNull(),
  /** Null for estate-wide doors (the main gate), which everyone with access may open. */
  buildingId: text('building_id').references(() => buildings.id),
});

/** A person who may be given credentials; linked to an owner or a user where one is known. */
export const accessPeople = pgTable(
  'access_people',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ACCESS_PERSON_KINDS }).notNull(),
    name: text('name').notNull(),
    ownerId: text('owner_id').references(() => owners.id),
    userId: text('user_id').references(() => users.id),
    /** The registered resident (a family member or tenant) this person is: their move-out revokes this access. */
    residentId: text('resident_id').references(() => residents.id),
    /** The unit the person lives in or visits; its building decides which doors they open. */
    unitId: text('unit_id').references(() => units.id),
    status: text('status', { enum: ['active', 'left'] })
      .notNull()
      .default('active'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    leftAt: timestamptz('left_at'),
  },
  (t) => [index('access_people_owner_idx').on(t.ownerId), index('access_people_user_idx').on(t.userId)],
);

/**
 * One credential. A card number is kept here, sealed; the secret material (face image, fingerprint
 * template, PIN) lives sealed in `attachments` and only its id travels, so no process history ever
 * holds a face.
 */
export const credentials = pgTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => accessPeople.id),
    kind: text('kind', { enum: CREDENTIAL_KINDS }).notNull(),
    /** The full card number, sealed under `data_key_id`: the door controller needs it to enrol and revoke. */
    sealedCardNo: text('sealed_card_no'),
    /** What people are shown of a card. */
    cardLast4: text('card_last4'),
    dataKeyId: text('data_key_id').references(() => dataKeys.id),
    fingerIndex: integer('finger_index'),
    /** Attachment holding the face image, fingerprint template or PIN; erased on face deletion. */
    secretId: text('secret_id').references(() => attachments.id, { onDelete: 'set null' }),
    /** `expired`: being revoked, it ran out of validity on a door that never answered (the door refuses it now). */
    status: text('status', { enum: ['enrolling', 'active', 'refused', 'revoking', 'revoked', 'failed', 'expired'] }).notNull(),
    validFrom: timestamptz('valid_from').notNull(),
    validUntil: timestamptz('valid_until').notNull(),
    /** The process that enrolled it (credential-enrolment or visitor-pass). */
    workflowId: text('workflow_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    revokedAt: timestamptz('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('credentials_person_idx').on(t.personId, t.status)],
);

/**
 * Per-device state of a credential, written by the activities that talk to the device. `revoke-pending`: the
 * device has not answered a revocation and is being retried; `lapsed`: it never answered before the
 * credential's validity ended.
 */
export const credentialDevices = pgTable(
  'credential_devices',
  {
    credentialId: text('credential_id')
      .notNull()
      .references(() => credentials.id),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    state: text('state', { enum: ['pending', 'enrolled', 'enrol-failed', 'revoked', 'revoke-pending', 'revoke-failed', 'lapsed'] }).notNull(),
    lastError: text('last_error'),
    /** Tries of a revocation the device did not answer. */
    attempts: integer('attempts').notNull().default(0),
    /** Since when the device has not answered the revocation; cleared when it does. */
    pendingSince: timestamptz('pending_since'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.credentialId, t.deviceId] })],
);

/**
 * The person's own consent to face recognition (PIPL art. 14, 26, 29; SPC face-recognition provisions
 * art. 2, 4): who consented, when, for what, how it was evidenced, and its withdrawal.
 */
export const faceConsents = pgTable(
  'face_consents',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => accessPeople.id),
    scope: text('scope', { enum: ['door-access'] }).notNull(),
    /** `self`: the person signed in and consented; `signed-form`: staff recorded the person's signed form. */
    method: text('method', { enum: ['self', 'signed-form'] }).notNull(),
    evidenceId: text('evidence_id').references(() => attachments.id),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    consentedAt: timestamptz('consented_at').notNull().defaultNow(),
    withdrawnAt: timestamptz('withdrawn_at'),
    withdrawnBy: text('withdrawn_by').references(() => users.id),
  },
  (t) => [uniqueIndex('face_consents_live_idx').on(t.personId, t.scope).where(sql`${t.withdrawnAt} is null`)],
);

/** A request to delete a person's face (PIPL art. 47), and its outcome. */
export const faceDeletions = pgTable('face_deletions', {
  id: text('id').primaryKey(),
  personId: text('person_id')
    .notNull()
    .references(() => accessPeople.id),
  requestedBy: text('requested_by')
    .notNull()
    .references(() => users.id),
  requestedAt: timestamptz('requested_at').notNull().defaultNow(),
  workflowId: text('workflow_id').notNull(),
  status: text('status', { enum: ['running', 'completed', 'incomplete'] }).notNull(),
  /** Stored face images erased from Steward's own database. */
  imagesErased: integer('images_erased'),
  completedAt: timestamptz('completed_at'),
});

/** Which device the face was deleted from, when, and with what result. */
export const faceDeletionDevices = pgTable(
  'face_deletion_devices',
  {
    deletionId: text('deletion_id')
      .notNull()
      .references(() => faceDeletions.id),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    /** The latest try's real result: `failed` with the reason while the device is still being retried. */
    result: text('result', { enum: ['deleted', 'failed'] }).notNull(),
    error: text('error'),
    /** Tries made on the device. */
    attempts: integer('attempts').notNull().default(0),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.deletionId, t.deviceId] })],
);

/** A visitor pass: the visitor's credential opens the host unit's doors within the window, then expires. */
export const visitorPasses = pgTable(
  'visitor_passes',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => accessPeople.id),
    credentialId: text('credential_id')
      .notNull()
      .references(() => credentials.id),
    hostUnitId: text('host_unit_id')
      .notNull()
      .references(() => units.id),
    issuedBy: text('issued_by')
      .notNull()
      .references(() => users.id),
    validFrom: timestamptz('valid_from').notNull(),
    validUntil: timestamptz('valid_until').notNull(),
    status: text('status', { enum: ['active', 'expired', 'revoked'] }).notNull(),
    workflowId: text('workflow_id').notNull(),
    endedAt: timestamptz('ended_at'),
  },
  (t) => [index('visitor_passes_unit_idx').on(t.hostUnitId, t.validUntil)],
);

/** Revocation records: every credential of a person who moved out or left, device by device. */
export const accessRevocations = pgTable('access_revocations', {
  workflowId: text('workflow_id').primaryKey(),
  personId: text('person_id')
    .notNull()
    .references(() => accessPeople.id),
  reason: text('reason', { enum: ['moved-out', 'left', 'credential'] }).notNull(),
  requestedBy: text('requested_by').notNull(),
  credentialsRevoked: integer('credentials_revoked').notNull(),
  devicesFailed: text('devices_failed').array().notNull(),
  completedAt: timestamptz('completed_at').notNull(),
});

/** The vehicle plates the barriers allow or refuse. */
export const vehiclePlates = pgTable('vehicle_plates', {
  plate: text('plate').primaryKey(),
  list: text('list', { enum: ['allow', 'refuse'] }).notNull(),
  ownerId: text('owner_id').references(() => owners.id),
  note: text('note'),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  /** The plate-list process that last pushed it, and whether every barrier took it. */
  workflowId: text('workflow_id'),
  syncState: text('sync_state', { enum: ['pending', 'synced', 'failed'] })
    .notNull()
    .default('pending'),
});

/** How each ANPR read at a barrier was answered. */
export const anprDecisions = pgTable(
  'anpr_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    /** The device's event sequence, so a redelivered event is answered once. */
    sequence: integer('sequence'),
    plate: text('plate').notNull(),
    decision: text('decision', { enum: ['allowed', 'refused'] }).notNull(),
    reason: text('reason').notNull(),
    occurredAt: timestamptz('occurred_at').notNull(),
  },
  (t) => [uniqueIndex('anpr_decisions_event_idx').on(t.deviceId, t.sequence), index('anpr_decisions_at_idx').on(t.occurredAt)],
);
