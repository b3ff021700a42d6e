/**
 * Who may do what: every action Steward guards, the roles that may do it, and where a role may do it
 * only on what is its own, the rule that says what is. Routes declare an action as their access; use
 * cases, the worklist and the UI's navigation ask the same actions. Pure data: the API, the UI and
 * workflow code all import it. `docs/permissions.md` is generated from it (`npm run docs:permissions`).
 */

import type { Localised } from './language';

/** Every role a Steward user can hold (P1.2: staff, suppliers, owners, committee, auditors). */
export const ROLES = [
  'owner',
  'technician',
  'tech-supervisor',
  'monitoring-operator',
  'guard',
  'security-supervisor',
  'finance',
  'procurement',
  'management',
  'committee-member',
  'hr',
  'auditor',
  'admin',
  'vendor',
] as const;

export type Role = (typeof ROLES)[number];

/** The roles a staff account may hold: owners' and suppliers' accounts come with their owner or supplier record. */
export const STAFF_ROLES = ROLES.filter((role): role is Exclude<Role, 'owner' | 'vendor'> => role !== 'owner' && role !== 'vendor');

/** What each role is called, for people: the UI's labels and the API's refusals ("ask a tech supervisor"). */
export const ROLE_TITLES: Record<Role, Localised> = {
  owner: { 'zh-CN': '业主', en: 'Owner' },
  technician: { 'zh-CN': '维修技师', en: 'Technician' },
  'tech-supervisor': { 'zh-CN': '技术主管', en: 'Tech supervisor' },
  'monitoring-operator': { 'zh-CN': '监控值班员', en: 'Monitoring operator' },
  guard: { 'zh-CN': '保安', en: 'Guard' },
  'security-supervisor': { 'zh-CN': '安保主管', en: 'Security supervisor' },
  finance: { 'zh-CN': '财务', en: 'Finance' },
  procurement: { 'zh-CN': '采购', en: 'Procurement' },
  management: { 'zh-CN': '管理层', en: 'Management' },
  'committee-member': { 'zh-CN': '业委会委员', en: 'Committee member' },
  hr: { 'zh-CN': '人事', en: 'HR' },
  auditor: { 'zh-CN': '审计', en: 'Auditor' },
  admin: { 'zh-CN': '管理员', en: 'Admin' },
  vendor: { 'zh-CN': '供应商', en: 'Vendor' },
};

/** The object-level rules: what makes a record a user's own. */
export const OWN_RULES = {
  'own-unit': 'a unit the user owns (the unit register), or a common area',
  'own-person': "the access-control person linked to the user's sign-in",
  'own-report': 'a fault the user reported',
  'own-vendor': 'the supplier the user works for',
  'invited-vendor': "a procurement the user's supplier is invited to, and that supplier's own bid",
  'on-the-roll': "a vote whose frozen roll holds the user's owner record, or names them as another owner's proxy",
  'task-candidate': 'a task the user is a candidate for: one of its candidate users, or holding one of its candidate roles (to read it, also one assigned to them)',
  'own-assignment': 'a task assigned to the user',
  'own-feedback': 'feedback the user submitted, or one whose task the user is (or was) a candidate for',
  'own-account': "the user's own account (their training file)",
  'in-audience': "an announcement whose audience holds the user: every owner, or the owners of a unit in its building or among its units",
  'own-announcement': 'an announcement the user drafted',
} as const;

export type OwnRule = keyof typeof OWN_RULES;

export interface Permission {
  description: string;
  /** Roles that may do it on any record. */
  roles: readonly Role[];
  /** Those who may do it only on their own records: roles, or every signed-in user; and the rule saying which. */
  own?: { rule: OwnRule; roles: readonly Role[] | 'signed-in' };
  /** The policy clauses (`../shared/policy/POLICY.md`) that ask for it. */
  clauses?: readonly string[];
}

