/**
 * The value lists the API's schemas are built from, shared with the database schema and the UI.
 * No zod here: the UI imports these at runtime without bundling zod.
 */

/** The building systems a community runs; faults, inspections and procurements name one. */
export const SYSTEMS = ['cctv', 'access-control', 'intrusion-alarm', 'network', 'elevator-monitoring', 'smart-home'] as const;
export type SystemKind = (typeof SYSTEMS)[number];

/**
 * An instance's state: the tracker writes running, completed and failed; the archiver writes how Temporal
 * closed an instance that never reported its end (terminated, timed out, cancelled, failed).
 */
export const INSTANCE_STATUSES = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'timed-out'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** How a step of an instance is marked on its diagram. */
export const STEP_STATUSES = ['completed', 'active', 'failed', 'overdue'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** A worklist task's state. */
export const TASK_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Who may be made responsible for a plan: the staff who walk the estate. */
export const INSPECTOR_ROLES = ['technician', 'tech-supervisor', 'monitoring-operator', 'guard'] as const;

/** What kind of personal data a read served. */
export const ACCESS_KINDS = [
  'person-record',
  'visitor-pass',
  'face-deletion-log',
  'plate-list',
  'anpr-history',
  'fault-report',
  'fault-photo',
  'inspection-photo',
  'camera-snapshot',
  'vote-evidence',
  'bid',
  'process-instance',
  'process-history',
  'task-context',
  'unit-register',
  'staff-user',
  'resident',
  'data-change',
  'owner-feedback',
  'feedback-photo',
  'training-file',
  'training-certificate',
] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** One record, a page of summaries, or a download (evidence, CSV, history): the bulk-export rule counts downloads. */
export const ACCESS_SCOPES = ['record', 'list', 'export'] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];

/** The rules that raise an alert on the access log. */
export const ANOMALY_RULES = ['many-people', 'off-shift', 'bulk-export'] as const;
export type AnomalyRule = (typeof ANOMALY_RULES)[number];

/** What a supplier registers with. */
export const SUPPLIER_DOCUMENT_KINDS = ['business-licence', 'certificate', 'reference', 'other'] as const;

