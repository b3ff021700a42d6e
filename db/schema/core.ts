import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  json,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { DELIVERY_STATUSES, ID_DOCUMENT_KINDS, INSTANCE_STATUSES, RESIDENT_RELATIONS, SYSTEMS, UNIT_USES } from '../../contracts/vocabulary';
import { dataKeys } from './sealed';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---- master data: the community ----

export const buildings = pgTable('buildings', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const units = pgTable('units', {
  id: text('id').primaryKey(),
  buildingId: text('building_id').notNull().references(() => buildings.id),
  number: text('number').notNull(),
  /** Registered exclusive (专有部分) area in m², the weight of an owner's vote under art. 278. */
  exclusiveArea: numeric('exclusive_area', { precision: 10, scale: 2 }).notNull(),
  use: text('use', { enum: UNIT_USES }).notNull().default('residential'),
  deliveryStatus: text('delivery_status', { enum: DELIVERY_STATUSES }).notNull().default('sold-delivered'),
  /** A disabled unit (entered in error, merged) stays for the history but leaves later voter rolls. */
  active: boolean('active').notNull().default(true),
});

export const owners = pgTable('owners', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The developer's unsold units together count as one owner (SPC interpretation art. 9). */
  kind: text('kind', { enum: ['person', 'developer'] }).notNull().default('person'),
  idDocumentKind: text('id_document_kind', { enum: ID_DOCUMENT_KINDS }),
  /** The identity document's number, sealed under `data_key_id` (db/sealed/records.ts); people see it masked. */
  sealedIdDocument: text('sealed_id_document'),
  /** Its last 4 characters, for the masked display. */
  idDocumentLast4: text('id_document_last4'),
  /** Where the owner portal's invitation is sent by SMS; entered through review. */
  mobile: text('mobile'),
  dataKeyId: text('data_key_id').references(() => dataKeys.id),
});

/**
 * Who lives in a unit without owning it (issue 12): an owner's family member or a tenant, entered through review.
 * Their identity document is sealed like an owner's; a move-out keeps the row (the history names it) and ends their
 * door access.
 */
export const residents = pgTable(
  'residents',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    relation: text('relation', { enum: RESIDENT_RELATIONS }).notNull(),
    phone: text('phone').notNull(),
    idDocumentKind: text('id_document_kind', { enum: ID_DOCUMENT_KINDS }).notNull(),
    sealedIdDocument: text('sealed_id_document').notNull(),
    idDocumentLast4: text('id_document_last4').notNull(),
    dataKeyId: text('data_key_id').references(() => dataKeys.id),
    moveInDate: date('move_in_date', { mode: 'string' }).notNull(),
    moveOutDate: date('move_out_date', { mode: 'string' }),
  },
  (t) => [index('residents_unit_idx').on(t.unitId)],
);

/** Co-owners share a unit (two rows, one unit); a multi-unit owner has one row per unit. */
export const unitOwners = pgTable(
  'unit_owners',
  {
    unitId: text('unit_id').notNull().references(() => units.id),
    ownerId: text('owner_id').notNull().references(() => owners.id),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.ownerId] }), index('unit_owners_owner_idx').on(t.ownerId)],
);

export const zones = pgTable('zones', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Null for estate-wide common areas (gates, car park). */
  buildingId: text('building_id').references(() => buildings.id),
  /** A disabled zone (a closed area) stays for its devices' and shifts' history; nothing new is placed in it. */
  active: boolean('active').notNull().default(true),
});

export const devices = pgTable('devices', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  zoneId: text('zone_id').notNull().references(() => zones.id),
  system: text('system', { enum: SYSTEMS }).notNull(),
  /** A disabled device (taken out, replaced) stays for the history; its pushes are refused and its health unwatched. */
  active: boolean('active').notNull().default(true),
});

export const vendors = pgTable('vendors', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** P2.2a: the registry's verdict; only `qualified` suppliers are invited to procurements. */
  qualificationStatus: text('qualification_status', { enum: ['pending', 'qualified', 'rejected'] }).notNull().default('pending'),
  qualifiedAt: timestamptz('qualified_at'),
  /** P2.2a: when the periodic re-qualification is due. */
  requalifyDueAt: timestamptz('requalify_due_at'),
  contactEmail: text('contact_email'),
});

/** The maintenance contract that makes a vendor responsible for one system (P2.2b, P3.2b). */
export const vendorContracts = pgTable(
  'vendor_contracts',
  {
    id: text('id').primaryKey(),
    vendorId: text('vendor_id').notNull().references(() => vendors.id),
    system: text('system', { enum: SYSTEMS }).notNull(),
    /** The vendor's repair SLA, which fault repair enforces after escalation. */
    repairSlaSeconds: integer('repair_sla_seconds').notNull(),
    active: boolean('active').notNull().default(true),
    /** The procurement contract this maintenance duty comes from (P2.2b); null for older contracts. */
    procurementContractId: text('procurement_contract_id'),
  },
  (t) => [uniqueIndex('vendor_contracts_active_system_idx').on(t.system).where(sql`${t.active}`)],
);