/** Who runs access control (P4.2b): administration, security and management. */
const ACCESS_STAFF = ['admin', 'guard', 'security-supervisor', 'management'] as const;
/** Who reads people, credentials, passes and the access records: the access staff, HR and auditors. */
const ACCESS_READERS = [...ACCESS_STAFF, 'hr', 'auditor'] as const;
/** The estate's operating staff, who report faults anywhere. */
const OPERATING_STAFF = ['technician', 'tech-supervisor', 'monitoring-operator', 'guard', 'management', 'admin'] as const;
/** Staff who read the supplier registry and procurements (suppliers read their own). */
const SUPPLY_READERS = ['procurement', 'tech-supervisor', 'technician', 'management', 'finance', 'auditor', 'admin'] as const;
/** Who starts deliveries and on-demand supplier evaluations (P2.2c, P2.3a). */
const PROJECT_STARTERS = ['procurement', 'tech-supervisor', 'management', 'admin'] as const;
/** Who reads deliveries and acceptances (P2.3). */
const PROJECT_READERS = ['technician', 'tech-supervisor', 'procurement', 'management', 'finance', 'committee-member', 'auditor', 'admin'] as const;
/** Who keeps the supplier registry (P2.2a). */
const REGISTRY_KEEPERS = ['procurement', 'tech-supervisor', 'admin'] as const;
/** Who plans inspections. */
const INSPECTION_PLANNERS = ['tech-supervisor', 'admin'] as const;
/** Who may reassign or release another person's task (the escalation ladder's last rung). */
const SUPERVISORS = ['tech-supervisor', 'management', 'admin'] as const;
/** Who may be made responsible for an inspection plan: the staff who walk the estate. */
export const INSPECTOR_ROLES = ['technician', 'tech-supervisor', 'monitoring-operator', 'guard'] as const;