/** Who may hold door credentials, and the kinds of credential. */
export const ACCESS_PERSON_KINDS = ['owner', 'resident', 'staff', 'visitor'] as const;
export const CREDENTIAL_KINDS = ['card', 'face', 'fingerprint', 'pin'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** What a unit is registered for, and how far its sale has gone (sold and delivered, sold not delivered, unsold). */
export const UNIT_USES = ['residential', 'commercial', 'parking', 'storage', 'other'] as const;
export type UnitUse = (typeof UNIT_USES)[number];
export const DELIVERY_STATUSES = ['sold-delivered', 'sold-undelivered', 'unsold'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The identity documents an owner is registered with. */
export const ID_DOCUMENT_KINDS = ['resident-id', 'passport'] as const;
export type IdDocumentKind = (typeof ID_DOCUMENT_KINDS)[number];

/** The departments staff work in (the departments that own each kind of data, issue 12). */
export const DEPARTMENTS = ['management', 'engineering', 'security', 'customer-service', 'finance', 'procurement', 'administration'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** P4.1b: what an owner's feedback is: a complaint, an inquiry or a suggestion. */
export const FEEDBACK_CATEGORIES = ['complaint', 'inquiry', 'suggestion'] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
/** How a feedback ended: the owner confirmed the resolution, did not answer in time, or the suggestion was adopted or declined. */
export const FEEDBACK_RESOLUTIONS = ['confirmed', 'unconfirmed', 'adopted', 'declined'] as const;
export type FeedbackResolution = (typeof FEEDBACK_RESOLUTIONS)[number];

/** P4.1a: who an announcement is for: every owner, the owners of one building, or the owners of named units. */
export const ANNOUNCEMENT_AUDIENCES = ['all', 'building', 'units'] as const;
export type AnnouncementAudience = (typeof ANNOUNCEMENT_AUDIENCES)[number];

/** P5.1b: a master-data change: what it is about, what it does, and where it stands in review. */
export const DATA_CHANGE_KINDS = ['unit', 'unit-owner', 'user', 'device', 'resident', 'zone', 'guard-shift'] as const;
export const DATA_CHANGE_ACTIONS = ['create', 'change', 'disable', 'add-owner', 'remove-owner', 'enable', 'reset-password', 'import', 'move-out'] as const;
export type DataChangeAction = (typeof DATA_CHANGE_ACTIONS)[number];
export const DATA_CHANGE_STATUSES = ['in-review', 'returned', 'withdrawn', 'applied'] as const;
export type DataChangeStatus = (typeof DATA_CHANGE_STATUSES)[number];
/** The diff's fields whose values are choices (a use, a delivery status, a department, in use or not, a reset): shown by their names, never as stored. */
export const DIFF_CHOICE_FIELDS: readonly string[] = ['unit.use', 'unit.deliveryStatus', 'unit.active', 'user.department', 'user.active', 'user.password', 'device.system', 'resident.relation', 'zone.active', 'shift.active'];
/** How a resident of a unit who is not its owner lives there (issue 12): a member of an owner's family, or a tenant. */
export const RESIDENT_RELATIONS = ['family-member', 'tenant'] as const;
export type ResidentRelation = (typeof RESIDENT_RELATIONS)[number];
/** What a spreadsheet imports (P5.1b, reviewed as one change): new units (each with its first owner, if given), owners of registered units, staff users. */
export const IMPORT_SHEETS = ['units', 'owners', 'staff'] as const;
export type ImportSheet = (typeof IMPORT_SHEETS)[number];
/** What review a sheet goes through: the checkers and second approvers of its kind of data (DATA_STEWARDS). */
export const IMPORT_SHEET_KINDS = { units: 'unit', owners: 'unit-owner', staff: 'user' } as const satisfies Record<ImportSheet, (typeof DATA_CHANGE_KINDS)[number]>;
/** What a review decided, as the record's history keeps it. */
export const DATA_CHANGE_OUTCOMES = ['returned', 'withdrawn', 'applied'] as const;

/** The most process instances one worklist query may name (a record and the processes it led to). */
export const MAX_WORKFLOW_IDS = 20;

/** The password rules, one place for the API's checks and the UI's hints (zod-free, so the UI's pages may import it). */
export const PASSWORD_RULES = { minLength: 12, maxLength: 200 } as const;

/** P3.3a: how risky an upgrade plan is; a high one needs management's approval too. */
export const UPGRADE_RISKS = ['low', 'medium', 'high'] as const;
export type UpgradeRisk = (typeof UPGRADE_RISKS)[number];

/** Where an upgrade plan stands: in review, approved and waiting for its window, running, paused for a decision, or ended. */
export const UPGRADE_PLAN_STATUSES = ['in-review', 'rejected', 'approved', 'running', 'paused', 'completed', 'stopped', 'aborted'] as const;
export type UpgradePlanStatus = (typeof UPGRADE_PLAN_STATUSES)[number];

/**
 * P3.3b: one device of a plan: not reached yet, its configuration saved, being upgraded, being verified, upgraded,
 * failed (and being rolled back), rolled back to its previous firmware and configuration, not restored, or left
 * out (the plan stopped first, or its configuration could not be saved).
 */
export const UPGRADE_DEVICE_STATES = ['pending', 'backed-up', 'upgrading', 'verifying', 'upgraded', 'failed', 'rolled-back', 'rollback-failed', 'skipped'] as const;
export type UpgradeDeviceState = (typeof UPGRADE_DEVICE_STATES)[number];

/**
 * P3.3a: how pressing the assessment finds an upgrade: the device has open fault repairs (`urgent`), what it runs is
 * older than the configured age (`due`), or a newer release is simply there (`available`).
 */
export const UPGRADE_PRIORITIES = ['urgent', 'due', 'available'] as const;
export type UpgradePriority = (typeof UPGRADE_PRIORITIES)[number];