// ---- people and sessions ----

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  displayName: text('display_name').notNull(),
  roles: text('roles').array().notNull(),
  ownerId: text('owner_id').references(() => owners.id),
  vendorId: text('vendor_id').references(() => vendors.id),
  /** The department a staff member works in (P1.2); null for owners and suppliers' staff. */
  department: text('department'),
  active: boolean('active').notNull().default(true),
  /** Set by an administrator's reset (and for a new account): only the change of password works until it is changed. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
});

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie token, so a database leak does not leak live sessions. */
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  expiresAt: timestamptz('expires_at').notNull(),
  /** For the idle timeout: moved on as the session is used (at most once a minute). */
  lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
});

/**
 * Sign-in attempts still counting against a username and an address (H6). An attempt is written
 * before its password is checked, so parallel guesses count too; a successful sign-in clears the
 * username's rows.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    address: text('address').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (table) => [index('login_attempts_username_idx').on(table.username, table.at), index('login_attempts_address_idx').on(table.address, table.at)],
);

// ---- projections written by activities (fast reads; Temporal history stays the truth) ----

export const processInstances = pgTable(
  'process_instances',
  {
    workflowId: text('workflow_id').primaryKey(),
    process: text('process').notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: INSTANCE_STATUSES }).notNull(),
    startedBy: text('started_by'),
    startedAt: timestamptz('started_at').notNull(),
    endedAt: timestamptz('ended_at'),
    currentSteps: text('current_steps').array().notNull().default(sql`'{}'`),
    data: jsonb('data').notNull().default({}),
    /** Highest transition sequence applied, so a retried projection write is applied once. */
    lastSeq: integer('last_seq').notNull().default(0),
    /**
     * The unit the instance is about, for the auditors' search: where each process keeps it in its data (a fault
     * report's location, a visitor pass's host unit). Derived by the database, so no writer can miss it.
     */
    unitId: text('unit_id').generatedAlwaysAs(sql`coalesce(data #>> '{report,location,unitId}', data ->> 'hostUnitId')`),
  },
  (t) => [
    // The search walks the newest first (keyset on started_at, workflow_id) within whichever filter narrows most.
    index('process_instances_list_idx').on(t.status, t.startedAt, t.workflowId),
    index('process_instances_started_idx').on(t.startedAt, t.workflowId),
    index('process_instances_process_idx').on(t.process, t.startedAt, t.workflowId),
    index('process_instances_unit_idx').on(t.unitId, t.startedAt, t.workflowId),
    index('process_instances_started_by_idx').on(t.startedBy, t.startedAt),
    // The archiver and the nightly replay look for instances that ended recently.
    index('process_instances_ended_idx').on(t.endedAt),
    // Device availability (P7.2a) reads the outage repairs that overlap its period, a small share of all instances.
    index('process_instances_outages_idx')
      .on(t.startedAt)
      .where(sql`${t.process} = 'fault-repair' and ${t.data} #>> '{report,source}' = 'monitoring'`),
  ],
);

/**
 * How processes lead to one another (plan → filing, vote, procurement → delivery → acceptance → the
 * repairs of what was bought), so that from any instance its whole chain is one click away.
 */
export const processLinks = pgTable(
  'process_links',
  {
    fromWorkflowId: text('from_workflow_id').notNull(),
    toWorkflowId: text('to_workflow_id').notNull(),
    /** What the target is to the source, e.g. `filing`, `vote`, `procurement`, `repair`. */
    relation: text('relation').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fromWorkflowId, t.toWorkflowId, t.relation] }), index('process_links_to_idx').on(t.toWorkflowId)],
);

export const stepEvents = pgTable(
  'step_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workflowId: text('workflow_id').notNull(),
    seq: integer('seq').notNull(),
    stepId: text('step_id').notNull(),
    event: text('event').notNull(),
    visit: integer('visit').notNull(),
    actor: text('actor'),
    at: timestamptz('at').notNull(),
    detail: jsonb('detail'),
  },
  (t) => [uniqueIndex('step_events_seq_idx').on(t.workflowId, t.seq)],
);