export const PERMISSIONS = {
  // Faults (P3.2)
  'fault-repair.start': {
    description: 'Report a fault: staff anywhere, an owner in their own units and common areas',
    roles: OPERATING_STAFF,
    own: { rule: 'own-unit', roles: ['owner'] },
    clauses: ['P3.2a'],
  },
  'fault-repair.start-as-monitoring': {
    description: 'Report a fault as a monitoring event rather than as staff',
    roles: ['monitoring-operator', 'admin'],
    clauses: ['P3.1b', 'P3.2a'],
  },
  'fault-repair.read': {
    description: 'Read faults, their photos and repair records: staff all of them, anyone the faults they reported',
    roles: ['technician', 'tech-supervisor', 'monitoring-operator', 'management', 'admin', 'auditor'],
    own: { rule: 'own-report', roles: 'signed-in' },
    clauses: ['P3.2a', 'P3.2c'],
  },
  'fault-repair.rate': {
    description: 'Rate a closed repair',
    roles: [],
    own: { rule: 'own-report', roles: 'signed-in' },
    clauses: ['P1.3a', 'P7.1b'],
  },
  'fault-repair.close-recovered': {
    description: 'Close an outage repair whose device is back online, while it waits for its diagnosis: nothing was repaired',
    roles: ['technician', 'tech-supervisor', 'admin'],
    clauses: ['P3.1b', 'P3.2c'],
  },
  // Owner feedback (P4.1b)
  'owner-feedback.start': {
    description: 'Submit a complaint, inquiry or suggestion: an owner about their own units and common areas',
    roles: [],
    own: { rule: 'own-unit', roles: ['owner'] },
    clauses: ['P4.1a', 'P4.1b'],
  },
  'owner-feedback.read': {
    description: 'Read feedback, its photos and its thread: management, admins and auditors all of it, an owner their own, staff the feedback they reply to',
    roles: ['management', 'admin', 'auditor'],
    own: { rule: 'own-feedback', roles: 'signed-in' },
    clauses: ['P4.1b', 'P5.3c'],
  },
  // Community announcements (P4.1a)
  'announcement.start': {
    description: 'Draft a community announcement for all owners, a building or named units; management approves it',
    roles: ['admin', 'management'],
    clauses: ['P4.1a'],
  },
  'announcement.read': {
    description: 'Read published announcements: staff every one, an owner those whose audience holds them (each read recorded once)',
    roles: ['management', 'admin', 'auditor'],
    own: { rule: 'in-audience', roles: ['owner'] },
    clauses: ['P4.1a'],
  },
  'announcement.receipts': {
    description: "See an announcement's read receipts (how many of its audience read it): management every one, a drafter their own",
    roles: ['management'],
    own: { rule: 'own-announcement', roles: ['admin'] },
    clauses: ['P4.1a'],
  },
  'location.read': {
    description: 'Read the places a fault can be reported at: staff every unit, others their own units',
    roles: [...OPERATING_STAFF, 'auditor'],
    own: { rule: 'own-unit', roles: 'signed-in' },
    clauses: ['P3.2a'],
  },

  // The worklist and processes
  'worklist.open': {
    description: 'Work from the worklist (navigation, home page): staff and suppliers; others reach a task by its link',
    roles: ROLES.filter((role) => role !== 'owner' && role !== 'auditor'),
  },
  'task.read': {
    description: 'Read tasks: auditors and admins every task, anyone the tasks they are a candidate for or assigned',
    roles: ['auditor', 'admin'],
    own: { rule: 'task-candidate', roles: 'signed-in' },
  },
  'task.claim': {
    description: 'Claim an open task',
    roles: [],
    own: { rule: 'task-candidate', roles: 'signed-in' },
  },
  'task.complete': {
    description: "Complete a task with its form's payload (the process's validator checks the candidate rule again)",
    roles: [],
    own: { rule: 'task-candidate', roles: 'signed-in' },
  },
  'task.release': {
    description: "Release a claimed task: its assignee, or a supervisor anyone's",
    roles: SUPERVISORS,
    own: { rule: 'own-assignment', roles: 'signed-in' },
  },
  'task.reassign': {
    description: 'Reassign a task to another candidate, choosing among the users of a role',
    roles: SUPERVISORS,
  },
  'process.read': {
    description: 'List and open process instances: diagram, timeline, data, related instances',
    roles: ['technician', 'tech-supervisor', 'monitoring-operator', 'procurement', 'finance', 'management', 'admin', 'auditor'],
    clauses: ['P1.3d'],
  },
  'access-process.read': {
    description: "Also list and open instances of access processes (ACCESS_PROCESSES): they hold people's names, units, credentials and readers",
    roles: ['management', 'admin', 'security-supervisor', 'guard', 'auditor'],
    clauses: ['P5.3c'],
  },
  'process.history.download': {
    description: "Download an instance's Temporal history",
    roles: ['auditor', 'admin', 'tech-supervisor', 'management'],
    clauses: ['P5.3c'],
  },
  'process.replay': {
    description: "Replay an instance's history against the current workflow code",
    roles: ['auditor', 'admin', 'tech-supervisor'],
    clauses: ['P3.3b'],
  },
  'kpi.read': {
    description: "Read the indicators (service quality, stability, construction, satisfaction, platform use), export them, and a process's heatmap",
    roles: ['management', 'committee-member', 'tech-supervisor', 'auditor', 'admin'],
    clauses: ['P7.2a', 'P3.3c'],
  },

  // Projects, suppliers, procurement (P2.2, P2.3)
  'project-delivery.start': {
    description: 'Start the delivery of a signed contract',
    roles: PROJECT_STARTERS,
    clauses: ['P2.3a'],
  },
  'project-delivery.read': {
    description: 'Read deliveries: plan, milestones, progress, issues',
    roles: PROJECT_READERS,
    clauses: ['P2.3a', 'P2.3b'],
  },
  'project-delivery.log-issue': {
    description: 'Log an issue on a delivery',
    roles: ['technician', 'tech-supervisor', 'procurement', 'management', 'admin'],
    clauses: ['P2.3b'],
  },
  'project-acceptance.read': {
    description: 'Read acceptances and download acceptance reports',
    roles: PROJECT_READERS,
    clauses: ['P2.3c'],
  },
  'supplier-evaluation.start': {
    description: 'Evaluate a supplier on demand',
    roles: PROJECT_STARTERS,
    clauses: ['P2.2c'],
  },
  'supplier-evaluation.read': {
    description: "Read evaluation scores and suppliers' standing",
    roles: ['technician', 'tech-supervisor', 'procurement', 'management', 'committee-member', 'auditor', 'admin'],
    clauses: ['P2.2c'],
  },
  'supplier.read': {
    description: 'Read the supplier registry: staff every supplier, a supplier its own entry',
    roles: SUPPLY_READERS,
    own: { rule: 'own-vendor', roles: ['vendor'] },
    clauses: ['P2.2a'],
  },
  'supplier-qualification.start': {
    description: 'Register a supplier and start its qualification, or re-qualify one',
    roles: REGISTRY_KEEPERS,
    clauses: ['P2.2a'],
  },
  'supplier.documents.manage': {
    description: "Add documents to a supplier's file; list documents expired or expiring",
    roles: REGISTRY_KEEPERS,
    clauses: ['P2.2a'],
  },
  'procurement.start': {
    description: 'Start the procurement of a project',
    roles: ['procurement', 'management', 'admin'],
    clauses: ['P2.2b'],
  },
  'procurement.read': {
    description: 'Read procurements and, after the opening, their bids: staff all, a supplier those it is invited to and its own bid',
    roles: SUPPLY_READERS,
    own: { rule: 'invited-vendor', roles: ['vendor'] },
    clauses: ['P2.2b'],
  },
  'procurement.bid': {
    description: "Submit a sealed bid and read its receipt (an invited, qualified supplier, before the deadline)",
    roles: [],
    own: { rule: 'invited-vendor', roles: ['vendor'] },
    clauses: ['P2.2b'],
  },

  // Upgrades (P3.3)
  'firmware.register': {
    description: "Register a firmware release with its file and SHA-256: staff for any supplier, a supplier's staff for their own company",
    roles: ['tech-supervisor', 'admin'],
    own: { rule: 'own-vendor', roles: ['vendor'] },
    clauses: ['P3.3a'],
  },
  'firmware.read': {
    description: "Read firmware releases and download their files: staff all of them, a supplier's staff their own company's",
    roles: ['technician', 'tech-supervisor', 'management', 'admin', 'auditor'],
    own: { rule: 'own-vendor', roles: ['vendor'] },
    clauses: ['P3.3a'],
  },
  'device-upgrade.start': {
    description: 'Draft a device upgrade plan (what per model, which devices, window, risk assessment, rollback plan, waves, failure threshold); its approval follows',
    roles: ['tech-supervisor'],
    clauses: ['P3.3a'],
  },
  'device-upgrade.read': {
    description: "Read upgrade plans, each device's record (versions, backup, checks, durations), devices' reported firmware and the assessment's proposals",
    roles: ['technician', 'tech-supervisor', 'management', 'admin', 'auditor'],
    clauses: ['P3.3a', 'P3.3b'],
  },

  // Operation: inspections, the control room (P3.1, P4.2c)
  'inspection.plan.manage': {
    description: 'Create, change and deactivate inspection plans and their schedules',
    roles: INSPECTION_PLANNERS,
    clauses: ['P3.1a'],
  },
  'inspection.start': {
    description: 'Run an inspection plan now, besides its cycle',
    roles: INSPECTION_PLANNERS,
    clauses: ['P3.1a'],
  },
  'inspection.read': {
    description: 'Read inspection plans, records and checklist photos',
    roles: [...OPERATING_STAFF, 'auditor'],
    clauses: ['P3.1a', 'P3.1c'],
  },
  'inspection.overdue.read': {
    description: 'See open inspections past their due time (the monitoring console)',
    roles: ['monitoring-operator', 'technician', 'tech-supervisor', 'management', 'admin'],
    clauses: ['P3.1a'],
  },
  'inspection.photo.upload': {
    description: 'Upload a checklist photo',
    roles: [...INSPECTOR_ROLES, 'admin'],
    clauses: ['P3.1c'],
  },
  'console.read': {
    description: 'The control-room console: alarm incidents, guards, device health, live stream, camera snapshots',
    roles: ['monitoring-operator', 'security-supervisor', 'guard', 'management', 'admin'],
    clauses: ['P3.1b', 'P4.2a', 'P4.2c'],
  },
  'alarm-linkage.assign-guard': {
    description: 'Assign a guard to an incident not yet acknowledged',
    roles: ['monitoring-operator', 'security-supervisor', 'admin'],
    clauses: ['P4.2c'],
  },
  'alarm-linkage.acknowledge': {
    description: "Acknowledge an alarm on the console: the dispatch task's guards and, once escalated, the security supervisor",
    roles: [],
    own: { rule: 'task-candidate', roles: ['guard', 'security-supervisor'] },
    clauses: ['P4.2c'],
  },

  // Access control (P4.2b)
  'access.people.read': {
    description: 'Read people with access, their credentials, consents and deletions: access readers everyone, anyone themselves',
    roles: ACCESS_READERS,
    own: { rule: 'own-person', roles: 'signed-in' },
    clauses: ['P4.2b', 'P5.3c'],
  },
  'access.people.register': {
    description: 'Register an owner, resident or staff member for access',
    roles: ACCESS_STAFF,
    clauses: ['P4.2b'],
  },
  'access.records.read': {
    description: 'Read the face-deletion log, the plate list and barrier decisions',
    roles: ACCESS_READERS,
    clauses: ['P4.2b', 'P5.3c'],
  },
  'access.leave.record': {
    description: 'Record that an owner moved out or a staff member left: every credential is revoked',
    roles: [...ACCESS_STAFF, 'hr'],
    clauses: ['P4.2b'],
  },
  'access.anpr.check': {
    description: 'Answer a plate read at a barrier',
    roles: ACCESS_STAFF,
    clauses: ['P4.2b'],
  },
  'credential-enrolment.start': {
    description: "Enrol a credential on the doors of a person's area",
    roles: ACCESS_STAFF,
    clauses: ['P4.2b'],
  },
  'access-revocation.start': {
    description: 'Revoke one credential on every device',
    roles: ACCESS_STAFF,
    clauses: ['P4.2b'],
  },
  'face-consent.record': {
    description: 'Record face-recognition consent: the person themselves, or access staff with the signed form',
    roles: ACCESS_STAFF,
    own: { rule: 'own-person', roles: ['owner'] },
    clauses: ['P4.2b'],
  },
  'face-consent.withdraw': {
    description: 'Withdraw face consent; an enrolled face is then deleted',
    roles: ACCESS_STAFF,
    own: { rule: 'own-person', roles: ['owner'] },
    clauses: ['P4.2b'],
  },
  'face-deletion.start': {
    description: 'Delete a face from every device and from Steward (PIPL art. 47)',
    roles: ACCESS_STAFF,
    own: { rule: 'own-person', roles: ['owner'] },
    clauses: ['P4.2b'],
  },
  'visitor-pass.read': {
    description: 'Read visitor passes: access readers all, an owner those of their own units',
    roles: ACCESS_READERS,
    own: { rule: 'own-unit', roles: 'signed-in' },
    clauses: ['P4.2b'],
  },
  'visitor-pass.start': {
    description: 'Issue a visitor pass: access staff for any unit (no quota), an owner for their own units',
    roles: ACCESS_STAFF,
    own: { rule: 'own-unit', roles: ['owner'] },
    clauses: ['P4.2b'],
  },
  'visitor-pass.cancel': {
    description: 'End a visitor pass early',
    roles: ACCESS_STAFF,
    own: { rule: 'own-unit', roles: ['owner'] },
    clauses: ['P4.2b'],
  },
  'plate-list.start': {
    description: 'Allow, refuse or remove a vehicle plate on every barrier',
    roles: ACCESS_STAFF,
    clauses: ['P4.2b'],
  },

  // Governance (P2.1)
  'annual-plan.start': {
    description: "Start a year's annual plan",
    roles: ['management', 'admin'],
    clauses: ['P2.1a'],
  },
  'governance.read': {
    description: "Read approved annual plans and filings with the owners' committee",
    roles: ['committee-member', 'management', 'tech-supervisor', 'finance', 'auditor', 'admin'],
    clauses: ['P2.1a', 'P2.1b', 'P2.1c'],
  },
  'owners-vote.start': {
    description: "Put a matter to the owners' vote",
    roles: ['committee-member', 'management', 'admin'],
    clauses: ['P2.1c'],
  },
  'owners-vote.cast': {
    description: 'Cast a ballot: an owner on the roll, or as their recorded proxy',
    roles: [],
    own: { rule: 'on-the-roll', roles: ['owner', 'committee-member'] },
    clauses: ['P2.1c'],
  },
  'owners-vote.proxy': {
    description: 'Record a proxy who casts your ballot',
    roles: [],
    own: { rule: 'on-the-roll', roles: ['owner'] },
    clauses: ['P2.1c'],
  },
  'owners-vote.object': {
    description: 'Object to the published result within the objection period',
    roles: [],
    own: { rule: 'on-the-roll', roles: ['owner'] },
    clauses: ['P2.1c'],
  },
  'owners-vote.evidence': {
    description: 'Download the evidence of a vote: the frozen roll, the ballots, the evidence pack',
    roles: ['committee-member', 'management', 'auditor', 'admin'],
    clauses: ['P2.1c', 'P5.3c'],
  },

  // Master data through review (P5.1b)
  'data-review.start': {
    description: "Enter a change to the community's master data (units, their owners and residents, staff users and their roles, devices), one at a time or as an imported sheet: it waits as a draft for its checker",
    roles: ['admin'],
    clauses: ['P5.1a', 'P5.1b'],
  },
  'guard-roster.propose': {
    description: "Enter a change to the zones or the guard roster (which guard covers which zone on which shift): it waits as a draft for the security supervisor or an administrator, never its maker",
    roles: ['admin', 'security-supervisor'],
    clauses: ['P4.2c', 'P5.1b'],
  },
  'guard-roster.read': {
    description: 'Read the zones and the guard roster, and their history of changes',
    roles: ['admin', 'security-supervisor', 'guard', 'management', 'auditor'],
    clauses: ['P4.2c', 'P5.1b', 'P5.3c'],
  },
  'account.password.reset': {
    description: "Reset another user's password: a one-time password to hand over, to be changed at their next sign-in",
    roles: ['admin'],
    clauses: ['P5.1b'],
  },
  'staff-user.read': {
    description: 'Read the staff accounts (department, roles, in use or not) and their history of changes: administrators, and HR who check changes to them',
    roles: ['admin', 'hr', 'management', 'auditor'],
    clauses: ['P1.2', 'P5.1b', 'P5.3c'],
  },
  'data-review.read': {
    description: 'Read master-data changes in review, units with their owners and residents (identity documents masked), and their history of changes',
    roles: ['admin', 'management', 'auditor'],
    clauses: ['P5.1b', 'P5.3c'],
  },

  // Training and assessment (P6, P5.3a)
  'training-cycle.start': {
    description: "Start a year's training cycle (needs analysis, plan, sessions, assessments) besides the year-start Schedule",
    roles: ['hr', 'management', 'admin'],
    clauses: ['P6.1a'],
  },
  'training-file.read': {
    description: "Read training files (sessions, certificates with expiry, scores, skills) and their certificates: HR and management everyone's, anyone their own",
    roles: ['hr', 'management'],
    own: { rule: 'own-account', roles: 'signed-in' },
    clauses: ['P6.3a', 'P5.3a', 'P5.3c'],
  },
  'training.certificate.upload': {
    description: "Upload a training certificate (PDF, PNG or JPEG, checked to be what it says) for a session's record",
    roles: ['hr', 'admin'],
    clauses: ['P6.2a–c'],
  },

  // The access log (P5.3c)
  'access-log.read': {
    description: 'Read the log of personal-data reads and verify its hash chain',
    roles: ['auditor', 'admin'],
    clauses: ['P5.3c'],
  },
  'access-log.alerts.read': {
    description: 'Read the anomaly alerts raised on the access log and their review',
    roles: ['auditor', 'admin', 'security-supervisor'],
    clauses: ['P5.3c'],
  },

  // Backups (P5.2b)
  'backup.read': {
    description: "Read the backups: chains, sizes, durations, the off-site copy, the restore drills' results",
    roles: ['tech-supervisor', 'admin'],
    clauses: ['P5.2b'],
  },
  'backup.run': {
    description: 'Back up now (full or incremental) or run a restore drill',
    roles: ['tech-supervisor', 'admin'],
    clauses: ['P5.2b'],
  },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

/** The actions that start a process, one per process people start: `<process>.start`. */
export type StartAction = Extract<Action, `${string}.start`>;

interface Holder {
  roles: readonly string[];
}

/** An action's entry, as the general shape (the table itself keeps its literal types). */
export const permissionOf = (action: Action): Permission => PERMISSIONS[action];

/** Everyone who may do the action on something: its roles and its own-record roles, or every signed-in user. */
export function rolesFor(action: Action): readonly Role[] | 'signed-in' {
  const { roles, own } = permissionOf(action);
  if (own?.roles === 'signed-in') return 'signed-in';
  return [...new Set([...roles, ...(own?.roles ?? [])])];
}

const holdsAny = (user: Holder, roles: readonly Role[]) => user.roles.some((role) => (roles as readonly string[]).includes(role));

/** May the user do the action on something (any record, or their own)? The route's gate. */
export function can(user: Holder | null | undefined, action: Action): boolean {
  if (!user) return false;
  const roles = rolesFor(action);
  return roles === 'signed-in' || holdsAny(user, roles);
}

/** May the user do the action on any record, so no own-record rule applies to them? */
export const canOnAny = (user: Holder | null | undefined, action: Action): boolean => !!user && holdsAny(user, permissionOf(action).roles);

/** The candidate rule of a task: one of its candidate users, or holding one of its candidate roles. */
export const isTaskCandidate = (actor: { userId: string; roles: readonly string[] }, task: { candidateUsers: readonly string[]; candidateRoles: readonly string[] }) =>
  task.candidateUsers.includes(actor.userId) || actor.roles.some((role) => task.candidateRoles.includes(role));

/** Processes about people's door access, and reviews of who read personal data: their instances need `access-process.read` (M6). */
export const ACCESS_PROCESSES: readonly string[] = ['credential-enrolment', 'visitor-pass', 'access-revocation', 'face-deletion', 'plate-list', 'access-anomaly'];

/** The processes a user may not list or open, though they may open process pages. */
export const hiddenProcesses = (user: Holder): readonly string[] => (can(user, 'access-process.read') ? [] : ACCESS_PROCESSES);

/**
 * P5.1b: each kind of master data, the role that checks its changes and the role that approves second the changes
 * that weigh on votes and fees (registered areas, ownership). Neither may be the change's maker (`isEarlierActor`).
 */
export const DATA_STEWARDS = {
  unit: { checkers: ['admin'], secondApprovers: ['management'] },
  'unit-owner': { checkers: ['admin'], secondApprovers: ['management'] },
  // A staff user's roles decide what they may do: management approves a change of them second.
  user: { checkers: ['admin', 'hr'], secondApprovers: ['management'] },
  // A device's connection data are the technology department's to check.
  device: { checkers: ['tech-supervisor'], secondApprovers: ['management'] },
  // Residents and tenants are the administration's (the front desk) to check; they weigh on no vote or fee.
  resident: { checkers: ['admin'], secondApprovers: ['management'] },
  // Zones and the guard roster are security's: the security supervisor or an administrator checks them (P4.2c); no
  // second approval (they weigh on no vote or fee).
  zone: { checkers: ['security-supervisor', 'admin'], secondApprovers: ['management'] },
  'guard-shift': { checkers: ['security-supervisor', 'admin'], secondApprovers: ['management'] },
} as const satisfies Record<string, { checkers: readonly Role[]; secondApprovers: readonly Role[] }>;

export type DataKind = keyof typeof DATA_STEWARDS;

/**
 * Four eyes (P5.1b): a task's context names who already acted on the change it decides (`makerId`, `checkerId`);
 * none of them may claim or complete it, whatever roles they hold.
 */
export const EARLIER_ACTOR_KEYS = ['makerId', 'checkerId'] as const;

export const isEarlierActor = (actor: { userId: string }, task: { context: unknown }) => {
  const context = (task.context ?? {}) as Record<string, unknown>;
  return EARLIER_ACTOR_KEYS.some((key) => context[key] === actor.userId);
};

/** Nobody reviews a change to their own account (P5.1b): a task's context names that account as `subjectUserId`. */
export const isChangeSubject = (actor: { userId: string }, task: { context: unknown }) => ((task.context ?? {}) as Record<string, unknown>).subjectUserId === actor.userId;