export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').notNull(),
    process: text('process').notNull(),
    stepId: text('step_id').notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: ['open', 'completed', 'cancelled'] }).notNull(),
    candidateRoles: text('candidate_roles').array().notNull(),
    candidateUsers: text('candidate_users').array().notNull(),
    assignee: text('assignee'),
    priority: smallint('priority').notNull(),
    dueAt: timestamptz('due_at').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    completedAt: timestamptz('completed_at'),
    completedBy: text('completed_by'),
    // json, not jsonb: jsonb reorders keys, and a form's fields must keep the order they were declared in.
    formSchema: json('form_schema').notNull(),
    context: json('context').notNull(),
    result: jsonb('result'),
  },
  (t) => [
    // The worklist walks open tasks in due order and filters by candidates: an index scan whose
    // cost depends on the page size and the role's share, not on the table size.
    index('tasks_worklist_idx').on(t.status, t.dueAt, t.id),
    // For people few open tasks match (an owner, one vendor's staff), walking the due order would
    // read every open task; these let the planner go straight to theirs.
    index('tasks_open_candidates_idx')
      .using('gin', t.candidateRoles, t.candidateUsers)
      .where(sql`${t.status} = 'open'`),
    index('tasks_open_assignee_idx').on(t.assignee).where(sql`${t.status} = 'open'`),
    index('tasks_workflow_idx').on(t.workflowId),
    // The auditors' search by actor: the instances a person completed a task in.
    index('tasks_completed_by_idx').on(t.completedBy, t.workflowId).where(sql`${t.completedBy} is not null`),
    // Platform use (P7.2a): who completed a task in a period.
    index('tasks_completed_at_idx').on(t.completedAt, t.completedBy).where(sql`${t.completedBy} is not null`),
  ],
);

export const taskActions = pgTable(
  'task_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: text('task_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    action: text('action', { enum: ['claimed', 'released', 'reassigned', 'reminded', 'escalated'] }).notNull(),
    actor: text('actor'),
    at: timestamptz('at').notNull().defaultNow(),
    detail: jsonb('detail'),
  },
  (t) => [index('task_actions_workflow_idx').on(t.workflowId, t.at)],
);

// ---- records the policy says to keep ----

/** P3.2c: the repair record, part of the maintenance archive. */
export const repairRecords = pgTable('repair_records', {
  workflowId: text('workflow_id').primaryKey(),
  system: text('system').notNull(),
  location: jsonb('location').notNull(),
  symptoms: text('symptoms').notNull(),
  cause: text('cause').notNull(),
  repairProcess: text('repair_process').notNull(),
  partsReplaced: text('parts_replaced').array().notNull(),
  timeSpentMinutes: integer('time_spent_minutes').notNull(),
  repairedBy: text('repaired_by').notNull(),
  vendorId: text('vendor_id').references(() => vendors.id),
  verifiedBy: text('verified_by').notNull(),
  reworkCount: integer('rework_count').notNull(),
  reportedBy: text('reported_by'),
  closedAt: timestamptz('closed_at').notNull(),
  rating: smallint('rating'),
  ratingComment: text('rating_comment'),
  ratedAt: timestamptz('rated_at'),
});

/**
 * What a stored file is. Each file route serves only its own kind to those who may read the record
 * the file belongs to; face, fingerprint and PIN material is never served over HTTP.
 */
export const ATTACHMENT_KINDS = ['inspection-photo', 'fault-photo', 'feedback-photo', 'consent-scan', 'face', 'fingerprint', 'pin', 'firmware', 'device-configuration', 'training-certificate'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
/** Kinds stored encrypted (P4.3c, P5.2c): biometrics, PINs, the signed consent forms, and devices' configurations (they hold the doors' cards, faces and PINs). */
export const SEALED_ATTACHMENT_KINDS = ['face', 'fingerprint', 'pin', 'consent-scan', 'device-configuration'] as const satisfies readonly AttachmentKind[];

/** Photos and documents; processes carry only the id, keeping large payloads out of history. */
export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ATTACHMENT_KINDS }).notNull(),
    /**
     * The record the file belongs to: the fault's workflow, the inspection's workflow (set when its
     * record is stored), the owner's feedback, the credential, the person consenting, the firmware release, the upgraded device (`<plan>/<device>`), the person a training certificate is theirs.
     */
    recordId: text('record_id'),
    contentType: text('content_type').notNull(),
    /** Base64; for the sealed kinds the ciphertext under `data_key_id` (db/sealed/records.ts). */
    content: text('content').notNull(),
    /** The data key sealing the content; erasing it erases the file (a face's crypto-shredding). */
    dataKeyId: text('data_key_id').references(() => dataKeys.id),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (table) => [check('attachments_kind', sql`${table.kind} in ('inspection-photo', 'fault-photo', 'feedback-photo', 'consent-scan', 'face', 'fingerprint', 'pin', 'firmware', 'device-configuration', 'training-certificate')`)],
);
